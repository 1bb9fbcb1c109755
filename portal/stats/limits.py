"""The per-source limits, as GCRA token buckets (the generic cell rate algorithm).

A bucket is one number per key, its *theoretical arrival time* ``tat`` (ms). A request at
``now`` is allowed when ``max(tat, now) - now <= (burst - 1) * interval``, and then
``tat = max(tat, now) + interval``. Starting full, a bucket lets ``burst`` requests through
at once and then one per ``interval``, so in ANY span of ``window`` seconds it allows at
most ``burst + window / interval`` — there is no window edge to double up on, as there
is with counters per fixed period. ``params`` picks ``burst`` and ``interval`` so that
this is at most ``limit``.

Both stores implement the same rule (Lua in Redis, one upsert in SQL). The keys are
salted hashes of the source, and the salt changes at midnight; during the first
``CARRY_SECONDS`` of a day the store carries yesterday's bucket over, so midnight is no
edge either.

Three limits (``portal/settings/base.py``, ``# --- stats ---``):

- ``rate``: beacons of any kind from one source (``PORTAL_STATS_RATE_LIMIT`` per
  ``PORTAL_STATS_RATE_WINDOW_SECONDS``); over it: 429.
- ``page``: views counted for one page from one source
  (``PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR``); over it the beacon is answered but the
  view is not counted. This is the bound the README states.
- ``visitors``: new visitors (browsers not seen today) from one source
  (``PORTAL_STATS_SOURCE_VISITORS_PER_HOUR``); over it the beacon counts nothing (no view,
  no visit, not online).
"""

import math
from dataclasses import dataclass

from django.conf import settings

CARRY_SECONDS = 3600


@dataclass(frozen=True)
class Bucket:
    burst: int
    interval_ms: int

    @property
    def tolerance_ms(self):
        return (self.burst - 1) * self.interval_ms


def params(limit, window_seconds):
    """A bucket allowing at most ``limit`` requests in any ``window_seconds``."""
    limit = max(1, int(limit))
    if limit == 1:
        return Bucket(1, window_seconds * 1000 + 1)
    burst = max(1, limit // 3)
    interval = math.ceil(window_seconds * 1000 / (limit - burst))
    return Bucket(burst, interval)


def most_in(bucket, window_seconds):
    """The most a bucket lets through in any span of ``window_seconds`` (inclusive)."""
    return bucket.burst + (window_seconds * 1000) // bucket.interval_ms


def rate():
    return params(settings.PORTAL_STATS_RATE_LIMIT, settings.PORTAL_STATS_RATE_WINDOW_SECONDS)


def page():
    return params(settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR, 3600)


def visitors():
    return params(settings.PORTAL_STATS_SOURCE_VISITORS_PER_HOUR, 3600)
