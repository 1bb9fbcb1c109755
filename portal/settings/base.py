"""Settings shared by every environment, read top to bottom: each setting is set once here
(``dev``, ``test`` and ``production`` change a few), each ``PORTAL_*`` setting with its
default and a one-line comment.

The defaults run with nothing to configure: SQLite in the project folder and a
local-memory cache. ``DATABASE_URL`` switches the database (PostgreSQL in
production) and ``REDIS_URL`` switches the cache and the visitor counters to Redis.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")

INSTALLED_APPS = [
    "portal",
    "portal.stats",
    "portal.editorial",
    "portal.search",
    "campaigns",
    "documents",
    "news",
    "video",
    "citizens",
    "organisation",
    "links",
    "schedule",
    "procedures",
    # dj-hitcount's models (the view counts); the counting itself is portal.stats.
    "portal.stats.hitcount_app.HitCountConfig",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",  # open data at /api/v2/ (portal/core/api.py, docs/api.md)
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # `runserver` leaves static files to WhiteNoise too (see "Public serving").
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Security headers, login throttling, optional 2FA (django-otp TOTP).
    "portal.security",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Wagtail shows times with humanize's naturaltime ("2 phút trước"); the app brings its
    # Vietnamese catalogue.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (hashed names, compressed copies) before any page middleware.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.security.headers.SecurityHeadersMiddleware",
    # Outside the cache and everything that reads the database, inside the security headers:
    # an unreachable database gives a 503 "tạm thời gián đoạn" page with Retry-After, not a 500.
    "portal.core.outage.DatabaseOutageMiddleware",
    # After the security headers (cached pages get them too): serves cached anonymous pages
    # before the rest of the stack and sets Cache-Control (public for anonymous pages,
    # private/no-store otherwise).
    "portal.cache.http.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.security.login_throttle.LoginThrottleMiddleware",
    "portal.security.two_factor.OptionalTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Nothing goes live without a reviewer (portal/editorial/admin_guard.py).
    "portal.editorial.admin_guard.AdminGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# --- database: SQLite by default, anything dj-database-url understands otherwise ---
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers and the one writer work at the same time (measured:
                # counting ~3x faster than with the default journal).
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Persistent connections too: closing the last connection to a WAL database
            # checkpoints it, which made every request that touched the database pay a
            # checkpoint (measured: counting beacon 30–90 ms → a few ms).
            "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# dj-hitcount 2.0.0's shipped migrations lag its models (makemigrations wants a 0006
# inside site-packages), so the project owns the app's migrations.
MIGRATION_MODULES = {"hitcount": "portal.stats.hitcount_migrations"}
# manage.py backup writes JSON that keeps timestamps to the microsecond.
SERIALIZATION_MODULES = {"portal-json": "portal.core.backup_format"}

# --- cache: local memory by default, Redis when REDIS_URL is set ---
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis errors degrade to cache misses instead of failing the page.
            "BACKEND": "portal.cache.backends.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            "TIMEOUT": 300,
        }
    }

# --- accounts and sessions (sessions exist only for the admin) ---
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# 8 hours at most, ended when the browser closes.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Wagtail's login form plus autocomplete hints and errors tied to their fields.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.admin_login.AccessibleLoginForm"
# Login-restricted pages send visitors to the admin login (throttled, with the two-step
# code); Wagtail's separate front-end login /_util/login/ only redirects there.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Optional two-factor authentication (django-otp TOTP), opt-in per user: see two_factor.py.
OTP_TOTP_ISSUER = "Sở Nội vụ Kon Tum"

# --- languages, dates, slugs (portal/formats/, portal/core/slugs.py; docs/huong-dan-bien-tap.md) ---
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# portal/locale first; then the Vietnamese of Wagtail's and wagtail-localize's admin (Python
# and JavaScript strings), kept apart so that makemessages never touches it: it wins over
# the apps' own catalogues, portal/locale wins over it (docs/admin-vietnamese.md).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "admin_locale"]
# Dates are typed and shown dd/mm/yyyy and HH:MM in the admin, in both admin languages;
# the format modules read them back (Django's "vi" module has no input formats).
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
from portal.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: E402, F401

# Slugs are made ASCII by portal/core/slugs.py (in the slug widget and on save, "đ" → "d").
# Unicode stays *allowed* so that pages with an older diacritic address can still be
# saved unchanged, and so that the slug Wagtail derives from a title keeps its "đ" for
# vn_slug to turn into "d" (with False, Django's slugify drops it: "ien-hinh").
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# A page submitted for translation becomes a draft in the other language, whoever submits
# it (wagtail-localize would otherwise publish it at once when the source page is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- public serving: static files and uploads ---
# The app serves its own static files (WhiteNoise: hashed names, compressed copies, a
# year's cache for hashed files), so `make run` shows the site as the public sees it,
# with DEBUG off. In front of it in production, nginx serves /static/ itself.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve public uploads (image renditions and originals, the content apps' public media) when
# no web server does (`make run`); never documents (portal/core/media_view.py).
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", False)
# Documents sent by nginx (X-Accel-Redirect) after the app's permission checks.
PORTAL_SENDFILE_NGINX = env_bool("PORTAL_SENDFILE_NGINX")
if PORTAL_SENDFILE_NGINX:
    SENDFILE_BACKEND = "portal.security.sendfile_nginx"

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Cổng thông tin Sở Nội vụ tỉnh Kon Tum"
# The one public address of the portal (scheme, host, port; no trailing slash): canonical
# links, the sitemap, feeds, share links, e-mails and the Wagtail Site's host name use it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls from the admin to outside servers
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor editors' e-mail hashes sent to Gravatar
# Rows per panel on the editors' dashboard (the page types come from portal.registry).
PORTAL_DASHBOARD_ROWS = 8

# --- uploads: checked by content (portal/security/uploads.py) ---
# Documents: office formats and PDF only (no HTML, SVG or executables). PDFs open in the
# browser; every other document type downloads.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.security.uploads.SafeDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.security.uploads.SafeImageForm"
# An office file or ZIP whose members unpack to more than this is refused (a zip bomb).
PORTAL_UPLOAD_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# ... or whose members compress better than this ratio.
PORTAL_UPLOAD_MAX_COMPRESSION_RATIO = 100
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields other than files
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- security headers (portal/security/; README "Security"; production.py tightens) ---
# Content-Security-Policy of public pages: scripts from our own origin only (no inline
# script, no eval). Inline style attributes stay allowed (embeds and rich text use them).
PORTAL_CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "https:"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Content-Security-Policy of the admin: Wagtail's admin still has a few inline scripts.
PORTAL_CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "https:"],
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],  # the page preview is an iframe in the editor
}
# Paths that get the admin's policy.
PORTAL_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# The Permissions-Policy header of every response.
PORTAL_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this with SAMEORIGIN themselves
# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
PORTAL_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# --- login throttling and two-step login (portal/security/) ---
# Admin login failures allowed per user name within the window.
PORTAL_LOGIN_MAX_FAILURES_PER_USER = int(os.environ.get("LOGIN_MAX_FAILURES_PER_USER", "5"))
# ... and per client address.
PORTAL_LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("LOGIN_MAX_FAILURES_PER_IP", "20"))
# The window of the two limits above (15 minutes).
PORTAL_LOGIN_WINDOW_SECONDS = int(os.environ.get("LOGIN_WINDOW_SECONDS", "900"))
# Wrong passwords for one password-protected page (from any address) within the window.
PORTAL_PAGE_PASSWORD_MAX_FAILURES = int(os.environ.get("PAGE_PASSWORD_MAX_FAILURES", "50"))
# Paths where a user who turned on two-step login must give the code.
PORTAL_2FA_PATH_PREFIXES = ("/admin/",)

# --- HTTP caching, frontend cache purging (portal/cache/) ---
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", "30"))  # browsers
PORTAL_CACHE_S_MAXAGE = int(os.environ.get("PORTAL_CACHE_S_MAXAGE", "120"))  # nginx micro-cache, CDN
# Server-side cache of rendered anonymous pages; unset (None) = on unless DEBUG.
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", True) if "PORTAL_PAGE_CACHE" in os.environ else None
# Server-side cache of frame fragments (menus, sidebar, home sections); None = on unless DEBUG.
PORTAL_FRAGMENT_CACHE = env_bool("PORTAL_FRAGMENT_CACHE", True) if "PORTAL_FRAGMENT_CACHE" in os.environ else None
# How long a kept page lives in the shared cache (a publication ends it sooner).
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "120"))
# ... and in each process's own memory in front of it.
PORTAL_PAGE_CACHE_LOCAL_SECONDS = 30
# How long a kept fragment lives (a publication ends it sooner).
PORTAL_FRAGMENT_CACHE_SECONDS = 300
# Query parameters a kept page may have (any other parameter: not kept).
PORTAL_PAGE_CACHE_QUERY_PARAMS = ("page",)
# How often each process looks for a new publication (one tiny query).
PORTAL_CACHE_CHECK_SECONDS = float(os.environ.get("PORTAL_CACHE_CHECK_SECONDS", "1"))
# Paths never kept nor marked public.
PORTAL_PRIVATE_PATH_PREFIXES = ("/admin/", "/django-admin/")
# A publication purges at most this many descendants' URLs one by one.
PORTAL_PURGE_MAX_DESCENDANTS = 100
# Purge targets, in order (nginx before a CDN in front of it). Wagtail's frontend_cache app is
# deliberately not installed: portal.cache.purge also purges listings and the home page.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("PORTAL_NGINX_PURGE_URL"):
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "portal.cache.purge.NginxRefreshBackend",
        "LOCATIONS": env_list("PORTAL_NGINX_PURGE_URL"),
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {  # needs boto3 (pip install boto3)
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []  # every page has its own URL per language

# --- visitor statistics (portal.stats; README "Thống kê truy cập") ---
# The store follows REDIS_URL: database only by default, Redis counters + `manage.py
# flush_stats` with it. The client address is portal.security.client_ip.get_client_ip.
# False: pages render no counters, load no beacon script and the beacon counts nothing.
PORTAL_STATS_ENABLED = env_bool("PORTAL_STATS_ENABLED", True)
# A browser counts as online for this many minutes after its last page view.
PORTAL_ONLINE_WINDOW_MINUTES = int(os.environ.get("PORTAL_ONLINE_WINDOW_MINUTES", "5"))
# A browser's page views more than this many minutes apart are separate visits.
PORTAL_VISIT_GAP_MINUTES = 30
# One browser's repeated views of one page within this many minutes count once.
PORTAL_STATS_DEDUP_MINUTES = int(os.environ.get("PORTAL_STATS_DEDUP_MINUTES", "30"))
# Per source (an IPv4 address or an IPv6 /64), token buckets with no window edge
# (portal/stats/limits.py): at most RATE_LIMIT beacons in any RATE_WINDOW_SECONDS (429
# past it), at most SOURCE_PAGE_VIEWS_PER_HOUR views of one page and at most
# SOURCE_VISITORS_PER_HOUR new browsers in any hour (past them nothing is counted).
PORTAL_STATS_RATE_LIMIT = int(os.environ.get("PORTAL_STATS_RATE_LIMIT", "240"))
PORTAL_STATS_RATE_WINDOW_SECONDS = 60
PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR = int(os.environ.get("PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR", "60"))
PORTAL_STATS_SOURCE_VISITORS_PER_HOUR = int(os.environ.get("PORTAL_STATS_SOURCE_VISITORS_PER_HOUR", "120"))
# The prefix of the statistics' Redis keys.
PORTAL_STATS_REDIS_PREFIX = os.environ.get("PORTAL_STATS_REDIS_PREFIX", "portal:stats:")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- citizens (Hỏi đáp – Góp ý – Liên hệ; docs/hoi-dap.md) ---
# E-mail through SMTP, configured by the environment (deploy/portal.env.example);
# `make run`/dev use the console backend, the tests a local memory outbox or a real
# SMTP server started by the test.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng thông tin Sở Nội vụ <no-reply@localhost>")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Per source (IPv4 address or IPv6 /64): at most this many submissions in the window.
PORTAL_CITIZENS_LIMIT_PER_SOURCE = int(os.environ.get("PORTAL_CITIZENS_LIMIT_PER_SOURCE", "5"))
PORTAL_CITIZENS_LIMIT_WINDOW_SECONDS = int(os.environ.get("PORTAL_CITIZENS_LIMIT_WINDOW_SECONDS", "3600"))
# Searches not kept already (portal/search/limits.py): at most this many per source in the window.
PORTAL_SEARCH_LIMIT_PER_SOURCE = int(os.environ.get("PORTAL_SEARCH_LIMIT_PER_SOURCE", "40"))
PORTAL_SEARCH_LIMIT_WINDOW_SECONDS = int(os.environ.get("PORTAL_SEARCH_LIMIT_WINDOW_SECONDS", "60"))
PORTAL_CITIZENS_MIN_FILL_SECONDS = 4  # a form sent sooner after it was shown is a robot's
PORTAL_CITIZENS_FORM_MAX_AGE_SECONDS = 86400
PORTAL_CITIZENS_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

# --- open data: Wagtail API v2 at /api/v2/ (portal/core/api.py, docs/api.md) ---
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
# Requests per source (IPv4 address or IPv6 /64) to the API: "120/min", "2000/hour"…
PORTAL_API_RATE = os.environ.get("PORTAL_API_RATE", "120/min")
