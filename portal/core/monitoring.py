"""The monitoring slot (Thông tư 22/2023/TT-BTTTT, Phụ lục III).

An administrator may enter the address of the state's monitoring script (EMC) or of an
analytics script in the agency settings (``AgencySettings.monitoring_script_url``). When
set, every public page loads it (``{% monitoring_script %}`` in base.html) and the
Content-Security-Policy of HTML pages allows exactly that origin for scripts and for the
requests the script makes (``portal.security.headers``); when empty, nothing is loaded and
the policy stays ``'self'``: no outside call.
"""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _


def script_problem(url):
    """A Vietnamese message when ``url`` cannot be the monitoring script's address."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        return _("Địa chỉ mã giám sát phải bắt đầu bằng https:// và không chứa tên đăng nhập, mật khẩu.")
    return None


def origin(url):
    """``https://host[:port]`` of ``url``, or None."""
    if not url or script_problem(url):
        return None
    parts = urlsplit(url)
    host = parts.hostname
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"https://{host}" + (f":{parts.port}" if parts.port else "")


def script_url(request):
    """The configured script address for this request's site ("" when none)."""
    if request is None:
        return ""
    from portal.models import AgencySettings

    try:
        value = AgencySettings.for_request(request).monitoring_script_url
    except Exception:  # noqa: BLE001 - no site for this host: no script
        return ""
    return value if value and not script_problem(value) else ""


def origin_for(request):
    """The script's origin for this request's host, kept until the next publication or
    settings edit (portal.cache): a cached page pays no query for it."""
    from portal.cache.fragments import cached

    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - DisallowedHost: Django answers 400 anyway
        return None
    return cached(("monitoring_origin", host), lambda: origin(script_url(request)) or "") or None
