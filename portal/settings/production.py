"""Production: PostgreSQL, HTTPS, a real secret. Refuses to start without SECRET_KEY."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import MEDIA_ROOT, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY 未设置：生产环境必须通过环境变量提供 SECRET_KEY。"
        " (SECRET_KEY must be set in the environment in production.)"
    )

# 个人信息保护法第五十一条: personal data is encrypted with a key only production holds
PORTAL_DATA_KEY_REQUIRED = True
if len(os.environ.get("PORTAL_DATA_KEY", "")) < 32:
    raise ImproperlyConfigured(
        "PORTAL_DATA_KEY 未设置或少于32个字符：生产环境必须通过环境变量提供个人信息加密密钥"
        "（manage.py rotate_data_key --generate 可生成）。"
        " (PORTAL_DATA_KEY must be set, at least 32 characters, in production.)"
    )

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
# Wagtail's page preview shows the site inside the admin in an iframe of the same origin,
# so frames are limited to SAMEORIGIN rather than DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)  # nginx serves /media/ in production
# Documents go through Wagtail's serve view (collection privacy); the view answers with
# X-Accel-Redirect and nginx sends the file from an internal location (docs/deployment.md).
SENDFILE_BACKEND = os.environ.get("SENDFILE_BACKEND", "django_sendfile.backends.nginx")
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = os.environ.get("SENDFILE_URL", "/protected-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
