"""Move pending Redis increments into HitCount and the daily tables (run from cron,
e.g. every minute). Safe to run concurrently and to re-run after a crash."""

from django.core.management.base import BaseCommand

from portal.stats.stores import get_store


class Command(BaseCommand):
    help = "Ghi các lượt đếm đang chờ (Redis) vào cơ sở dữ liệu và dọn dữ liệu tạm đã hết hạn."

    def handle(self, *args, **options):
        store = get_store()
        summary = store.flush()  # the database store only prunes expired rows
        self.stdout.write(
            f"flush_stats ({store.name}): {summary['batches']} batch(es), {summary['views']} view(s) "
            f"on {summary['pages']} page(s), {summary['visits']} visit(s)"
        )
