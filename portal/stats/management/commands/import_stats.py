"""Import starting values from the old site.

    manage.py import_stats --total 46012327
    manage.py import_stats --views old-views.csv

The CSV has two columns (a header row is optional): an old-site id or URL, and a
count. Accepted references: ``/pages/detail/<id>/<slug>.html`` (the provincial
platform's URL, matched through the Wagtail redirect from that old address or, as a
fallback, by the slug), a full URL or a path of a page on this site, or a page id here.
Unknown rows are reported and skipped; the import is idempotent.
"""

import csv
import re
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from portal.stats import api

OLD_URL = re.compile(r"/pages/detail/(?P<id>\d+)/(?P<slug>[^/]+?)(?:\.html?)?/?$")


def resolve(ref, site):
    """The live page an old-site reference names, or None."""
    ref = ref.strip()
    if not ref:
        return None
    path = urlsplit(ref).path if "://" in ref or ref.startswith("/") else ref
    match = OLD_URL.search(path)
    if match:
        # A redirect from the old address (set up by the content import) names the page.
        redirect = (
            Redirect.objects.filter(old_path=Redirect.normalise_path(path), redirect_page__isnull=False)
            .select_related("redirect_page")
            .first()
        )
        if redirect is not None:
            return redirect.redirect_page.specific
        page = Page.objects.filter(slug=match["slug"]).first()
        return page.specific if page else None
    if path.isdigit():
        page = Page.objects.filter(pk=int(path)).first()
        return page.specific if page else None
    if site is not None and path.startswith("/"):
        root = site.root_page
        url_path = root.url_path.rstrip("/") + "/" + path.strip("/") + "/"
        if path.strip("/") == "":
            url_path = root.url_path
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            # /en/... and other language prefixes: try without the first segment
            parts = path.strip("/").split("/", 1)
            if len(parts) == 2 and len(parts[0]) == 2:
                page = Page.objects.filter(
                    url_path__endswith="/" + parts[1] + "/", slug=parts[1].split("/")[-1]
                ).first()
        return page.specific if page else None
    return None


class Command(BaseCommand):
    help = "Nhập số liệu ban đầu từ trang cũ: tổng lượt truy cập và lượt xem từng bài."

    def add_arguments(self, parser):
        parser.add_argument("--total", type=int, help="Tổng lượt truy cập của trang cũ, ví dụ 46012327.")
        parser.add_argument("--views", metavar="CSV", help="Tệp CSV: mã hoặc địa chỉ bài viết cũ, lượt xem.")

    def handle(self, *args, total=None, views=None, **options):
        if total is None and views is None:
            raise CommandError("Cần --total hoặc --views.")
        if total is not None:
            if total < 0:
                raise CommandError("--total phải ≥ 0.")
            api.set_initial_total(total)
            self.stdout.write(f"Tổng lượt truy cập ban đầu: {total}")
        if views:
            self._import_views(views)

    def _import_views(self, filename):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        imported, unknown = 0, []
        try:
            handle = open(filename, newline="", encoding="utf-8-sig")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Không mở được {filename}: {exc}") from exc
        with handle:
            for line_no, row in enumerate(csv.reader(handle), start=1):
                if not row or not "".join(row).strip():
                    continue
                if len(row) < 2:
                    unknown.append((line_no, ",".join(row), "thiếu cột lượt xem"))
                    continue
                ref, count = row[0], row[1].strip().replace(".", "").replace(",", "")
                if not count.isdigit():
                    if line_no == 1:
                        continue  # header
                    unknown.append((line_no, ref, "lượt xem không hợp lệ"))
                    continue
                page = resolve(ref, site)
                if page is None:
                    unknown.append((line_no, ref, "không tìm thấy trang"))
                    continue
                api.set_initial_views(page, int(count))
                imported += 1
        self.stdout.write(f"Đã nhập lượt xem của {imported} trang.")
        for line_no, ref, reason in unknown:
            self.stderr.write(f"Dòng {line_no}: {ref} — {reason}")
        if unknown:
            self.stderr.write(f"{len(unknown)} dòng không nhập được.")
