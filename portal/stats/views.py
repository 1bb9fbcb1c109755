"""The beacon: ``POST /_stats/hit`` with ``{"page": <id>, "id": <browser id>}`` counts a
view and answers the live numbers; every other outcome is a clear status and counts
nothing.

CSRF-exempt on purpose: it changes no user's state, reads no cookie and is protected
by the checks below (method, content type, size, foreign origin, automation, pages that
count, per-source limits in the store).
"""

import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.security.client_ip import get_client_ip, source_key

from . import clock, identity, limits, lookups
from .stores import Hit, get_store

MAX_BODY = 256
CONTENT_TYPES = ("application/json", "text/plain")
ASCII_ID = re.compile(r"[0-9]{1,10}")


def _error(status, message):
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _nothing():
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _parse(body):
    """``(page_id, browser_id, webdriver)`` from the beacon's JSON, or None if malformed.

    ``page``: a JSON integer or a string of ASCII digits (``str.isdigit`` would take
    "²" or "١٢"); ``id``: the browser's random id (optional); ``wd``: the script saw
    ``navigator.webdriver`` (optional)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    page = data.get("page")
    if isinstance(page, str) and ASCII_ID.fullmatch(page):
        page = int(page)
    if isinstance(page, bool) or not isinstance(page, int) or not 0 < page < 2**31:
        return None  # also a beacon without a page: it would count nothing but "online"
    browser_id = data.get("id")
    if browser_id is not None and not identity.valid_browser_id(browser_id):
        return None
    return page, browser_id, data.get("wd") is True


def _foreign_origin(request):
    """An ``Origin`` header naming another site (or ``null``): a page elsewhere sent it."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False  # not sent by older browsers; Sec-Fetch-Site is checked as well
    try:
        host = urlsplit(origin).netloc.lower()
    except ValueError:  # e.g. "http://[::1": not an origin any browser sends
        return True
    if not host:
        return True
    allowed = {request.get_host().lower()}
    for url in (settings.PORTAL_BASE_URL, *getattr(settings, "CSRF_TRUSTED_ORIGINS", ())):
        if url:
            allowed.add(urlsplit(url).netloc.lower())
    return host not in allowed


@csrf_exempt
def beacon(request):
    if request.method != "POST":
        response = _error(405, _("Chỉ chấp nhận phương thức POST."))
        response["Allow"] = "POST"
        return response
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type not in CONTENT_TYPES:
        return _error(415, _("Kiểu dữ liệu không được hỗ trợ."))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error(400, _("Yêu cầu không hợp lệ."))
    if length > MAX_BODY:
        return _error(413, _("Yêu cầu quá lớn."))
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return _error(413, _("Yêu cầu quá lớn."))
    parsed = _parse(body)
    if parsed is None:
        return _error(400, _("Yêu cầu không hợp lệ."))
    page_id, browser_id, webdriver = parsed
    if request.META.get("HTTP_SEC_FETCH_SITE", "") == "cross-site" or _foreign_origin(request):
        return _error(403, _("Không chấp nhận yêu cầu từ trang khác."))

    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if not settings.PORTAL_STATS_ENABLED or webdriver or identity.is_prefetch(request) or identity.is_bot(user_agent):
        return _nothing()
    ip = get_client_ip(request)
    if lookups.is_blocked(ip, user_agent):
        return _nothing()
    content_type_id = lookups.live_page_content_type(page_id)
    if content_type_id is None:
        return _error(404, _("Không tìm thấy trang."))

    store = get_store()
    now = clock.now()
    salt = store.salt(now)
    source = source_key(ip)
    prev_source = None
    if now - clock.start_of_day(now) < limits.CARRY_SECONDS:
        prev_source = identity.source_hash(store.salt(now - 86400), source)
    hit = Hit(
        visitor=identity.visitor_hash(salt, ip, user_agent, browser_id),
        source=identity.source_hash(salt, source),
        prev_source=prev_source,
        page_id=page_id,
        content_type_id=content_type_id,
        now=now,
    )
    numbers = store.record(hit)
    if numbers.limited:
        response = _error(429, _("Quá nhiều yêu cầu, vui lòng thử lại sau."))
        response["Retry-After"] = str(max(1, limits.rate().interval_ms // 1000))
        return response
    payload = {"views": numbers.views, "online": numbers.online, "total": numbers.total, "counted": numbers.counted}
    response = JsonResponse(payload)
    response["Cache-Control"] = "no-store"
    return response
