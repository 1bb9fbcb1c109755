"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and PORTAL_BASE_URL."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env_bool, os

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set (comma-separated host names) in production.")
# The public address (canonical links, the Wagtail Site set by `manage.py setup_site`, the
# purges sent to nginx) must be the real one, never the development default.
if not os.environ.get("PORTAL_BASE_URL", "").strip():
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be set in production: the portal's public address, e.g. https://sonoivu.kontum.gov.vn"
    )

# HTTPS is terminated by the proxy in front of the app (deploy/nginx).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookie names stay Django's defaults (sessionid, csrftoken): the proxy's cache rules key on them.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]
# Mixed content is upgraded on the public site (not in dev, which runs over plain HTTP).
PORTAL_CSP_PUBLIC = {**PORTAL_CSP_PUBLIC, "upgrade-insecure-requests": []}
PORTAL_CSP_ADMIN = {**PORTAL_CSP_ADMIN, "upgrade-insecure-requests": []}

# --- e-mail (Wagtail's approval notifications, password resets) ---
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
