"""How many new searches one visitor may start: a search nobody asked since the last
publication runs in full (about 0.15 s with 50,000 matching pages), so a robot sending
distinct queries could keep every worker busy. Each source (an IPv4 address or an IPv6
/64, ``portal.security.client_ip``) may start ``PORTAL_SEARCH_LIMIT_PER_SOURCE`` of them
per ``PORTAL_SEARCH_LIMIT_WINDOW_SECONDS``; results kept already (a query someone asked,
its other pages) are always served. Counted in the cache (Redis in production: shared by
every app server); if the cache is down, nobody is refused.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from portal.security.client_ip import get_client_source


class TooManySearches(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after

    @property
    def message(self):
        return _(
            "Bạn đã tìm kiếm quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(seconds)s giây; "
            "các kết quả đã có sẵn vẫn xem được."
        ) % {"seconds": self.retry_after}


def limit():
    return (
        int(getattr(settings, "PORTAL_SEARCH_LIMIT_PER_SOURCE", 40)),
        int(getattr(settings, "PORTAL_SEARCH_LIMIT_WINDOW_SECONDS", 60)),
    )


def charge(request):
    """Count one new search for the request's source; raise ``TooManySearches`` (with the
    seconds to wait) when the source has used its share of the current window."""
    most, window = limit()
    if most <= 0 or window <= 0:
        return
    now = time.time()
    slot = int(now // window)
    source = hashlib.blake2b(get_client_source(request).encode(), digest_size=12, key=b"portal-search").hexdigest()
    key = f"search-budget:{source}:{slot}"
    try:
        cache.add(key, 0, window + 5)
        count = cache.incr(key)
    except ValueError:  # the entry left between add and incr (cache full or down)
        return
    if count > most:
        raise TooManySearches(max(1, int((slot + 1) * window - now) + 1))
