"""The Redis store: the beacon is one Lua script, no database write per view.

Keys (all under ``PORTAL_STATS_REDIS_PREFIX``):

- ``rl:<source>:<period>``   beacons from one source in the current rate window (TTL)
- ``v:<visitor>``           when the visitor was last seen (TTL 2 days; new visit / visitor)
- ``d:<visitor>:<page>``    when this visitor's view of the page was last counted (TTL)
- ``online``                sorted set visitor → last seen (trimmed to the online window)
- ``pending``               hash of increments not yet in the database:
                            ``p:<ct>:<pk>`` page views, ``pd:<day>:<ct>:<pk>`` views per page
                            per day, ``dv|dn|du:<day>`` daily views / visits / visitors,
                            ``t`` site visits
- ``batch:<token>``          a ``pending`` hash renamed by a flush, until applied
- ``batches``               set of batch tokens being flushed
- ``base:p:<ct>:<pk>``, ``base:t``  database totals as of the last flush (TTL; refilled
                            from the database, guarded by ``gen``)
- ``gen``                   incremented by every flush and every direct edit
- ``salt:<day>``            the day's random salt

Public numbers = database totals (``base``) + ``pending`` + batches being flushed.
"""

import contextlib
import logging
import time
import uuid

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from hitcount.models import HitCount

from .. import clock, limits, sql
from ..models import FlushBatch, SiteTotal
from . import Numbers, Store

logger = logging.getLogger("portal.stats")

BASE_TTL = 300
VISITOR_TTL = 2 * 86400

# Sum of a field over pending and every batch being flushed.
_SUM = """
local function pending_sum(p, field)
  local n = tonumber(redis.call('HGET', p..'pending', field) or '0')
  for _, token in ipairs(redis.call('SMEMBERS', p..'batches')) do
    n = n + tonumber(redis.call('HGET', p..'batch:'..token, field) or '0')
  end
  return n
end
"""

# GCRA token bucket (portal.stats.limits): take one token from ``key`` or return false.
# ``prev`` (yesterday's key of the same source) is carried over while today's is missing.
_GCRA = """
local function take(key, prev, burst, interval, now_ms)
  local tat = redis.call('GET', key)
  if (not tat) and prev ~= '' then tat = redis.call('GET', prev) end
  tat = tonumber(tat or '0')
  if tat < now_ms then tat = now_ms end
  if tat - now_ms > (burst - 1) * interval then return false end
  redis.call('SET', key, tat + interval, 'PX', tat + interval - now_ms + 1000)
  return true
end
"""

RECORD = (
    _SUM
    + _GCRA
    + """
local p = ARGV[1]
local src, prev = ARGV[2], ARGV[3]
local now = tonumber(ARGV[7])
local now_ms = now * 1000
local function pkey(kind, s) if s == '' then return '' end return p..kind..s end
if not take(pkey('rl:', src), pkey('rl:', prev), tonumber(ARGV[13]), tonumber(ARGV[14]), now_ms) then
  return {-1}
end
local visitor = ARGV[5]
local page = ARGV[6]
local dedup = tonumber(ARGV[8])
local gap = tonumber(ARGV[9])
local window = tonumber(ARGV[10])
local day = ARGV[11]
local pending = p..'pending'

local vkey = p..'v:'..visitor
local last = redis.call('GET', vkey)
if (not last) and not take(pkey('rn:', src), pkey('rn:', prev), tonumber(ARGV[17]), tonumber(ARGV[18]), now_ms) then
  return {-2}
end
local new_visitor, new_visit = 0, 0
if not last then
  new_visitor, new_visit = 1, 1
elseif tonumber(last) <= now - gap then
  new_visit = 1
end
redis.call('SET', vkey, now, 'EX', tonumber(ARGV[12]))
redis.call('ZADD', p..'online', now, visitor)

local counted = 0
local dkey = p..'d:'..visitor..':'..page
local seen = redis.call('GET', dkey)
if ((not seen) or tonumber(seen) <= now - dedup)
   and take(pkey('rp:', src..':'..page), pkey('rp:', prev ~= '' and prev..':'..page or ''),
            tonumber(ARGV[15]), tonumber(ARGV[16]), now_ms) then
  counted = 1
  redis.call('SET', dkey, now, 'EX', dedup + 3600)
  redis.call('HINCRBY', pending, 'p:'..page, 1)
  redis.call('HINCRBY', pending, 'pd:'..day..':'..page, 1)
  redis.call('HINCRBY', pending, 'dv:'..day, 1)
end
if new_visit == 1 then
  redis.call('HINCRBY', pending, 't', 1)
  redis.call('HINCRBY', pending, 'dn:'..day, 1)
end
if new_visitor == 1 then redis.call('HINCRBY', pending, 'du:'..day, 1) end

redis.call('ZREMRANGEBYSCORE', p..'online', '-inf', now - window)
local online = redis.call('ZCARD', p..'online')
local page_base = redis.call('GET', p..'base:p:'..page) or ''
local page_pending = pending_sum(p, 'p:'..page)
local total_base = redis.call('GET', p..'base:t') or ''
local total_pending = pending_sum(p, 't')
local gen = redis.call('GET', p..'gen') or '0'
return {counted, online, page_base, page_pending, total_base, total_pending, gen}
"""
)

READ = (
    _SUM
    + """
local p = ARGV[1]
local page = ARGV[2]
local online = redis.call('ZCOUNT', p..'online', '('..ARGV[3], '+inf')
local page_base, page_pending = '', 0
if page ~= '' then
  page_base = redis.call('GET', p..'base:p:'..page) or ''
  page_pending = pending_sum(p, 'p:'..page)
end
local total_base = redis.call('GET', p..'base:t') or ''
local total_pending = pending_sum(p, 't')
local gen = redis.call('GET', p..'gen') or '0'
return {0, online, page_base, page_pending, total_base, total_pending, gen}
"""
)

# Set a base value only if no flush or edit happened since ``gen`` was read.
SET_BASE = """
local p = ARGV[1]
if (redis.call('GET', p..'gen') or '0') == ARGV[2] then
  redis.call('SET', p..ARGV[3], ARGV[4], 'EX', tonumber(ARGV[5]))
  return 1
end
return 0
"""

# Start a flush: the pending hash becomes a batch (atomically, so no increment is lost
# or taken twice). Returns every batch token waiting, including ones left by a crash.
START_FLUSH = """
local p = ARGV[1]
if redis.call('EXISTS', p..'pending') == 1 then
  redis.call('RENAME', p..'pending', p..'batch:'..ARGV[2])
  redis.call('SADD', p..'batches', ARGV[2])
end
return redis.call('SMEMBERS', p..'batches')
"""

FINISH_FLUSH = """
local p = ARGV[1]
redis.call('DEL', p..'batch:'..ARGV[2])
redis.call('SREM', p..'batches', ARGV[2])
redis.call('INCR', p..'gen')
for i = 3, #ARGV do redis.call('DEL', p..ARGV[i]) end
return 1
"""

INVALIDATE = """
local p = ARGV[1]
redis.call('INCR', p..'gen')
for i = 2, #ARGV do redis.call('DEL', p..ARGV[i]) end
return 1
"""


def _int(value):
    return int(value) if value not in (None, b"", "") else None


# Connection refused, reset, timed out: Redis is down or unreachable.
DOWN = (redis.ConnectionError, redis.TimeoutError, OSError)


class Unsent(Exception):
    """Redis was not reached: the command certainly did not run."""


class RedisStore(Store):
    """Counting in Redis, with the database behind it.

    **When Redis fails** (connection refused, reset or timed out) nothing answers 5xx:

    - a beacon whose script certainly did not reach Redis (no connection could be made,
      or Redis is known to be down) is counted by a ``DatabaseStore`` directly in the
      database — the same rules, its own de-duplication and buckets — and answered as
      usual, so an accepted view is never lost;
    - a beacon whose connection broke while the script was on its way may or may not
      have been counted by Redis: it is answered ``"counted": null`` and not written
      twice (Redis, if it ran the script, keeps it; with ``appendonly`` it survives);
    - pages read the database's numbers (without what is pending in Redis);
    - for ``RETRY_AFTER`` seconds after a failure Redis is not tried at all (no time is
      spent on a dead server); then it is tried again, so Redis coming back needs no
      restart. A process that wrote to the database meanwhile drops the cached database
      totals in Redis when it reaches Redis again.
    """

    name = "redis"
    RETRY_AFTER = 1.0

    def __init__(self, url):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # No silent retries: a command is sent once, so a failure says whether it ran.
        self.client = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30, retry=Retry(NoBackoff(), 0)
        )
        self._record = self.client.register_script(RECORD)
        self._readscript = self.client.register_script(READ)
        self._set_base = self.client.register_script(SET_BASE)
        self._start = self.client.register_script(START_FLUSH)
        self._finish = self.client.register_script(FINISH_FLUSH)
        self._invalidate = self.client.register_script(INVALIDATE)
        self._down_until = 0.0
        self._stale_bases = False  # the database changed while Redis was unreachable
        self._db = None

    @property
    def prefix(self):
        return settings.PORTAL_STATS_REDIS_PREFIX

    @property
    def database(self):
        if self._db is None:
            from .db import DatabaseStore

            self._db = DatabaseStore()
        return self._db

    def ping(self):
        return self.client.ping()

    # --- failure handling ---------------------------------------------------------
    def _call(self, fn, **kwargs):
        """Run ``fn`` against Redis. Raises ``Unsent`` when Redis certainly did not run
        it, or another error from ``DOWN`` when it may have."""
        if self._down_until and time.monotonic() < self._down_until:
            raise Unsent
        sent = False
        try:
            if self._stale_bases:
                self._drop_bases()
                self._stale_bases = False
            sent = True
            result = fn(**kwargs)
        except DOWN as exc:
            if not self._down_until:
                logger.error("Statistics: Redis unavailable (%s); counting in the database", exc)
            self._down_until = time.monotonic() + self.RETRY_AFTER
            if not sent or _not_connected(exc):
                raise Unsent from exc
            raise
        if self._down_until:
            logger.warning("Statistics: Redis available again")
            self._down_until = 0.0
        return result

    def _drop_bases(self):
        """Forget every cached database total (they missed the database's increments)."""
        keys = [k.decode()[len(self.prefix) :] for k in self.client.scan_iter(match=f"{self.prefix}base:*")]
        self._invalidate(args=[self.prefix, *keys])

    # --- hot path ---------------------------------------------------------------
    def record(self, hit):
        page = f"{hit.content_type_id}:{hit.page_id}"
        rate, per_page, visitors = limits.rate(), limits.page(), limits.visitors()
        args = [
            self.prefix,
            hit.source,
            hit.prev_source or "",
            "",  # (unused slot)
            hit.visitor,
            page,
            hit.now,
            settings.PORTAL_STATS_DEDUP_MINUTES * 60,
            settings.PORTAL_VISIT_GAP_MINUTES * 60,
            settings.PORTAL_ONLINE_WINDOW_MINUTES * 60,
            clock.local_day(hit.now).isoformat(),
            VISITOR_TTL,
            rate.burst,
            rate.interval_ms,
            per_page.burst,
            per_page.interval_ms,
            visitors.burst,
            visitors.interval_ms,
        ]
        try:
            result = self._call(self._record, args=args)
        except Unsent:
            self._stale_bases = True
            return self.database.record(hit)
        except DOWN:
            numbers = self.database.read(hit.content_type_id, hit.page_id, hit.now)
            numbers.counted = None  # Redis may or may not have run the script
            return numbers
        if result[0] == -1:
            return Numbers(views=None, online=0, total=0, limited=True)
        if result[0] == -2:  # too many new browsers from this source: nothing counted
            return self.read(hit.content_type_id, hit.page_id, hit.now)
        return self._numbers(result, hit.content_type_id, hit.page_id)

    def _numbers(self, result, content_type_id, object_pk):
        counted, online, page_base, page_pending, total_base, total_pending, gen = result
        gen = gen.decode() if isinstance(gen, bytes) else str(gen)
        views = None
        if object_pk is not None:
            base = _int(page_base)
            if base is None:
                base = self._db_views(content_type_id, object_pk)
                with contextlib.suppress(*DOWN):
                    self._set_base(args=[self.prefix, gen, f"base:p:{content_type_id}:{object_pk}", base, BASE_TTL])
            views = base + int(page_pending)
        base = _int(total_base)
        if base is None:
            base = SiteTotal.objects.filter(pk=1).values_list("imported", "counted").first()
            base = sum(base) if base else 0
            with contextlib.suppress(*DOWN):
                self._set_base(args=[self.prefix, gen, "base:t", base, BASE_TTL])
        return Numbers(views=views, online=int(online), total=base + int(total_pending), counted=bool(counted))

    def _db_views(self, content_type_id, object_pk):
        hits = (
            HitCount.objects.filter(content_type_id=content_type_id, object_pk=object_pk)
            .values_list("hits", flat=True)
            .first()
        )
        return hits or 0

    # --- reads ------------------------------------------------------------------
    def read(self, content_type_id, object_pk, now):
        page = f"{content_type_id}:{object_pk}" if object_pk is not None else ""
        window = settings.PORTAL_ONLINE_WINDOW_MINUTES * 60
        try:
            result = self._call(self._readscript, args=[self.prefix, page, now - window])
        except DOWN + (Unsent,):
            return self.database.read(content_type_id, object_pk, now)
        return self._numbers(result, content_type_id, object_pk)

    def page_views(self, content_type_id, object_pk):
        return self.read(content_type_id, object_pk, clock.now()).views

    def pending_daily(self):
        """{day: {"visits", "views", "visitors"}} not yet flushed (for the report)."""
        out = {}
        try:
            self._call(self.client.ping)
        except DOWN + (Unsent,):
            return out
        keys = [f"{self.prefix}pending"] + [
            f"{self.prefix}batch:{t.decode()}" for t in self.client.smembers(f"{self.prefix}batches")
        ]
        names = {"dv": "views", "dn": "visits", "du": "visitors"}
        for key in keys:
            for field, value in self.client.hgetall(key).items():
                kind, _, rest = field.decode().partition(":")
                if kind in names:
                    day = sql.parse_day(rest)
                    row = out.setdefault(day, {"visits": 0, "views": 0, "visitors": 0})
                    row[names[kind]] += int(value)
        return out

    def invalidate(self, pages=(), total=False):
        """Forget cached database totals after a direct edit (admin, import)."""
        keys = [f"base:p:{ct}:{pk}" for ct, pk in pages]
        if total:
            keys.append("base:t")
        try:
            self._call(self._invalidate, args=[self.prefix, *keys])
        except DOWN + (Unsent,):
            self._stale_bases = True  # done when Redis answers again

    # --- flush ------------------------------------------------------------------
    def flush(self, now=None):
        """Move pending increments into HitCount and the daily tables.

        Each batch is applied in one database transaction that also records its token
        in ``FlushBatch``; a concurrent or repeated flush of the same batch fails on
        that primary key and applies nothing, so every increment lands exactly once.
        """
        token = uuid.uuid4().hex
        summary = {"batches": 0, "pages": 0, "visits": 0, "views": 0}
        for raw in self._start(args=[self.prefix, token]):
            batch = raw.decode()
            data = {k.decode(): int(v) for k, v in self.client.hgetall(f"{self.prefix}batch:{batch}").items()}
            try:
                with transaction.atomic():
                    FlushBatch.objects.create(token=batch)
                    applied = self._apply(data)
            except IntegrityError:
                applied = None  # another flush applied it
            base_keys = [f"base:{k}" for k in data if k.startswith("p:")] + ["base:t"]
            self._finish(args=[self.prefix, batch, *base_keys])
            if applied:
                summary["batches"] += 1
                for key in ("pages", "visits", "views"):
                    summary[key] += applied[key]
        FlushBatch.objects.filter(applied_at__lt=_days_ago(7)).delete()
        self.database.prune(now or clock.now())  # rows the database wrote while Redis was down
        return summary

    def _apply(self, data):
        daily = {}
        pages = visits = views = 0
        with connection.cursor() as cur:
            for field, n in sorted(data.items()):
                if not n:
                    continue
                kind, _, rest = field.partition(":")
                if kind == "p":
                    ct, pk = rest.split(":")
                    sql.add_page_hits(cur, int(ct), int(pk), n)
                    pages += 1
                    views += n
                elif kind == "pd":
                    day, ct, pk = rest.split(":")
                    sql.add_page_day(cur, sql.parse_day(day), int(ct), int(pk), n)
                elif kind in ("dv", "dn", "du"):
                    row = daily.setdefault(rest, {"views": 0, "visits": 0, "visitors": 0})
                    row[{"dv": "views", "dn": "visits", "du": "visitors"}[kind]] += n
                elif kind == "t":
                    sql.add_site_visits(cur, n)
                    visits += n
            for day, row in daily.items():
                sql.add_daily(cur, sql.parse_day(day), **row)
        return {"pages": pages, "visits": visits, "views": views}


def _not_connected(exc):
    """True when the command certainly did not run: the connection could not be made, or
    Redis refused it while loading its data after a restart."""
    if isinstance(exc, ConnectionRefusedError | redis.exceptions.BusyLoadingError):
        return True
    return "connecting to" in str(exc)


def _days_ago(days):
    import datetime

    from django.utils import timezone

    return timezone.now() - datetime.timedelta(days=days)
