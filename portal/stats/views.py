"""The beacon: ``POST /_stats/hit`` with ``{"page": <id>}`` counts a view and answers
the live numbers; every other outcome is a clear status and counts nothing.

CSRF-exempt on purpose: it changes no user's state, reads no cookie and is protected
by the checks below (method, content type, size, cross-site refusal, rate limit).
"""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.security.client_ip import get_client_ip

from . import clock, identity, lookups
from .stores import Hit, get_store

MAX_BODY = 256
CONTENT_TYPES = ("application/json", "text/plain")


def _error(status, message):
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _nothing():
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _parse_page_id(body):
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    page = data.get("page")
    if page is None:
        return None
    if isinstance(page, bool):
        return False
    if isinstance(page, str) and page.isdigit() and len(page) <= 10:
        page = int(page)
    if not isinstance(page, int) or not 0 < page < 2**31:
        return False
    return page


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
    page_id = _parse_page_id(body)
    if page_id is False:
        return _error(400, _("Yêu cầu không hợp lệ."))
    if request.META.get("HTTP_SEC_FETCH_SITE", "") == "cross-site":
        return _error(403, _("Không chấp nhận yêu cầu từ trang khác."))

    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if not settings.PORTAL_STATS_ENABLED or identity.is_prefetch(request) or identity.is_bot(user_agent):
        return _nothing()
    ip = get_client_ip(request)
    if lookups.is_blocked(ip, user_agent):
        return _nothing()
    content_type_id = None
    if page_id is not None:
        content_type_id = lookups.live_page_content_type(page_id)
        if content_type_id is None:
            return _error(404, _("Không tìm thấy trang."))

    store = get_store()
    now = clock.now()
    salt = store.salt(now)
    hit = Hit(
        visitor=identity.visitor_hash(salt, ip, user_agent),
        source=identity.source_hash(salt, ip),
        page_id=page_id,
        content_type_id=content_type_id,
        now=now,
    )
    numbers = store.record(hit)
    if numbers.limited:
        response = _error(429, _("Quá nhiều yêu cầu, vui lòng thử lại sau."))
        response["Retry-After"] = str(settings.PORTAL_STATS_RATE_WINDOW_SECONDS)
        return response
    payload = {"online": numbers.online, "total": numbers.total, "counted": numbers.counted}
    if numbers.views is not None:
        payload["views"] = numbers.views
    response = JsonResponse(payload)
    response["Cache-Control"] = "no-store"
    return response


def bench_ping(request):
    """A trivial JSON view: the yardstick of bench/beacon_bench.py (only with
    ``PORTAL_BENCH_ENDPOINTS``)."""
    return JsonResponse({"ok": True})
