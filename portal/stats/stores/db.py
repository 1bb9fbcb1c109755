# ruff: noqa: S608 - table names are quoted model db_table values; all values are parameters
"""The embedded store: everything in the database, one short transaction per beacon."""

import contextlib
import datetime
import fcntl
import os
import random

from django.conf import settings
from django.db import connection, transaction
from hitcount.models import HitCount

from .. import clock, limits, sql
from ..models import DailySalt, RateBucket, RecentView, RecentVisitor, SiteTotal
from . import Numbers, Store

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


def _take(cur, key, prev_key, bucket, hit):
    """Take one token from the GCRA bucket ``key`` (see ``portal.stats.limits``); False
    when it is empty. ``prev_key``: yesterday's key of the same source, carried over."""
    rb = _t(RateBucket)
    now_ms = hit.now_ms
    if prev_key:
        cur.execute(
            f"INSERT INTO {rb} (bucket, tat) SELECT %s, tat FROM {rb} WHERE bucket = %s ON CONFLICT (bucket) DO NOTHING",
            [key, prev_key],
        )
    start = f"(CASE WHEN {rb}.tat < %s THEN %s ELSE {rb}.tat END)"
    cur.execute(
        f"INSERT INTO {rb} (bucket, tat) VALUES (%s, %s) "
        f"ON CONFLICT (bucket) DO UPDATE SET tat = {start} + %s WHERE {start} - %s <= %s RETURNING 1",
        [
            key,
            now_ms + bucket.interval_ms,
            now_ms,
            now_ms,
            bucket.interval_ms,
            now_ms,
            now_ms,
            now_ms,
            bucket.tolerance_ms,
        ],
    )
    return cur.fetchone() is not None


def _count(cur, hit, day, dedup, gap):
    """De-duplicate, take the page's token, record the visitor; (counted, views, total)."""
    now = hit.now
    vt = _t(RecentVisitor)
    counted = False
    rv = _t(RecentView)
    view_key = f"{hit.visitor}:{hit.page_id}"
    cur.execute(f"SELECT 1 FROM {rv} WHERE key = %s AND counted_at > %s", [view_key, now - dedup])
    if cur.fetchone() is None:
        page_key = f"p:{hit.source}:{hit.page_id}"
        prev_key = hit.prev_source and f"p:{hit.prev_source}:{hit.page_id}"
        if _take(cur, page_key, prev_key, limits.page(), hit):
            cur.execute(
                f"INSERT INTO {rv} (key, counted_at) VALUES (%s, %s) "
                f"ON CONFLICT (key) DO UPDATE SET counted_at = excluded.counted_at "
                f"WHERE {rv}.counted_at <= %s RETURNING 1",
                [view_key, now, now - dedup],
            )
            counted = cur.fetchone() is not None

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
    return counted, views, total


class DatabaseStore(Store):
    name = "db"

    def __init__(self):
        self._online_memo = (None, 0)

    # --- hot path ---------------------------------------------------------------
    def record(self, hit):
        now = hit.now
        dedup = settings.PORTAL_STATS_DEDUP_MINUTES * 60
        gap = settings.PORTAL_VISIT_GAP_MINUTES * 60
        day = clock.local_day(now)
        with _sqlite_writer_lock(), transaction.atomic(), connection.cursor() as cur:
            if not _take(cur, f"r:{hit.source}", hit.prev_source and f"r:{hit.prev_source}", limits.rate(), hit):
                return Numbers(views=None, online=0, total=0, limited=True)

            vt = _t(RecentVisitor)
            cur.execute(f"SELECT 1 FROM {vt} WHERE visitor = %s", [hit.visitor])
            if cur.fetchone() is None and not _take(
                cur, f"n:{hit.source}", hit.prev_source and f"n:{hit.prev_source}", limits.visitors(), hit
            ):
                outcome = None  # too many new browsers from one source: counts nothing
            else:
                outcome = _count(cur, hit, day, dedup, gap)
        if outcome is None:
            return self.read(hit.content_type_id, hit.page_id, now)
        counted, views, total = outcome
        # The answer's other numbers are read after the commit, outside the writers' queue.
        with connection.cursor() as cur:
            if total is None or views is None:
                views_, _, total_ = self._read(cur, hit.content_type_id, hit.page_id, now, online=False)
                views = views if views is not None else views_
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
        RecentView.objects.filter(counted_at__lte=now - dedup).delete()
        RecentVisitor.objects.filter(last_seen__lt=keep_from).delete()
        RateBucket.objects.filter(tat__lt=now * 1000).delete()  # a full bucket is no row
        DailySalt.objects.filter(day__lt=clock.local_day(now) - datetime.timedelta(days=1)).delete()

    def flush(self, now=None):
        """Nothing is pending in the database store; only remove expired rows."""
        self.prune(now or clock.now())
        return {"batches": 0, "pages": 0, "visits": 0, "views": 0}
