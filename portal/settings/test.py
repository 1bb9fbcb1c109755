import os as _os
import re as _re


def _redis_db_per_xdist_worker():
    """Under pytest-xdist (``-n 2``) each worker gets a Redis database of its own: the
    tests empty the cache (Django's ``cache.clear()`` is a FLUSHDB) and would otherwise
    empty the other worker's cache and counters. ``REDIS_URL=…/6`` gives worker gw0 the
    db 6, gw1 the db 7, … (modulo 16). Servers a test starts inherit the URL the worker
    uses (``REDIS_URL`` is rewritten; the original is kept in ``PORTAL_TEST_REDIS_BASE_URL``
    so that this runs once); a test that points ``REDIS_URL`` elsewhere is left alone."""
    worker = _os.environ.get("PYTEST_XDIST_WORKER", "")
    url = _os.environ.get("REDIS_URL", "")
    if not (url and worker.startswith("gw") and worker[2:].isdigit()):
        return
    base = _os.environ.setdefault("PORTAL_TEST_REDIS_BASE_URL", url)
    if url != base:
        return
    match = _re.fullmatch(r"(redis://[^/]*)(?:/(\d+))?", base)
    if match:
        db = (int(match.group(2) or 0) + int(worker[2:])) % 16
        _os.environ["REDIS_URL"] = f"{match.group(1)}/{db}"


_redis_db_per_xdist_worker()

from .base import *  # noqa: E402, F403 - after the Redis db is chosen
from .base import BASE_DIR, os  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media" / str(os.getpid())
PORTAL_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Server-side page and fragment caches off, so tests see every change at once;
# tests/test_caching.py switches them on.
PORTAL_PAGE_CACHE = False
PORTAL_FRAGMENT_CACHE = False
# Tests search hundreds of times from one address; tests/test_search_limits.py sets a limit.
PORTAL_SEARCH_LIMIT_PER_SOURCE = 0
# No collectstatic before the tests: plain static storage, and no WhiteNoise scanning
# STATIC_ROOT for every test client (tests/test_public_serving.py switches both on).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
PORTAL_SERVE_MEDIA = False
