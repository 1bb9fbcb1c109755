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

import secrets
import uuid

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from hitcount.models import HitCount

from .. import clock, sql
from ..models import FlushBatch, SiteTotal
from . import Numbers

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

RECORD = (
    _SUM
    + """
local p = ARGV[1]
local now = tonumber(ARGV[7])
local rl = p..'rl:'..ARGV[2]
local n = redis.call('INCR', rl)
if n == 1 then redis.call('EXPIRE', rl, tonumber(ARGV[4])) end
if n > tonumber(ARGV[3]) then return {-1} end
local visitor = ARGV[5]
local page = ARGV[6]
local dedup = tonumber(ARGV[8])
local gap = tonumber(ARGV[9])
local window = tonumber(ARGV[10])
local day = ARGV[11]
local pending = p..'pending'

local vkey = p..'v:'..visitor
local last = redis.call('GET', vkey)
local new_visitor, new_visit = 0, 0
if not last then
  new_visitor, new_visit = 1, 1
elseif tonumber(last) <= now - gap then
  new_visit = 1
end
redis.call('SET', vkey, now, 'EX', tonumber(ARGV[12]))
redis.call('ZADD', p..'online', now, visitor)

local counted = 0
if page ~= '' then
  local dkey = p..'d:'..visitor..':'..page
  local prev = redis.call('GET', dkey)
  if (not prev) or tonumber(prev) <= now - dedup then
    counted = 1
    redis.call('SET', dkey, now, 'EX', dedup + 3600)
    redis.call('HINCRBY', pending, 'p:'..page, 1)
    redis.call('HINCRBY', pending, 'pd:'..day..':'..page, 1)
    redis.call('HINCRBY', pending, 'dv:'..day, 1)
  end
end
if new_visit == 1 then
  redis.call('HINCRBY', pending, 't', 1)
  redis.call('HINCRBY', pending, 'dn:'..day, 1)
end
if new_visitor == 1 then redis.call('HINCRBY', pending, 'du:'..day, 1) end

redis.call('ZREMRANGEBYSCORE', p..'online', '-inf', now - window)
local online = redis.call('ZCARD', p..'online')
local page_base, page_pending = '', 0
if page ~= '' then
  page_base = redis.call('GET', p..'base:p:'..page) or ''
  page_pending = pending_sum(p, 'p:'..page)
end
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


class RedisStore:
    name = "redis"

    def __init__(self, url):
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)
        self._record = self.client.register_script(RECORD)
        self._readscript = self.client.register_script(READ)
        self._set_base = self.client.register_script(SET_BASE)
        self._start = self.client.register_script(START_FLUSH)
        self._finish = self.client.register_script(FINISH_FLUSH)
        self._invalidate = self.client.register_script(INVALIDATE)
        self._salts = {}

    @property
    def prefix(self):
        return settings.PORTAL_STATS_REDIS_PREFIX

    def ping(self):
        return self.client.ping()

    def salt(self, now):
        day = clock.local_day(now)
        salt = self._salts.get(day)
        if salt is None:
            key = f"{self.prefix}salt:{day.isoformat()}"
            self.client.set(key, secrets.token_hex(16), nx=True, ex=2 * 86400)
            salt = self.client.get(key).decode()
            self._salts = {day: salt}
        return salt

    # --- hot path ---------------------------------------------------------------
    def record(self, hit):
        page = f"{hit.content_type_id}:{hit.page_id}" if hit.page_id is not None else ""
        result = self._record(
            args=[
                self.prefix,
                f"{hit.source}:{hit.now // settings.PORTAL_STATS_RATE_WINDOW_SECONDS}",
                settings.PORTAL_STATS_RATE_LIMIT,
                settings.PORTAL_STATS_RATE_WINDOW_SECONDS * 2,
                hit.visitor,
                page,
                hit.now,
                settings.PORTAL_STATS_DEDUP_MINUTES * 60,
                settings.PORTAL_VISIT_GAP_MINUTES * 60,
                settings.PORTAL_ONLINE_WINDOW_MINUTES * 60,
                clock.local_day(hit.now).isoformat(),
                VISITOR_TTL,
            ]
        )
        if result[0] == -1:
            return Numbers(views=None, online=0, total=0, limited=True)
        return self._numbers(result, hit.content_type_id, hit.page_id)

    def _numbers(self, result, content_type_id, object_pk):
        counted, online, page_base, page_pending, total_base, total_pending, gen = result
        gen = gen.decode() if isinstance(gen, bytes) else str(gen)
        views = None
        if object_pk is not None:
            base = _int(page_base)
            if base is None:
                base = self._db_views(content_type_id, object_pk)
                self._set_base(args=[self.prefix, gen, f"base:p:{content_type_id}:{object_pk}", base, BASE_TTL])
            views = base + int(page_pending)
        base = _int(total_base)
        if base is None:
            base = SiteTotal.objects.filter(pk=1).values_list("imported", "counted").first()
            base = sum(base) if base else 0
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
        result = self._readscript(args=[self.prefix, page, now - window])
        return self._numbers(result, content_type_id, object_pk)

    def page_views(self, content_type_id, object_pk):
        return self.read(content_type_id, object_pk, clock.now()).views

    def pending_daily(self):
        """{day: {"visits", "views", "visitors"}} not yet flushed (for the report)."""
        out = {}
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
        self._invalidate(args=[self.prefix, *keys])

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


def _days_ago(days):
    import datetime

    from django.utils import timezone

    return timezone.now() - datetime.timedelta(days=days)
