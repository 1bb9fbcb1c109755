"""Limit admin login attempts per user name and per client address.

Failed logins (Django's ``user_login_failed`` signal, sent by Wagtail's and Django's
login views alike) are counted in the shared cache (Redis in production), so every app
server sees the same counters. After ``PORTAL_LOGIN_MAX_FAILURES_PER_USER`` failures for
one user name, or ``PORTAL_LOGIN_MAX_FAILURES_PER_IP`` from one address, within
``PORTAL_LOGIN_WINDOW_SECONDS``, further login POSTs get a 429 page in Vietnamese without
the password even being checked. A successful login clears the user name's counter (not
the address's). The address is the real client address (``client_ip.get_client_ip``).

If the cache is unreachable the counters cannot be read and logins are not throttled
(see ``portal.cache_backends``): the site stays usable and the failure is logged.
"""

import hashlib
import logging
import math

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .client_ip import get_client_ip

logger = logging.getLogger("portal.security")

LOGIN_URL_NAMES = ("wagtailadmin_login", "admin:login")


def _limits():
    return (
        getattr(settings, "PORTAL_LOGIN_MAX_FAILURES_PER_USER", 5),
        getattr(settings, "PORTAL_LOGIN_MAX_FAILURES_PER_IP", 20),
        getattr(settings, "PORTAL_LOGIN_WINDOW_SECONDS", 900),
    )


def _user_key(username):
    digest = hashlib.sha256((username or "").strip().casefold().encode("utf-8", "replace")).hexdigest()[:32]
    return f"login-fail:user:{digest}"


def _ip_key(ip):
    return f"login-fail:ip:{ip}"


def _count(key):
    try:
        return int(cache.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def _bump(key, window):
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is down
        cache.set(key, 1, window)


def _username_from(request):
    from django.contrib.auth import get_user_model

    field = get_user_model().USERNAME_FIELD
    return request.POST.get(field) or request.POST.get("username") or ""


def is_blocked(request, username):
    per_user, per_ip, _window = _limits()
    if username and _count(_user_key(username)) >= per_user:
        return True
    return _count(_ip_key(get_client_ip(request))) >= per_ip


@receiver(user_login_failed)
def count_failure(sender, credentials=None, request=None, **kwargs):
    if request is None:
        return
    _per_user, _per_ip, window = _limits()
    username = (credentials or {}).get("username") or _username_from(request)
    ip = get_client_ip(request)
    _bump(_user_key(username), window)
    _bump(_ip_key(ip), window)
    logger.warning("Failed admin login for %r from %s", username[:150], ip)


@receiver(user_logged_in)
def clear_user_failures(sender, request=None, user=None, **kwargs):
    if user is not None:
        cache.delete(_user_key(user.get_username()))


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def login_paths(self):
        if self._paths is None:
            paths = set()
            for name in LOGIN_URL_NAMES:
                try:
                    paths.add(reverse(name))
                except NoReverseMatch:
                    continue
            self._paths = paths
        return self._paths

    def __call__(self, request):
        if request.method == "POST" and request.path_info in self.login_paths():
            username = _username_from(request)
            if is_blocked(request, username):
                logger.warning("Throttled admin login for %r from %s", username[:150], get_client_ip(request))
                return throttled_response(request)
        return self.get_response(request)


def throttled_response(request):
    window = _limits()[2]
    minutes = max(1, math.ceil(window / 60))
    message = _(
        "Bạn đã đăng nhập sai quá nhiều lần. Vì lý do an toàn, việc đăng nhập tạm thời bị khoá; "
        "vui lòng thử lại sau %(minutes)s phút."
    ) % {"minutes": minutes}
    response = render(
        request,
        "security/login_throttled.html",
        {"message": message, "back_url": request.path},
        status=429,
    )
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "no-store"
    return response
