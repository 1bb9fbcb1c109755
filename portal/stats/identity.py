"""Who sent a beacon: bot and prefetch detection, salted visitor hash.

The client address itself comes from ``portal.security.client_ip.get_client_ip`` (the
one place that decides which proxy headers to believe).

Raw IP addresses are never stored. A visitor is ``HMAC(SECRET_KEY, salt | ip | ua)``
where ``salt`` is random per day (kept two days, then deleted by the store), so the
same person gets a new, unlinkable identifier every day.
"""

import hashlib
import hmac
import re

from django.conf import settings

# Self-declared robots and tools. Matched case-insensitively anywhere in the UA.
BOT_PATTERNS = [
    r"(?<!cu)bot\b",  # not the CUBOT phone brand
    r"bot/",
    r"crawl",
    r"spider",
    r"slurp",
    r"archiver",
    r"facebookexternalhit",
    r"facebookcatalog",
    r"embedly",
    r"preview",
    r"lighthouse",
    r"pingdom",
    r"uptime",
    r"monitor",
    r"statuscake",
    r"curl/",
    r"wget/",
    r"httpie",
    r"python-requests",
    r"python-urllib",
    r"aiohttp",
    r"go-http-client",
    r"java/",
    r"okhttp",
    r"libwww",
    r"scrapy",
    r"phantomjs",
    r"coccoc",
    r"zalo.*crawler",
]
BOT_RE = re.compile("|".join(BOT_PATTERNS), re.IGNORECASE)

PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_bot(user_agent):
    return not user_agent or bool(BOT_RE.search(user_agent))


def is_prefetch(request):
    meta = request.META
    return any("prefetch" in meta.get(h, "").lower() or "preview" in meta.get(h, "").lower() for h in PREFETCH_HEADERS)


def _key():
    return settings.SECRET_KEY.encode()


def visitor_hash(salt, ip, user_agent):
    msg = f"{salt}|{ip}|{user_agent}".encode()
    return hmac.new(_key(), msg, hashlib.sha256).hexdigest()[:32]


def source_hash(salt, ip):
    """The rate-limit key of one source address (no user agent: a flood can vary it)."""
    return hmac.new(_key(), f"{salt}|src|{ip}".encode(), hashlib.sha256).hexdigest()[:24]
