"""Import an existing register of documents from a spreadsheet.

    manage.py import_documents so-van-ban.xlsx --files tep-van-ban.zip --dry-run
    manage.py import_documents so-van-ban.xlsx --files tep-van-ban.zip

Columns (first row): Số ký hiệu, Loại văn bản, Ngày ban hành, Ngày có hiệu lực, Ngày hết
hiệu lực, Trích yếu, Tiêu đề, Cơ quan ban hành, Người ký, Chức vụ người ký, Lĩnh vực
(several separated by “|”), Tệp (file names in the folder or ZIP, separated by “|”).
See docs/van-ban.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.importer import MAPPING, RegisterReader, unpack
from portal.legacy.run import ImportRun


class Command(BaseCommand):
    help = _("Nhập sổ văn bản từ bảng tính (CSV hoặc XLSX) và thư mục hoặc tệp ZIP chứa tệp văn bản.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Bảng tính .csv hoặc .xlsx, mỗi dòng một văn bản."))
        parser.add_argument(
            "--files", help=_("Thư mục hoặc tệp .zip chứa các tệp văn bản (mặc định: thư mục của bảng tính).")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chạy thử: kiểm tra từng dòng, không nhập gì."))
        parser.add_argument("--quiet", action="store_true", help=_("Không in thanh tiến độ."))

    def handle(self, *args, file, files=None, dry_run=False, quiet=False, **options):
        path = Path(file)
        if not path.is_file() or path.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError(_("Không tìm thấy bảng tính .csv hoặc .xlsx: %(path)s") % {"path": file})
        source = Path(files) if files else path.parent
        if not source.exists():
            raise CommandError(_("Không tìm thấy thư mục hoặc tệp ZIP: %(path)s") % {"path": files})
        files_dir, temporary = unpack(source)
        try:
            reader = RegisterReader(path, files_dir)
            records = reader.records()
            run = ImportRun(
                files_dir / path.name,
                mapping=MAPPING,
                records=records,
                dry_run=dry_run,
                stdout=self.stdout,
                stderr=self.stderr._out,
                progress=not quiet,
            )
            run.run()
            if not dry_run:
                reader.set_topics()
            self.stdout.write(run.report())
        finally:
            if temporary is not None:
                temporary.cleanup()
        if run.interrupted:
            raise CommandError(_("Nhập dữ liệu bị ngắt."), returncode=130)
