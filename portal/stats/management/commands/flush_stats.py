"""Move pending Redis increments into HitCount and the daily tables (run from cron,
e.g. every minute). Safe to run concurrently and to re-run after a crash."""

import redis
from django.core.management.base import BaseCommand, CommandError

from portal.stats.stores import get_store


class Command(BaseCommand):
    help = "Ghi các lượt đếm đang chờ (Redis) vào cơ sở dữ liệu và dọn dữ liệu tạm đã hết hạn."

    def handle(self, *args, **options):
        store = get_store()
        try:
            summary = store.flush()  # the database store only prunes expired rows
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise CommandError(
                f"Redis không trả lời ({exc}); các lượt đếm đang chờ vẫn nằm trong Redis, hãy chạy lại sau."
            ) from exc
        self.stdout.write(
            f"flush_stats ({store.name}): {summary['batches']} batch(es), {summary['views']} view(s) "
            f"on {summary['pages']} page(s), {summary['visits']} visit(s)"
        )
