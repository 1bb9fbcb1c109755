"""``manage.py import_procedures danh-sach.xlsx``: procedures from the public-service
portal's export (CSV or XLSX); bad rows are listed in Vietnamese, the rest imported."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procedures.importing import import_file


class Command(BaseCommand):
    help = (
        "Nhập danh sách thủ tục hành chính từ tệp CSV hoặc XLSX xuất từ Cổng Dịch vụ công (chạy lại không tạo trùng)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .csv (UTF-8) hoặc .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu gì.")
        parser.add_argument("--linh-vuc", default="", help="Lĩnh vực cho các dòng không có cột lĩnh vực.")

    def handle(self, *args, path, dry_run, linh_vuc, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        report = import_file(file.read_bytes(), file.name, dry_run=dry_run, default_field=linh_vuc)
        if not report.ok:
            raise CommandError(report.fatal)
        first, *errors = report.lines()
        self.stdout.write(("(Chạy thử, chưa lưu) " if dry_run else "") + first)
        for line in errors:
            self.stderr.write(line)
