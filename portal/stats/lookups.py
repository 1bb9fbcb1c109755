"""Cached facts the beacon needs on every request: is a page live, and the block lists.

Both are kept in Django's cache (Redis when ``REDIS_URL`` is set, so all app servers
share them) for a minute, and dropped as soon as an editor changes them in this process.
"""

from django.core.cache import cache
from hitcount.models import BlockedIP, BlockedUserAgent
from wagtail.models import Page

TTL = 60
BLOCKLISTS_KEY = "stats:blocklists"


def _page_key(page_id):
    return f"stats:page:{page_id}"


def live_page_content_type(page_id):
    """The specific content type id of a live page, or None."""
    key = _page_key(page_id)
    value = cache.get(key)
    if value is None:
        value = Page.objects.filter(pk=page_id, live=True).values_list("content_type_id", flat=True).first() or 0
        cache.set(key, value, TTL)
    return value or None


def forget_page(page_id):
    cache.delete(_page_key(page_id))


def blocklists():
    lists = cache.get(BLOCKLISTS_KEY)
    if lists is None:
        lists = (
            frozenset(BlockedIP.objects.values_list("ip", flat=True)),
            frozenset(BlockedUserAgent.objects.values_list("user_agent", flat=True)),
        )
        cache.set(BLOCKLISTS_KEY, lists, TTL)
    return lists


def is_blocked(ip, user_agent):
    """hitcount's own rule: an exact IP or an exact user agent string on its lists."""
    ips, agents = blocklists()
    return ip in ips or user_agent in agents


def forget_blocklists():
    cache.delete(BLOCKLISTS_KEY)
