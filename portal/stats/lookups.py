"""Cached facts the beacon needs on every request: is a page live, and the block lists.

Two layers: a small per-process memo (``LOCAL_TTL`` seconds, so the hot path usually
costs no round trip at all) over Django's cache (shared by all app servers when
``REDIS_URL`` is set) for ``TTL`` seconds. An editor's change clears both layers in the
process that made it; other processes see it within ``LOCAL_TTL`` + ``TTL`` at worst.
"""

import time

from django.core.cache import cache
from hitcount.models import BlockedIP, BlockedUserAgent
from wagtail.models import Page

TTL = 60
LOCAL_TTL = 10
LOCAL_MAX = 5000
BLOCKLISTS_KEY = "stats:blocklists"

_local = {}


def _memo(key, compute):
    now = time.monotonic()
    hit = _local.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    if len(_local) >= LOCAL_MAX:
        _local.clear()
    _local[key] = (now + LOCAL_TTL, value)
    return value


def _forget(key):
    _local.pop(key, None)
    cache.delete(key)


def _page_key(page_id):
    return f"stats:page:{page_id}"


def live_page_content_type(page_id):
    """The specific content type id of a live page, or None."""

    def compute():
        return Page.objects.filter(pk=page_id, live=True).values_list("content_type_id", flat=True).first() or 0

    return _memo(_page_key(page_id), compute) or None


def forget_page(page_id):
    _forget(_page_key(page_id))


def blocklists():
    def compute():
        return (
            frozenset(BlockedIP.objects.values_list("ip", flat=True)),
            frozenset(BlockedUserAgent.objects.values_list("user_agent", flat=True)),
        )

    return _memo(BLOCKLISTS_KEY, compute)


def is_blocked(ip, user_agent):
    """hitcount's own rule: an exact IP or an exact user agent string on its lists."""
    ips, agents = blocklists()
    return ip in ips or user_agent in agents


def forget_blocklists():
    _forget(BLOCKLISTS_KEY)


def clear_local():
    _local.clear()
