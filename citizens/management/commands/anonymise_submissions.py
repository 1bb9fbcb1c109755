"""Remove the personal data of submissions older than the retention period set in the
admin (Cài đặt → Hỏi đáp – góp ý – liên hệ), run daily by portal-anonymise.timer.

Removed: the sender's name, e-mail, phone, address, attachment, the hash of the network
source, and the addresses and bodies of the mails sent about them. Kept: the kind,
reference, dates, lĩnh vực, title, content, the handling and the answer (the published
questions stay published).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from citizens.models import CitizensSettings, OutgoingMail, Submission

ANONYMOUS = "(đã ẩn danh)"


class Command(BaseCommand):
    help = "Ẩn danh hoá dữ liệu cá nhân của thư người dân đã quá thời hạn lưu."

    def handle(self, *args, **options):
        days = CitizensSettings.load().retention_days
        cutoff = timezone.now() - timedelta(days=days)
        due = Submission.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
        count = 0
        for submission in due.iterator():
            with transaction.atomic():
                if submission.attachment:
                    submission.attachment.delete(save=False)
                submission.name = ANONYMOUS
                submission.email = submission.phone = submission.address = submission.source_hash = ""
                submission.attachment = ""
                submission.anonymised_at = timezone.now()
                submission.save(
                    update_fields=["name", "email", "phone", "address", "source_hash", "attachment", "anonymised_at"]
                )
                OutgoingMail.objects.filter(submission=submission).update(to="", body="", html_body="")
            count += 1
        if self.stdout:
            self.stdout.write(
                f"Đã ẩn danh hoá {count} thư gửi trước {timezone.localtime(cutoff):%d/%m/%Y} ({days} ngày)."
            )
