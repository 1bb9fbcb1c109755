"""Create the first admin account if there is none.

Honours Django's DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD /
DJANGO_SUPERUSER_EMAIL; otherwise creates ``admin`` with a generated password that is
printed once (and never again: a second run finds the account and prints no password).
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị đầu tiên nếu chưa có."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin"
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL") or "admin@example.invalid"
        user = User.objects.filter(username=username).first()
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    f"Admin: {url} — user '{username}', password from DJANGO_SUPERUSER_PASSWORD (updated)."
                )
            else:
                self.stdout.write(f"Admin: {url} — user '{username}' (account already exists; password unchanged).")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        if generated:
            self.stdout.write(
                f"Admin: {url}\n  user:     {username}\n  password: {password}\n"
                "  (generated and shown only this once; change it in the admin)"
            )
        else:
            self.stdout.write(f"Admin: {url} — user '{username}', password from DJANGO_SUPERUSER_PASSWORD.")
