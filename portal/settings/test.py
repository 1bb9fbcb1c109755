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
