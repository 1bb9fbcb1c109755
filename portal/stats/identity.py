"""Who sent a beacon: real client IP, bot and prefetch detection, salted visitor hash.

Raw IP addresses are never stored. A visitor is ``HMAC(SECRET_KEY, salt | ip | ua)``
where ``salt`` is random per day (kept two days, then deleted by the store), so the
same person gets a new, unlinkable identifier every day.
"""

import hashlib
import hmac
import ipaddress
import re
from functools import lru_cache

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


@lru_cache(maxsize=8)
def _trusted_networks(proxies):
    nets = []
    for item in proxies:
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return tuple(nets)


def _parse_ip(value):
    try:
        return ipaddress.ip_address(value.strip())
    except (ValueError, AttributeError):
        return None


def client_ip(request):
    """REMOTE_ADDR, or the proxy's X-Real-IP / X-Forwarded-For when REMOTE_ADDR is a
    trusted proxy (``PORTAL_STATS_TRUSTED_PROXIES``)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks(tuple(settings.PORTAL_STATS_TRUSTED_PROXIES))
    remote_ip = _parse_ip(remote)
    if remote_ip is None or not networks or not any(remote_ip in net for net in networks):
        return remote
    real = _parse_ip(request.META.get("HTTP_X_REAL_IP", ""))
    if real is not None:
        return str(real)
    # Right to left: the first address our trusted proxies did not add themselves.
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for part in reversed(forwarded):
        ip = _parse_ip(part)
        if ip is None:
            break
        if not any(ip in net for net in networks):
            return str(ip)
    return remote


def _key():
    return settings.SECRET_KEY.encode()


def visitor_hash(salt, ip, user_agent):
    msg = f"{salt}|{ip}|{user_agent}".encode()
    return hmac.new(_key(), msg, hashlib.sha256).hexdigest()[:32]


def source_hash(salt, ip):
    """The rate-limit key of one source address (no user agent: a flood can vary it)."""
    return hmac.new(_key(), f"{salt}|src|{ip}".encode(), hashlib.sha256).hexdigest()[:24]
