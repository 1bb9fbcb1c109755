"""Two stores with one behaviour, chosen by ``settings.REDIS_URL``.

- ``DatabaseStore`` (default): every counted beacon is one short transaction of
  upserts in the database.
- ``RedisStore``: the beacon is one Lua script in Redis (no database write);
  ``manage.py flush_stats`` moves the pending increments into the database.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass
class Numbers:
    views: int | None  # the page's total views (None when no page was given)
    online: int
    total: int
    counted: bool = False  # this beacon added a view
    limited: bool = False  # rate-limited: nothing counted, no numbers


@dataclass(frozen=True)
class Hit:
    visitor: str  # salted hash of ip + user agent
    source: str  # salted hash of the ip (rate limiting)
    page_id: int | None
    content_type_id: int | None
    now: int


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
