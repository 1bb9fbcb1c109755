"""One limit on every way in: password logins, the two-step code and page passwords.

Guarded forms (by URL name, so the English ``/en/…`` copies are guarded too):

| Form | URL | Counted against |
|---|---|---|
| Wagtail admin login | ``/admin/login/`` | the user name, as Django matches it |
| Django admin login | ``/django-admin/login/`` | the user name, as Django matches it |
| two-step code | ``/admin/2fa/verify/``, ``/admin/2fa/`` | the signed-in user |
| password of a protected page | ``/_util/authenticate_with_password/…`` | the page restriction |

Each form also counts against the client's address (``client_ip.get_client_source``: an
IPv4 address, or the /64 network of an IPv6 one, so rotating addresses inside one
subscriber's network gains nothing). Wagtail's front-end login ``/_util/login/`` is not
offered at all: the portal has staff accounts only, so login-restricted pages send people
to the admin login (``WAGTAIL_FRONTEND_LOGIN_URL``) and ``/_util/login/`` redirects there.

A POST to a guarded form that is answered with the form again (200) is a failure; a
redirect is a success and clears the account's failures (not the address's). When the
account or the address has ``limit`` failures within the last ``window`` seconds, the form
answers 429 in Vietnamese without looking at the password. Counts are rows of
``ThrottleFailure`` in the database, which every worker and app server shares, counted
over exactly the last window (a sliding log: no fresh budget at a window's edge). If the
database cannot be read, the form is refused (503): a limit that cannot be checked does
not let guesses through.

The user-name key is the name as ``AuthenticationForm`` and the model backend match it
(NFKC, stripped) and further case-folded with combining marks removed, so "ａｄｍｉｎ",
"ADMIN" and "a\u0301dmin" spend the budget of "admin": a look-alike never opens a fresh
budget (look-alike names of different people only share, never widen, a budget).
"""

import hashlib
import logging
import math
import random
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .client_ip import get_client_source

logger = logging.getLogger("portal.security")

PRUNE_ONE_IN = 50


def normalise_username(value):
    """The budget key of a typed user name: NFKC (what Django's login form applies),
    stripped, case-folded, without combining marks."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip().casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", text).casefold()


def _username(request, _kwargs):
    from django.contrib.auth import get_user_model

    field = get_user_model().USERNAME_FIELD
    return normalise_username(request.POST.get(field) or request.POST.get("username") or "")


def _signed_in_user(request, _kwargs):
    user = getattr(request, "user", None)
    return str(user.pk) if user is not None and user.is_authenticated else ""


def _restriction(_request, kwargs):
    return str(kwargs.get("page_view_restriction_id") or "")


@dataclass(frozen=True)
class Guard:
    scope: str
    account: object  # (request, view kwargs) -> the account key ("" = none)
    account_limit_setting: str  # the PORTAL_* setting with the account's limit


LOGIN = Guard("login", _username, "PORTAL_LOGIN_MAX_FAILURES_PER_USER")
GUARDS = {
    "wagtailadmin_login": LOGIN,
    "admin:login": LOGIN,
    "portal_2fa_verify": Guard("otp", _signed_in_user, "PORTAL_LOGIN_MAX_FAILURES_PER_USER"),
    "portal_2fa_manage": Guard("otp", _signed_in_user, "PORTAL_LOGIN_MAX_FAILURES_PER_USER"),
    "wagtailcore_authenticate_with_password": Guard("page-password", _restriction, "PORTAL_PAGE_PASSWORD_MAX_FAILURES"),
}


def window_seconds():
    return int(settings.PORTAL_LOGIN_WINDOW_SECONDS)


def _limits(guard):
    return (
        int(getattr(settings, guard.account_limit_setting)),
        int(settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP),
    )


def _hash(value):
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _keys(guard, request, kwargs):
    """[(kind, key, limit)] this attempt counts against."""
    account_limit, source_limit = _limits(guard)
    keys = [("source", _hash(get_client_source(request)), source_limit)]
    account = guard.account(request, kwargs)
    if account:
        keys.insert(0, ("account", _hash(account), account_limit))
    return keys


# --- The store (the database) ------------------------------------------------------------


def _retry_after(guard, keys, now):
    """Seconds until the first blocked key falls under its limit, or 0 when none is blocked.
    Raises DatabaseError when the store cannot be read."""
    from .models import ThrottleFailure

    window = window_seconds()
    since = now - timedelta(seconds=window)
    wait = 0.0
    with transaction.atomic():
        for kind, key, limit in keys:
            recent = ThrottleFailure.objects.filter(scope=guard.scope, kind=kind, key=key, at__gt=since)
            count = recent.count()
            if count >= limit:
                # Allowed again when the (count - limit + 1)-th oldest failure leaves the window.
                oldest = recent.order_by("at").values_list("at", flat=True)[count - limit]
                wait = max(wait, (oldest - since).total_seconds())
    return math.ceil(wait) if wait else 0


def _record_failure(guard, keys, now):
    from .models import ThrottleFailure

    with transaction.atomic():
        ThrottleFailure.objects.bulk_create(
            [ThrottleFailure(scope=guard.scope, kind=kind, key=key, at=now) for kind, key, _limit in keys]
        )
        if random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 - not for security, just housekeeping
            prune(now)


def _clear_account(guard, keys):
    from .models import ThrottleFailure

    with transaction.atomic():
        for kind, key, _limit in keys:
            if kind == "account":
                ThrottleFailure.objects.filter(scope=guard.scope, kind=kind, key=key).delete()


def prune(now=None):
    """Delete failures older than the window (they no longer count)."""
    from .models import ThrottleFailure

    now = now or timezone.now()
    return ThrottleFailure.objects.filter(at__lte=now - timedelta(seconds=window_seconds())).delete()[0]


def unlock(username=None, address=None):
    """Forget the failures of a user name and/or a client address (every form)."""
    from .client_ip import source_key
    from .models import ThrottleFailure

    removed = 0
    if username:
        removed += ThrottleFailure.objects.filter(kind="account", key=_hash(normalise_username(username))).delete()[0]
    if address:
        removed += ThrottleFailure.objects.filter(kind="source", key=_hash(source_key(address))).delete()[0]
    return removed


# --- The middleware ------------------------------------------------------------------------


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        attempt = getattr(request, "_portal_throttle", None)
        if attempt is not None:
            guard, keys = attempt
            try:
                if response.status_code == 200:
                    _record_failure(guard, keys, timezone.now())
                    logger.warning("Failed %s attempt from %s", guard.scope, get_client_source(request))
                elif 300 <= response.status_code < 400:
                    _clear_account(guard, keys)
            except DatabaseError:
                logger.exception("Could not record a %s attempt", guard.scope)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        match = getattr(request, "resolver_match", None)
        guard = GUARDS.get(match.view_name if match else "")
        if guard is None:
            return None
        keys = _keys(guard, request, view_kwargs)
        try:
            wait = _retry_after(guard, keys, timezone.now())
        except DatabaseError:
            logger.exception("Throttle store unavailable: refusing a %s attempt", guard.scope)
            return refused_response(request, guard, None)
        if wait:
            logger.warning("Throttled %s attempt from %s", guard.scope, get_client_source(request))
            return refused_response(request, guard, wait)
        request._portal_throttle = (guard, keys)
        return None


def refused_response(request, guard, wait):
    """429 with the time to wait, or 503 when the counts could not be read (``wait`` None)."""
    if wait is None:
        message = _(
            "The number of attempts cannot be checked right now, so this form cannot be accepted. "
            "Please try again in a few minutes."
        )
        status, retry = 503, 60
    else:
        minutes = max(1, math.ceil(wait / 60))
        if guard.scope == "otp":
            text = _(
                "Too many wrong verification codes. For your security, verification is locked for now; "
                "please try again in %(minutes)s minutes."
            )
        elif guard.scope == "page-password":
            text = _(
                "Too many wrong passwords for this page. For your security, entering the password is locked "
                "for now; please try again in %(minutes)s minutes."
            )
        else:
            text = _(
                "Bạn đã đăng nhập sai quá nhiều lần. Vì lý do an toàn, việc đăng nhập tạm thời bị khoá; "
                "vui lòng thử lại sau %(minutes)s phút."
            )
        message = text % {"minutes": minutes}
        status, retry = 429, wait
    response = render(
        request,
        "security/login_throttled.html",
        {"message": message, "back_url": request.path},
        status=status,
    )
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response
