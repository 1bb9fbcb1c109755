"""Cached facts the beacon needs on every request: does a page count, and the block lists.

Two layers: a small per-process memo (``LOCAL_TTL`` seconds, so the hot path usually
costs no round trip at all) over Django's cache (shared by all app servers when
``REDIS_URL`` is set) for ``TTL`` seconds. An editor's change clears both layers in the
process that made it; other processes see it within ``LOCAL_TTL`` + ``TTL`` at worst.
"""

from django.core.cache import cache
from hitcount.models import BlockedIP, BlockedUserAgent
from wagtail.models import Page, PageViewRestriction, Site

from portal.cache.memo import Memo

TTL = 60
LOCAL_TTL = 10
LOCAL_MAX = 5000
BLOCKLISTS_KEY = "stats:blocklists"
PAGES_GEN_KEY = "stats:pages:gen"

_local = Memo(max_entries=LOCAL_MAX, timeout=LOCAL_TTL)


def _shared(key, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value


def _memo(key, compute):
    return _local.get_or_set(key, lambda: _shared(key, compute))


def _forget(key):
    _local.pop(key)
    cache.delete(key)


def _page_key(page_id):
    gen = _local.get_or_set(PAGES_GEN_KEY, lambda: cache.get(PAGES_GEN_KEY) or 0)
    return f"stats:page:{gen}:{page_id}"


def _countable(page_id):
    """The content type id of a page the site actually serves to anyone, or 0: live,
    not the tree's root, inside a site's tree, and neither it nor an ancestor restricted
    (login, password or groups)."""
    row = Page.objects.filter(pk=page_id, live=True, depth__gt=1).values_list("content_type_id", "path").first()
    if row is None:
        return 0
    content_type_id, path = row
    ancestors = [path[:i] for i in range(Page.steplen, len(path) + 1, Page.steplen)]
    if PageViewRestriction.objects.filter(page__path__in=ancestors).exists():
        return 0
    if not Site.objects.filter(root_page__path__in=ancestors).exists():
        return 0
    return content_type_id


def live_page_content_type(page_id):
    """The specific content type id of a page whose views count (see ``_countable``), or
    None."""
    return _memo(_page_key(page_id), lambda: _countable(page_id)) or None


def forget_page(page_id):
    _forget(_page_key(page_id))


def forget_pages():
    """A view restriction or a site changed: every page's answer may have changed."""
    _local.clear()
    try:
        cache.incr(PAGES_GEN_KEY)
    except ValueError:
        cache.set(PAGES_GEN_KEY, 1, None)


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
