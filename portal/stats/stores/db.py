# ruff: noqa: S608 - table names are quoted model db_table values; all values are parameters
"""The embedded store: everything in the database, one short transaction per beacon."""

import contextlib
import datetime
import fcntl
import os
import random
import secrets

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from hitcount.models import HitCount

from .. import clock, sql
from ..models import DailySalt, RateBucket, RecentView, RecentVisitor, SiteTotal
from . import Numbers

PRUNE_EVERY = 200  # on average, one beacon in this many removes expired rows
ONLINE_MEMO_FROM = 1000  # see DatabaseStore._online_now


def _t(model):
    return connection.ops.quote_name(model._meta.db_table)


@contextlib.contextmanager
def _sqlite_writer_lock():
    """On SQLite, queue the app server processes' counting transactions on a file lock.

    SQLite has one writer at a time; a second one waits in SQLite's busy handler, which
    sleeps 1, 2, 5, 10… ms between tries. ``flock`` wakes the next writer the moment
    the lock is free, which keeps the beacon several times faster under load. (A no-op
    on PostgreSQL and for in-memory test databases.)
    """
    name = str(connection.settings_dict.get("NAME", ""))
    if connection.vendor != "sqlite" or not name or name.startswith("file:") or ":memory:" in name:
        yield
        return
    fd = _lock_files.get(name)
    if fd is None:
        fd = _lock_files[name] = os.open(name + ".stats-lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


_lock_files = {}


class DatabaseStore:
    name = "db"

    def __init__(self):
        self._salts = {}
        self._online_memo = (None, 0)

    # --- identity ---------------------------------------------------------------
    def salt(self, now):
        day = clock.local_day(now)
        salt = self._salts.get(day)
        if salt is None:
            row = DailySalt.objects.filter(day=day).first()
            if row is None:
                try:
                    with transaction.atomic():
                        row = DailySalt.objects.create(day=day, salt=secrets.token_hex(16))
                except IntegrityError:
                    row = DailySalt.objects.get(day=day)
            salt = row.salt
            self._salts = {day: salt}
        return salt

    # --- hot path ---------------------------------------------------------------
    def record(self, hit):
        now = hit.now
        limit = settings.PORTAL_STATS_RATE_LIMIT
        period_len = settings.PORTAL_STATS_RATE_WINDOW_SECONDS
        dedup = settings.PORTAL_STATS_DEDUP_MINUTES * 60
        gap = settings.PORTAL_VISIT_GAP_MINUTES * 60
        day = clock.local_day(now)
        page = hit.page_id is not None
        with _sqlite_writer_lock(), transaction.atomic(), connection.cursor() as cur:
            period = now // period_len
            rb = _t(RateBucket)
            cur.execute(
                f"INSERT INTO {rb} (bucket, hits, period) VALUES (%s, 1, %s) "
                f"ON CONFLICT (bucket) DO UPDATE SET hits = {rb}.hits + 1 RETURNING hits",
                [f"{hit.source}:{period}", period],
            )
            if cur.fetchone()[0] > limit:
                return Numbers(views=None, online=0, total=0, limited=True)

            counted = False
            if page:
                rv = _t(RecentView)
                cur.execute(
                    f"INSERT INTO {rv} (key, counted_at) VALUES (%s, %s) "
                    f"ON CONFLICT (key) DO UPDATE SET counted_at = excluded.counted_at "
                    f"WHERE {rv}.counted_at <= %s RETURNING 1",
                    [f"{hit.visitor}:{hit.page_id}", now, now - dedup],
                )
                counted = cur.fetchone() is not None

            vt = _t(RecentVisitor)
            cur.execute(
                f"INSERT INTO {vt} (visitor, hits, last_seen, visit_hit) VALUES (%s, 1, %s, 1) "
                f"ON CONFLICT (visitor) DO UPDATE SET hits = {vt}.hits + 1, last_seen = excluded.last_seen, "
                f"visit_hit = CASE WHEN {vt}.last_seen <= %s THEN {vt}.hits + 1 ELSE {vt}.visit_hit END "
                "RETURNING hits, visit_hit",
                [hit.visitor, now, now - gap],
            )
            hits, visit_hit = cur.fetchone()
            new_visit = hits == visit_hit
            new_visitor = hits == 1

            views = None
            if counted:
                views = sql.add_page_hits(cur, hit.content_type_id, hit.page_id, 1)
                sql.add_page_day(cur, day, hit.content_type_id, hit.page_id, 1)
            sql.add_daily(cur, day, visits=int(new_visit), views=int(counted), visitors=int(new_visitor))
            total = sql.add_site_visits(cur, 1) if new_visit else None
        # The answer's other numbers are read after the commit, outside the writers' queue.
        with connection.cursor() as cur:
            if total is None or (page and views is None):
                views_, _, total_ = self._read(cur, hit.content_type_id, hit.page_id, now, online=False)
                views = views if views is not None else (views_ if page else None)
                total = total if total is not None else total_
            online = self._online_now(cur, now)
        if random.randrange(PRUNE_EVERY) == 0:  # noqa: S311 - sampling, not security
            self.prune(now)
        return Numbers(views=views, online=online, total=total, counted=counted)

    def _online_now(self, cur, now):
        """Counting thousands of online visitors costs milliseconds per beacon; when that
        many are online, one count per second (of the statistics clock) per process is
        enough. Smaller counts are always counted exactly."""
        memo_now, value = self._online_memo
        if memo_now == now and value >= ONLINE_MEMO_FROM:
            return value
        value = self._online(cur, now, settings.PORTAL_ONLINE_WINDOW_MINUTES * 60)
        self._online_memo = (now, value)
        return value

    # --- reads ------------------------------------------------------------------
    def _online(self, cur, now, window):
        cur.execute(f"SELECT COUNT(*) FROM {_t(RecentVisitor)} WHERE last_seen > %s", [now - window])
        return cur.fetchone()[0]

    def _views(self, cur, content_type_id, object_pk):
        cur.execute(
            f"SELECT hits FROM {_t(HitCount)} WHERE content_type_id = %s AND object_pk = %s",
            [content_type_id, object_pk],
        )
        row = cur.fetchone()
        return row[0] if row else 0

    def _read(self, cur, content_type_id, object_pk, now, online=True):
        window = settings.PORTAL_ONLINE_WINDOW_MINUTES * 60
        online_sql = f"(SELECT COUNT(*) FROM {_t(RecentVisitor)} WHERE last_seen > %s)" if online else "%s"
        cur.execute(
            f"SELECT (SELECT hits FROM {_t(HitCount)} WHERE content_type_id = %s AND object_pk = %s), "
            f"{online_sql}, (SELECT imported + counted FROM {_t(SiteTotal)} WHERE id = 1)",
            [content_type_id or 0, object_pk or 0, now - window if online else 0],
        )
        views, online, total = cur.fetchone()
        return views or 0, online or 0, total or 0

    def read(self, content_type_id, object_pk, now):
        """Current numbers, one query, no write."""
        with connection.cursor() as cur:
            views, online, total = self._read(cur, content_type_id, object_pk, now)
        return Numbers(views=views if object_pk else None, online=online, total=total)

    def page_views(self, content_type_id, object_pk):
        with connection.cursor() as cur:
            return self._views(cur, content_type_id, object_pk)

    def pending_daily(self):
        return {}

    def invalidate(self, pages=(), total=False):
        """Nothing is cached outside the database."""

    # --- maintenance ------------------------------------------------------------
    def prune(self, now):
        dedup = settings.PORTAL_STATS_DEDUP_MINUTES * 60
        gap = settings.PORTAL_VISIT_GAP_MINUTES * 60
        window = settings.PORTAL_ONLINE_WINDOW_MINUTES * 60
        # Visitor rows stay for the whole day (daily visitors) and at least the visit gap.
        keep_from = min(clock.start_of_day(now), now - max(gap, window))
        period = now // settings.PORTAL_STATS_RATE_WINDOW_SECONDS
        RecentView.objects.filter(counted_at__lte=now - dedup).delete()
        RecentVisitor.objects.filter(last_seen__lt=keep_from).delete()
        RateBucket.objects.filter(period__lt=period - 1).delete()
        DailySalt.objects.filter(day__lt=clock.local_day(now) - datetime.timedelta(days=1)).delete()

    def flush(self, now=None):
        """Nothing is pending in the database store; only remove expired rows."""
        self.prune(now or clock.now())
        return {"batches": 0, "pages": 0, "visits": 0, "views": 0}
