"""Load the portal's demo content; safe to run any number of times.

For trying the portal, never for a real installation (``manage.py setup_site``). Builds
the department's structure (``portal.core.site_structure``: home, Giới thiệu and Liên hệ, the
agency's facts, every app's sections), then calls every app's declared ``demo`` (``portal.registry``) so each
content app adds its demo content (news, plans, videos…).
"""

from django.core.management.base import BaseCommand

from portal import registry
from portal.core import site_structure


class Command(BaseCommand):
    help = "Tải nội dung mẫu cho cổng thông tin (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        def demo_content(home):
            for fn in registry.callables("demo"):
                fn(home, self.stdout)

        site_structure.build(self.stdout, then=demo_content)
        self.stdout.write(self.style.SUCCESS("Nội dung mẫu đã sẵn sàng."))
