"""Import the old site's articles, plans and videos.

    manage.py import_legacy export.jsonl          # or export.csv
    manage.py import_legacy export.jsonl --quiet  # only the final report

Safe to run again (updates changed records, never duplicates) and to interrupt with
Ctrl-C (the next run resumes after the records already imported). The format and the
mapping (each content app's ``legacy_import`` declaration) are in docs/editorial.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.legacy.run import ImportRun


class Command(BaseCommand):
    help = _("Nhập bài viết, kế hoạch và video từ bản xuất dữ liệu của trang cũ (JSON lines hoặc CSV).")

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help=_("Tệp xuất dữ liệu (.jsonl hoặc .csv); đường dẫn tệp đính kèm tính từ thư mục của tệp này.")
        )
        parser.add_argument("--format", choices=["jsonl", "csv"], help=_("Định dạng tệp (mặc định: theo đuôi tệp)."))
        parser.add_argument("--quiet", action="store_true", help=_("Không in thanh tiến độ và ghi chú từng bản ghi."))

    def handle(self, *args, file, format=None, quiet=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": file})
        run = ImportRun(
            path,
            fmt=format,
            stdout=self.stdout,
            stderr=self.stderr._out,
            progress=not quiet,
            notes=not quiet,
        ).run()
        self.stdout.write(run.report())
        if run.interrupted:
            raise CommandError(_("Nhập dữ liệu bị ngắt."), returncode=130)
