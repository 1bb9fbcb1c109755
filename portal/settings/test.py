from .base import *  # noqa: F403
from .base import BASE_DIR, os

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
# No collectstatic before the tests: plain static storage, and no WhiteNoise scanning
# STATIC_ROOT for every test client (tests/test_public_serving.py switches both on).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
PORTAL_SERVE_MEDIA = False
