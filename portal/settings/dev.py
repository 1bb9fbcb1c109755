from .base import *  # noqa: F403
from .base import env_bool, os

# `make run` shows the site as the public sees it (DEBUG off: the Vietnamese 404 and 500
# pages, static files through WhiteNoise); `make dev` sets DEBUG=1 for the autoreloading
# debug server.
DEBUG = os.environ.get("DEBUG", "0") in {"1", "true", "True"}
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", True)
# Development only: a fixed key so sessions survive restarts. Production refuses this.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-sở-nội-vụ-kon-tum"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *ALLOWED_HOSTS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
