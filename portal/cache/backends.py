"""A Redis cache that degrades instead of failing the page.

Django's ``RedisCache`` raises when Redis is down, so every page that touches the cache
would answer 500. ``FailSafeRedisCache`` catches Redis' connection and timeout errors,
logs them (at most once per ``retry_after`` seconds) and answers as a cache miss: ``get``
returns the default, ``set``/``add``/``delete`` do nothing and return ``False``,
``incr``/``decr`` raise ``ValueError`` as for a missing key. For ``retry_after`` seconds
after an error the cache is not even tried (so a dead Redis costs no time per call); then
the next call tries again, and when Redis is back the cache works again with no restart.

What degrades while Redis is down: cached pages and fragments are rendered afresh, login
throttling counters are not kept (logins are not limited), and anything else that keeps
counters in the cache loses the increments made while it was down.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)


class FailSafeRedisCache(RedisCache):
    retry_after = 2.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _guard(self, method, fallback, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return fallback()
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except ERRORS as exc:
            if not self._down_until:
                logger.error("Redis cache unavailable (%s); serving without cache", exc)
            self._down_until = time.monotonic() + self.retry_after
            return fallback()
        if self._down_until:
            logger.warning("Redis cache available again")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._guard("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", lambda: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", lambda: False, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", lambda: False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._guard("clear", lambda: False)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")

        return self._guard("incr", missing, key, delta, version)
