"""List the Wagtail / wagtail-localize admin messages not yet translated into Vietnamese."""

from django.core.management.base import BaseCommand, CommandError

from portal.editorial.admin_catalogue import catalogue_path, missing_messages


class Command(BaseCommand):
    help = "Liệt kê các chuỗi giao diện quản trị (Wagtail, wagtail-localize) chưa dịch sang tiếng Việt."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail when a message is missing.")

    def handle(self, *args, check=False, **options):
        total = 0
        for domain in ("django", "djangojs"):
            missing = missing_messages(domain)
            total += len(missing)
            for app, msgid in missing:
                self.stdout.write(f"{domain} {app}: {msgid!r}")
            self.stdout.write(f"{catalogue_path(domain)}: thiếu {len(missing)} chuỗi.")
        if check and total:
            raise CommandError(f"Còn {total} chuỗi quản trị chưa dịch.")
