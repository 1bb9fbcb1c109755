"""An honest answer while the database is unreachable (PostgreSQL restarting, a network
cut): 503 with ``Retry-After`` and a short "temporarily interrupted" page in the visitor's
language, instead of a 500 and a traceback.

Only the errors of *reaching* the database count: ``django.db.OperationalError`` (a
refused or broken connection) and ``django.db.InterfaceError`` (a connection already
closed). Programming errors (``ProgrammingError``, ``IntegrityError``…) stay 500s.

Two ways an outage reaches this module:

- the view raised it: ``DatabaseOutageMiddleware.process_exception`` answers the 503 and
  every middleware outside it still adds its headers (security headers, no caching);
- a middleware raised it (a session or login check that reads the database): Django has
  already turned it into a 500 by then; the ``got_request_exception`` receiver marks the
  request and the middleware, on the way out, replaces that 500 with the 503.

Pages nginx keeps in its micro-cache are served stale during the outage
(``proxy_cache_use_stale … http_503`` in deploy/nginx/portal.conf).
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control

logger = logging.getLogger("portal.core.outage")

OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_portal_database_outage"
FALLBACK = (
    '<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>Tạm thời gián đoạn</title>'
    "<h1>Cổng thông tin tạm thời gián đoạn</h1><p>Mời bạn thử lại sau nửa phút.</p></html>"
)


def is_outage(exception):
    return isinstance(exception, OUTAGE_ERRORS)


def outage_response(request, exception=None):
    logger.warning("database unreachable, answering 503 for %s: %s", request.path, exception)
    try:
        html = render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language() or "vi"})
    except Exception:  # noqa: BLE001 - the outage page must not fail in turn (static manifest, templates)
        logger.exception("the 503 page could not be rendered")
        html = FALLBACK
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def _mark_request(sender, request=None, **kwargs):
    exception = sys.exc_info()[1]
    if request is not None and is_outage(exception):
        setattr(request, _MARK, exception)


got_request_exception.connect(_mark_request, dispatch_uid="portal-database-outage")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exception = getattr(request, _MARK, None)
        if exception is not None and response.status_code == 500:
            return outage_response(request, exception)
        return response

    def process_exception(self, request, exception):
        if is_outage(exception):
            return outage_response(request, exception)
        return None
