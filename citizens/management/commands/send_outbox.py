"""Send the e-mails still waiting in the outbox (run by portal-send-outbox.timer)."""

from django.core.management.base import BaseCommand

from citizens.outbox import send_pending


class Command(BaseCommand):
    help = "Gửi các thư điện tử còn chờ trong hàng đợi (thư chưa gửi được sẽ được thử lại lần sau)."

    def handle(self, *args, **options):
        sent, failed = send_pending(limit=1000)
        self.stdout.write(f"Đã gửi {sent} thư; {failed} thư chưa gửi được (sẽ thử lại).")
