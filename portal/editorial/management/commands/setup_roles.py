"""Create or complete the editorial roles and the approval workflow (idempotent).

    manage.py setup_roles
    manage.py setup_roles --section /tin-tuc/ --group "Biên tập viên Tin tức"

The second form adds a group of editors limited to one section (by URL path below the
home page, or by page id).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal.core.params import parse_int
from portal.editorial import roles


def find_section(value):
    page_id = parse_int(value, minimum=1)
    if page_id is not None:
        page = Page.objects.filter(pk=page_id).first()
    else:
        page = None
        path = "/" + value.strip("/") + "/"
        for site in Site.objects.select_related("root_page"):
            page = Page.objects.filter(url_path=site.root_page.url_path + path.lstrip("/")).first()
            if page is not None:
                break
        if page is None:
            page = Page.objects.filter(url_path=path).first()
    if page is None:
        raise CommandError(_("Không tìm thấy chuyên mục “%(value)s”.") % {"value": value})
    return page


class Command(BaseCommand):
    help = _("Tạo hoặc bổ sung các nhóm Biên tập viên, Người duyệt, Quản trị và quy trình Phê duyệt.")

    def add_arguments(self, parser):
        parser.add_argument("--section", help=_("Chuyên mục (đường dẫn như /tin-tuc/ hoặc mã trang) để giới hạn nhóm."))
        parser.add_argument("--group", help=_("Tên nhóm biên tập viên của chuyên mục, ví dụ “Biên tập viên Tin tức”."))

    def handle(self, *args, section=None, group=None, **options):
        if bool(section) != bool(group):
            raise CommandError(_("Cần cả --section và --group."))
        with transaction.atomic():
            groups = roles.ensure_roles()
            for name in groups:
                self.stdout.write(_("Nhóm “%(name)s” đã sẵn sàng.") % {"name": name})
            self.stdout.write(_("Quy trình “%(name)s” áp dụng cho toàn bộ cây trang.") % {"name": roles.WORKFLOW})
            if section:
                page = find_section(section)
                roles.ensure_section_group(group, page)
                self.stdout.write(
                    _("Nhóm “%(group)s” chỉ được thêm và sửa trang trong “%(page)s”.")
                    % {"group": group, "page": page.title}
                )
