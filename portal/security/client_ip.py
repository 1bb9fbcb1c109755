"""The visitor's real address when the app sits behind a reverse proxy.

``X-Forwarded-For`` is trusted only when the connection comes from one of
``PORTAL_TRUSTED_PROXIES`` (addresses or networks). The header is read from the right:
each trusted hop is skipped, and the first address that is not a trusted proxy is the
client. Anything a visitor wrote to the left of that is ignored, so the header cannot be
used to pretend to be someone else.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for item in proxies:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _parse(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [::1]:1234
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 1.2.3.4:1234
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_proxy(address, proxies=None):
    networks = _networks(tuple(proxies if proxies is not None else settings.PORTAL_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def get_client_ip(request):
    """The client's address as a string (``"0.0.0.0"`` when nothing usable is known)."""
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return "0.0.0.0"  # noqa: S104 - a placeholder, never bound to
    if not is_trusted_proxy(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [part for part in (item.strip() for item in forwarded.split(",")) if part]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage written by the visitor: stop at the last good hop
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


def source_key(address):
    """The unit a rate limit counts for an address: the address itself for IPv4, its /64
    network for IPv6 (one subscriber usually holds a whole /64). Garbage gives ``"0.0.0.0"``."""
    parsed = (
        address if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address) else _parse(str(address or ""))
    )
    if parsed is None:
        return "0.0.0.0"  # noqa: S104 - a placeholder, never bound to
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def get_client_source(request):
    """``source_key`` of the request's client address (see ``get_client_ip``)."""
    return source_key(get_client_ip(request))
