"""Who sent a beacon: robots and automation, prefetches, and the salted identifiers.

The client address comes from ``portal.security.client_ip`` (the one place that decides
which proxy headers to believe); it is used only for the per-source limits, as
``source_key`` (the IPv4 address, or the IPv6 /64 network).

Raw IP addresses are never stored. Every identifier is an HMAC (``SECRET_KEY``) over a
random salt of the day (kept two days, then deleted by the store), so nothing can be
linked across days:

- a **visitor** is the browser: ``HMAC(salt | b | id)`` of the random id that
  ``static/js/stats.js`` keeps in the browser's own storage; a browser without storage
  sends no id and is ``HMAC(salt | ip | user agent)``, as before;
- a **source** (rate limits) is ``HMAC(salt | src | source_key(ip))``.
"""

import functools
import hashlib
import hmac
import re

from crawlerdetect import CrawlerDetect
from django.conf import settings

# Browser automation says so in its user agent (headless browsers, drivers) even when it
# is not a crawler; a script under automation also reports ``navigator.webdriver``.
AUTOMATION_RE = re.compile(r"headless|selenium|webdriver|puppeteer|playwright|phantomjs|cypress", re.IGNORECASE)

PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")

# The browser id stats.js makes: 128 random bits as 32 lowercase hex digits.
BROWSER_ID_RE = re.compile(r"[0-9a-f]{32}")

_crawlers = CrawlerDetect()


@functools.lru_cache(maxsize=4096)
def _is_crawler(user_agent):
    # The maintained CrawlerDetect list (a few hundred patterns, ~0.5 ms a string):
    # memoised, since a site sees the same few hundred user agents all day.
    return _crawlers.isCrawler(user_agent)


def is_automation(user_agent):
    return bool(AUTOMATION_RE.search(user_agent))


def is_bot(user_agent):
    """No user agent, a browser under automation, or a known crawler / HTTP library."""
    return not user_agent or is_automation(user_agent) or _is_crawler(user_agent)


def is_prefetch(request):
    meta = request.META
    return any("prefetch" in meta.get(h, "").lower() or "preview" in meta.get(h, "").lower() for h in PREFETCH_HEADERS)


def valid_browser_id(value):
    return isinstance(value, str) and BROWSER_ID_RE.fullmatch(value) is not None


def _key():
    return settings.SECRET_KEY.encode()


def visitor_hash(salt, ip, user_agent, browser_id=None):
    msg = f"{salt}|b|{browser_id}" if browser_id else f"{salt}|{ip}|{user_agent}"
    return hmac.new(_key(), msg.encode(), hashlib.sha256).hexdigest()[:32]


def source_hash(salt, source):
    """The rate-limit key of one source (``source_key``: IPv4 address or IPv6 /64)."""
    return hmac.new(_key(), f"{salt}|src|{source}".encode(), hashlib.sha256).hexdigest()[:24]


def warm():
    """Compile the crawler list before the first beacon (it takes ~0.1 s)."""
    _is_crawler("Mozilla/5.0")
