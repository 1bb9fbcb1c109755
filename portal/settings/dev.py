from .base import *  # noqa: F403
from .base import os

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
# Development only: a fixed key so sessions survive restarts. Production refuses this.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-sở-nội-vụ-kon-tum"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *ALLOWED_HOSTS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
