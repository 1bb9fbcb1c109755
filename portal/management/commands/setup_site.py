"""First start of a real installation: the department's site structure, no demo content.

    manage.py setup_site

Creates what is missing of the home page, Giới thiệu and its pages, Liên hệ, the
sections and their listings of every content app (with the menus), and the agency's
profile for the department to complete in the admin (Cài đặt → Thông tin cơ quan), then
points the Wagtail Site at the public address ``PORTAL_BASE_URL`` (host name and port):
canonical links and the purges sent to nginx after a publication use it. Running it again
changes nothing an editor made; it only corrects the Site's address.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from portal.core import site_structure


class Command(BaseCommand):
    help = "Tạo cấu trúc cổng thông tin của Sở (không có nội dung mẫu) và đặt địa chỉ trang theo PORTAL_BASE_URL."

    def handle(self, *args, **options):
        try:
            site_structure.site_address(settings.PORTAL_BASE_URL)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        home = site_structure.build(self.stdout)
        site = site_structure.set_site_address(home, settings.PORTAL_BASE_URL)
        self.stdout.write(
            self.style.SUCCESS(
                f"Cấu trúc cổng thông tin đã sẵn sàng tại {site.root_url}/ "
                "(không có tin, kế hoạch hay video mẫu). Bổ sung thông tin cơ quan trong trang quản trị."
            )
        )
