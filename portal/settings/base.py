"""Settings shared by every environment.

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
    "portal.hitcount_app.HitCountConfig",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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

# Database: SQLite by default, anything dj-database-url understands otherwise.
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
                # WAL lets readers and the one writer work at the same time; see
                # STACK-NOTES: counting is ~3x faster than with the default journal.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a local-memory cache by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 300,
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese first, English where the law asks for it.
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
LOCALE_PATHS = [PROJECT_DIR / "locale"]

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
    # Hashed names and compressed copies (WhiteNoise, see "public serving" below).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cổng thông tin Sở Nội vụ tỉnh Kon Tum"
# The one public address of the portal (scheme, host, port; no trailing slash): canonical
# links, the sitemap, feeds, share links, e-mails and the Wagtail Site's host name use it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PORTAL_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Documents: office formats and PDF only (no HTML, SVG or executables).
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# dj-hitcount: the counting itself is done by portal.stats (see its README section).
HITCOUNT_KEEP_HIT_ACTIVE = {"minutes": 30}
HITCOUNT_HITS_PER_IP_LIMIT = 0
HITCOUNT_KEEP_HIT_IN_DATABASE = {"days": 30}

# Visitor statistics (portal.stats).
PORTAL_ONLINE_WINDOW_MINUTES = int(os.environ.get("PORTAL_ONLINE_WINDOW_MINUTES", "5"))
PORTAL_VISIT_GAP_MINUTES = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# dj-hitcount 2.0.0's shipped migrations lag its models (makemigrations wants a 0006
# inside site-packages), so the project owns the app's migrations.
MIGRATION_MODULES = {"hitcount": "portal.hitcount_migrations"}

# --- editors' desk (portal.editorial) ---
# Dashboard settings; the page types listed come from the apps' declarations (portal.registry).
PORTAL_EDITORIAL = {
    # URL names tried, in order, for the "full statistics report" link.
    "stats_url_names": ["stats_report", "stats:report", "stats_admin_report", "wagtailstats_report"],
    "limit": 8,
}
# --- security ---
# Security headers, login throttling, optional 2FA and upload checks (portal/security/,
# portal/uploads.py, README "Security"). Production tightens further in production.py.
INSTALLED_APPS += ["portal.security", "django_otp", "django_otp.plugins.otp_totp"]
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE.insert(_after_security, "portal.security.headers.SecurityHeadersMiddleware")
_after_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_after_auth:_after_auth] = [
    "portal.security.login_throttle.LoginThrottleMiddleware",
    "portal.security.two_factor.OptionalTwoFactorMiddleware",
]
# Content-Security-Policy: public pages load scripts from our own origin only (no inline
# script, no eval). Inline style attributes stay allowed (embeds and rich text use them).
# Wagtail's admin still has a few inline scripts, so it gets its own, looser policy.
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
PORTAL_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
PORTAL_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this with SAMEORIGIN themselves
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls from the admin to outside servers
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor editors' e-mail hashes sent to Gravatar
# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
PORTAL_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
# Admin login: at most 5 failures per user name and 20 per client address in 15 minutes.
PORTAL_LOGIN_MAX_FAILURES_PER_USER = int(os.environ.get("LOGIN_MAX_FAILURES_PER_USER", "5"))
PORTAL_LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("LOGIN_MAX_FAILURES_PER_IP", "20"))
PORTAL_LOGIN_WINDOW_SECONDS = int(os.environ.get("LOGIN_WINDOW_SECONDS", "900"))
# Wrong passwords for one password-protected page (from any address) within the window.
PORTAL_PAGE_PASSWORD_MAX_FAILURES = int(os.environ.get("PAGE_PASSWORD_MAX_FAILURES", "50"))
# Login-restricted pages send visitors to the admin login (throttled, with the two-step
# code); Wagtail's separate front-end login /_util/login/ only redirects there.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Sessions exist only for the admin: 8 hours at most, ended when the browser closes.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Optional two-factor authentication (django-otp TOTP), opt-in per user: see two_factor.py.
OTP_TOTP_ISSUER = "Sở Nội vụ Kon Tum"
# Uploads: checked by content (portal/uploads.py). PDFs open in the browser; every other
# document type downloads.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.uploads.SafeImageForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
PORTAL_UPLOAD_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
PORTAL_UPLOAD_MAX_COMPRESSION_RATIO = 100
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields other than files
# Redis errors degrade to cache misses instead of failing the page (portal/cache_backends.py).
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "portal.cache_backends.FailSafeRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 0.5, "socket_timeout": 0.5})
# manage.py backup writes JSON that keeps timestamps to the microsecond.
SERIALIZATION_MODULES = {"portal-json": "portal.backup_format"}

# --- ops: HTTP caching, frontend cache purging (portal/caching.py, portal/frontend_cache.py) ---
# Right after the security middlewares (so cached pages get the security headers too): serves
# cached anonymous pages before the rest of the stack and sets Cache-Control (public for
# anonymous pages, private/no-store otherwise).
MIDDLEWARE.insert(
    MIDDLEWARE.index("portal.security.headers.SecurityHeadersMiddleware") + 1, "portal.caching.CacheHeadersMiddleware"
)
# Outside the cache and everything that reads the database, inside the security headers:
# an unreachable database gives a 503 "tạm thời gián đoạn" page with Retry-After, not a 500.
MIDDLEWARE.insert(MIDDLEWARE.index("portal.caching.CacheHeadersMiddleware"), "portal.outage.DatabaseOutageMiddleware")
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", "30"))  # browsers
PORTAL_CACHE_S_MAXAGE = int(os.environ.get("PORTAL_CACHE_S_MAXAGE", "120"))  # nginx micro-cache, CDN
# Server-side cache of rendered anonymous pages and frame fragments; unset = on unless DEBUG.
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", True) if "PORTAL_PAGE_CACHE" in os.environ else None
PORTAL_FRAGMENT_CACHE = env_bool("PORTAL_FRAGMENT_CACHE", True) if "PORTAL_FRAGMENT_CACHE" in os.environ else None
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "120"))
# How often each process looks for a new publication (one tiny query).
PORTAL_CACHE_CHECK_SECONDS = float(os.environ.get("PORTAL_CACHE_CHECK_SECONDS", "1"))
PORTAL_PRIVATE_PATH_PREFIXES = ("/admin/", "/django-admin/")
PORTAL_PURGE_MAX_DESCENDANTS = 100
# Purge targets, in order (nginx before a CDN in front of it). Wagtail's frontend_cache app is
# deliberately not installed: portal.frontend_cache also purges listings and the home page.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("PORTAL_NGINX_PURGE_URL"):
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "portal.frontend_cache.NginxRefreshBackend",
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
if env_bool("PORTAL_SENDFILE_NGINX"):  # documents sent by nginx after the app's checks
    SENDFILE_BACKEND = "portal.sendfile_nginx"
# --- stats ---
# Visitor statistics (portal.stats; README "Thống kê truy cập"). The store follows
# REDIS_URL: database only by default, Redis counters + `manage.py flush_stats` with it.
PORTAL_STATS_DEDUP_MINUTES = int(os.environ.get("PORTAL_STATS_DEDUP_MINUTES", "30"))
# Per source (an IPv4 address or an IPv6 /64), token buckets with no window edge
# (portal/stats/limits.py): at most RATE_LIMIT beacons in any RATE_WINDOW_SECONDS (429
# past it), at most SOURCE_PAGE_VIEWS_PER_HOUR views of one page and at most
# SOURCE_VISITORS_PER_HOUR new browsers in any hour (past them nothing is counted).
PORTAL_STATS_RATE_LIMIT = int(os.environ.get("PORTAL_STATS_RATE_LIMIT", "240"))
PORTAL_STATS_RATE_WINDOW_SECONDS = 60
PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR = int(os.environ.get("PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR", "60"))
PORTAL_STATS_SOURCE_VISITORS_PER_HOUR = int(os.environ.get("PORTAL_STATS_SOURCE_VISITORS_PER_HOUR", "120"))
# The client address is portal.security.client_ip.get_client_ip (PORTAL_TRUSTED_PROXIES).
PORTAL_STATS_REDIS_PREFIX = os.environ.get("PORTAL_STATS_REDIS_PREFIX", "portal:stats:")
# Serves /_bench/ping (bench/beacon_bench.py only); never set in production.
PORTAL_BENCH_ENDPOINTS = env_bool("PORTAL_BENCH_ENDPOINTS", False)
# False: pages render no counters, load no beacon script and the beacon counts nothing.
PORTAL_STATS_ENABLED = env_bool("PORTAL_STATS_ENABLED", True)
# Persistent SQLite connections too (as for DATABASE_URL): closing the last connection
# to a WAL database checkpoints it, which made every request that touched the database
# pay a checkpoint (measured: counting beacon 30–90 ms → a few ms).
if not DATABASE_URL:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- editorial guards: nothing goes live without a reviewer (portal/editorial/admin_guard.py) ---
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "portal.editorial.admin_guard.AdminGuardMiddleware",
)
# A page submitted for translation becomes a draft in the other language, whoever submits
# it (wagtail-localize would otherwise publish it at once when the source page is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- admin flow: dates, preview, slugs (portal/formats/, portal/slugs.py; docs/huong-dan-bien-tap.md) ---
# Dates are typed and shown dd/mm/yyyy and HH:MM in the admin, in both admin languages;
# the format modules read them back (Django's "vi" module has no input formats).
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
from portal.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: E402, F401

# Slugs are made ASCII by portal/slugs.py (in the slug widget and on save, "đ" → "d").
# Unicode stays *allowed* so that pages with an older diacritic address can still be
# saved unchanged, and so that the slug Wagtail derives from a title keeps its "đ" for
# vn_slug to turn into "d" (with False, Django's slugify drops it: "ien-hinh").
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# --- admin in Vietnamese, accessible login, department branding (docs/admin-vietnamese.md) ---
# Wagtail's login form plus autocomplete hints and errors tied to their fields.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_login.AccessibleLoginForm"
# The Vietnamese of Wagtail's and wagtail-localize's admin (Python and JavaScript strings),
# kept apart from portal/locale so that makemessages never touches it: it wins over the
# apps' own catalogues, portal/locale wins over it.
LOCALE_PATHS = [*LOCALE_PATHS, PROJECT_DIR / "admin_locale"]
# Wagtail shows times with humanize's naturaltime ("2 phút trước"); the app brings its
# Vietnamese catalogue.
INSTALLED_APPS += ["django.contrib.humanize"]

# --- public serving ---
# The app serves its own static files (WhiteNoise: hashed names, compressed copies, a
# year's cache for hashed files), so `make run` shows the site as the public sees it,
# with DEBUG off. In front of it in production, nginx serves /static/ itself. Placed
# right after SecurityMiddleware, so a static file skips the page middleware.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
INSTALLED_APPS.insert(INSTALLED_APPS.index("django.contrib.staticfiles"), "whitenoise.runserver_nostatic")
# Public uploads (image renditions and originals, videos and their captions) served by
# the app when no web server does (`make run`); never documents, which go through the
# permission-checked /documents/ view. See portal/media_view.py.
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", False)
