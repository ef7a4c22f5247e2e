"""Base settings shared by every environment.

Everything that differs between machines comes from the environment:

- ``DATABASE_URL``      PostgreSQL in production (``postgres://user@host:5432/name``);
                        unset means the embedded SQLite file ``db.sqlite3`` in the project folder.
- ``REDIS_URL``         optional cache (``redis://127.0.0.1:6379/1``); without it a local cache.
- ``ELASTICSEARCH_URL`` optional; switches search to Wagtail's Elasticsearch backend.
- ``SECRET_KEY``        required in production (see production.py).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    # the portal's own apps (page apps first so their templates win)
    "home",
    "news",
    "disclosure_catalog",
    "government",
    "search",
    "portal.core",
    "portal.units",
    "portal.review",
    "portal.statistics",
    "portal.participation",
    "portal.migration",
    "portal.pagecache",
    "portal.publicsite",
    "portal.desk",
    "portal.platform",
    # wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.core.users_app.PortalUsersAppConfig",  # wagtail.users, scoped per site
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # login lockout records, second factor, security headers
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the default widget templates, for FORM_RENDERER = TemplatesSetting
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Content-Security-Policy and Permissions-Policy on every response: outermost, so that the
    # HTTPS redirect and static files carry them too
    "portal.core.csp.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL characters in a path, query or form: 400 before anything queries the database
    "portal.core.middleware.RejectNulMiddleware",
    # gunicorn does not serve static files; WhiteNoise serves them compressed and cacheable
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # brotli/gzip for text: outside the page cache (one uncompressed copy, compressed per
    # client) and outside everything that sets cookies (portal/pagecache/compression.py)
    "portal.pagecache.compression.CompressionMiddleware",
    # Django's session middleware, except that the editor's background pings do not count as
    # activity (portal/core/sessions.py)
    "portal.core.sessions.ActivitySessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # anonymous visitors' pages from the cache (after Locale: the key holds the language)
    "portal.pagecache.middleware.PageCacheMiddleware",
    # Wagtail's site for the host from a per-worker table (portal/core/routing.py)
    "portal.core.routing.SiteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.core.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # withdrawn pages (撤稿) answer 410 with a notice; an admin's redirect still wins
    "portal.review.middleware.WithdrawnPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # login lockout (django-axes): last, as its documentation asks
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# widgets render through TEMPLATES, so that the project's overrides of Wagtail's widget
# templates apply (templates/wagtailadmin/widgets: the CSP nonce, portal/core/csp.py)
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "portal.wsgi.application"

# --- database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # gunicorn workers and the scheduler share the file: take the write lock up front
    # instead of failing with "database is locked" on lock upgrade.
    # Persistent connections: each gunicorn sync worker (and the scheduler) keeps its own
    # (the master closes the one used for the warm-up before forking, portal/warmup.py);
    # opening one with its PRAGMAs cost ≈ 4 ms per request (docs/performance.md).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("SQLITE_CONN_MAX_AGE", 600))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- cache ----------------------------------------------------------------------------------
def caches_for(redis_url, cache_dir):
    """The CACHES setting: Redis with a local file-cache fallback (portal/core/cache_backends.py),
    or, without Redis, the file cache alone.

    The file cache is shared by all gunicorn workers (per-process memory caches would let one
    worker serve a stale menu after another published, and would count rate limits per worker).
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": "portal.core.cache_backends.RedisWithLocalFallback",
                "LOCATION": redis_url,
                "KEY_PREFIX": "portal",
                "OPTIONS": {"FALLBACK_LOCATION": str(cache_dir)},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache_dir),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = caches_for(REDIS_URL, os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))
# Wagtail stores every rendition it looks up in the "renditions" cache, on each request: a
# per-process memory cache instead of a file write (a rendition is immutable under its key;
# an image whose file is replaced drops out of other workers' caches within TIMEOUT).
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-renditions",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- auth -----------------------------------------------------------------------------------
# Password rules in Chinese: length, three character classes, not the site's names
# (portal/core/passwords.py; 等保 2.0 身份鉴别).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "portal.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "portal.core.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "portal.core.passwords.SiteNameValidator"},
    {"NAME": "portal.core.passwords.CommonPasswordValidator"},
    {"NAME": "portal.core.passwords.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "portal.core.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SESSION_COOKIE_AGE = 60 * 60 * 2  # admin sessions end after two idle hours
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "wagtailadmin_login"

# Login lockout (django-axes, portal/core/auth.py): records in the database, so that the
# lockout holds without Redis and across workers.
AXES_HANDLER = "portal.core.auth.PortalAxesHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
PORTAL_LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("LOGIN_IP_FAILURE_LIMIT", "20"))
AXES_USERNAME_CALLABLE = "portal.core.auth.login_username"
AXES_CLIENT_IP_CALLABLE = "portal.core.auth.login_client_ip"
AXES_RESET_ON_SUCCESS = True
# a locked-out request is answered with the lockout page and does not extend the lockout
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# kept ≥ 6 months (等保): never trimmed by axes; `prune_login_records` deletes old ones
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 10**9
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
AXES_VERBOSE = False

# Second factor (portal/core/two_factor.py): required for administrators
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "榕江县人民政府网站管理"

# Content-Security-Policy (django-csp 4): no inline script anywhere. Inline style attributes
# are allowed (Wagtail's admin sets many); images may be data:/blob: URLs (previews, QR codes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Wagtail's admin widgets write a few inline scripts: under /admin/ those carry the request's
# nonce (portal/core/csp.py); no 'unsafe-inline' anywhere
PORTAL_ADMIN_CSP_UPDATE = {"script-src": [NONCE]}
# No page needs these browser features; fullscreen for the site's own video player only.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

# --- language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文"), ("en", "英文")]  # names shown in the admin
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- the admin in Chinese, nothing from another host (docs/foundation.md, "Admin language") -
# Django's and Wagtail's zh_Hans catalogues, completed by the project's own
# locale/zh_Hans/LC_MESSAGES/django.po (strings Wagtail's catalogue lacks, permission names).
# The admin offers only Chinese (English stays a language of the public pages), times in
# 北京时间, no avatars from gravatar.com, no "what's new" banner linking to wagtail.org.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.core.login_form.AdminLoginForm"

# --- static and media -----------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files: served by the application unless a front web server (nginx) does it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# --- wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "榕江县人民政府"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "ofd",
    "doc",
    "docx",
    "wps",
    "xls",
    "xlsx",
    "et",
    "jpg",
    "png",
    "mp4",
    "zip",
    "txt",
    "csv",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# files used by live pages are not replaced outside review; uploads are checked by content
# (portal/review/media.py)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.review.media.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.review.media.ImageForm"
# 40 megapixels (e.g. 8000×5000) is more than any web page needs; bigger answers a form error
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# no avatar images from gravatar.com (no outside host; the CSP would block them anyway)
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# review (portal/review): the last approval publishes with 三同步; an edit during review
# needs every step again
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.review.finish.finish_workflow"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# a translation of a live page starts as a draft and goes through review (先审后发)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII addresses; blank slugs get a dated one
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# no WAGTAILAPI_BASE_URL (站群): the API's detail_url and download_url are then built from the
# root URL of the requested site (wagtail.api.v2.utils.get_base_url), each site's own host
WAGTAILAPI_LIMIT_MAX = 100

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    # Chinese analysis: the built-in cjk analyser, or IK (ik_max_word / ik_smart) when the
    # cluster has the plugin and ELASTICSEARCH_ANALYZER=ik (docs/search.md)
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
            "ANALYZER": os.environ.get("ELASTICSEARCH_ANALYZER", "cjk"),
        },
    }
else:
    # jieba segmentation on SQLite FTS5 / PostgreSQL (search/backends/database.py)
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
# every statement of a public search is bounded (portal/core/db.py): past it the visitor
# reads "搜索繁忙，请稍后再试" (503) instead of the worker being held until gunicorn kills it
PORTAL_SEARCH_TIMEOUT_MS = int(os.environ.get("PORTAL_SEARCH_TIMEOUT_MS", "5000"))

# --- personal data at rest (portal/participation/crypto.py) ---------------------------------
# PORTAL_DATA_KEY encrypts ID numbers, phones and contact data; production requires it.
# PORTAL_DATA_OLD_KEYS (comma-separated) still decrypt until `manage.py rotate_data_key` ran.
PORTAL_DATA_KEY = os.environ.get("PORTAL_DATA_KEY", "")
PORTAL_DATA_OLD_KEYS = [k for k in os.environ.get("PORTAL_DATA_OLD_KEYS", "").split(",") if k]
PORTAL_DATA_KEY_REQUIRED = False

# --- email ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# --- page cache and front-end cache purge (portal/pagecache, docs/deployment.md) -------------
# Anonymous visitors' pages are cached in CACHES["default"] under the publication generation;
# front-end caches are told which URLs changed on every publication event.
PAGECACHE_ENABLED = env_bool("PAGECACHE_ENABLED", True)
PAGECACHE_TIMEOUT = int(os.environ.get("PAGECACHE_TIMEOUT", 3600))  # in-app entries
PAGECACHE_SHARED_MAX_AGE = int(os.environ.get("PAGECACHE_SHARED_MAX_AGE", 600))  # nginx/CDN
PAGECACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGECACHE_BROWSER_MAX_AGE", 0))  # revalidate
PAGECACHE_GONE_MAX_AGE = 60  # 404/410 kept by nginx, so that a refresh replaces the page
#: paths on every site that change with any publication (a sitemap or feed, when added)
PAGECACHE_SITE_WIDE_PATHS = ["/", "/sitemap.xml", "/sitemap/"]
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_NGINX_URL"):  # e.g. http://127.0.0.1:80 (stock nginx)
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "portal.pagecache.backends.NginxRefreshBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_NGINX_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }
# the URLs given are exact (translations are listed by portal/pagecache/dependencies.py)
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- the desk: notifications and reminders (portal/desk, docs/review.md) ---------------------
# backends every notification goes through (e-mail by default; add SMS/WeChat backends here)
PORTAL_NOTIFICATION_BACKENDS = ["portal.desk.notify.EmailBackend"]
# a review step waiting longer than this many working days is in the overdue reminder
PORTAL_REVIEW_OVERDUE_WORKING_DAYS = int(os.environ.get("PORTAL_REVIEW_OVERDUE_WORKING_DAYS", "2"))
