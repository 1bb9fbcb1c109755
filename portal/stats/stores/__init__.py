"""Two stores with one behaviour, chosen by ``settings.REDIS_URL``.

- ``DatabaseStore`` (default): every counted beacon is one short transaction of
  upserts in the database.
- ``RedisStore``: the beacon is one Lua script in Redis (no database write);
  ``manage.py flush_stats`` moves the pending increments into the database. While Redis
  is unreachable it hands each beacon to a ``DatabaseStore`` instead (see its module).
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from .. import clock


@dataclass
class Numbers:
    views: int | None  # the page's total views (None when no page was given)
    online: int
    total: int
    counted: bool | None = False  # this beacon added a view (None: unknown, see RedisStore)
    limited: bool = False  # rate-limited: nothing counted, no numbers


@dataclass(frozen=True)
class Hit:
    visitor: str  # salted hash of the browser id (or of ip + user agent)
    source: str  # salted hash of the source address (rate limits)
    prev_source: str | None  # the same with yesterday's salt, in the first hour of a day
    page_id: int
    content_type_id: int
    now: int

    @property
    def now_ms(self):
        return self.now * 1000


_salts = {}


def daily_salt(day):
    """The random salt of a local day, shared by every process through the database
    (both stores use it, so identifiers do not change when Redis fails over)."""
    from ..models import DailySalt

    salt = _salts.get(day)
    if salt is None:
        row = DailySalt.objects.filter(day=day).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = DailySalt.objects.create(day=day, salt=secrets.token_hex(16))
            except IntegrityError:
                row = DailySalt.objects.get(day=day)
        salt = row.salt
        if len(_salts) > 4:
            _salts.clear()
        _salts[day] = salt
    return salt


def salt_for(now):
    return daily_salt(clock.local_day(now))


class Store:
    """What both stores share: the day's salt of the visitor identifiers."""

    def salt(self, now):
        return salt_for(now)


def forget_salts():
    _salts.clear()


_stores = {}


def get_store():
    url = settings.REDIS_URL
    store = _stores.get(url)
    if store is None:
        if url:
            from .redis import RedisStore

            store = RedisStore(url)
        else:
            from .db import DatabaseStore

            store = DatabaseStore()
        _stores[url] = store
    return store
