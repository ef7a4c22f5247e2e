"""Production: PostgreSQL, HTTPS, a real secret, real mail. Refuses to start without a
SECRET_KEY of at least 50 characters, or without an SMTP server (unless password reset by
e-mail is switched off with PASSWORD_RESET_ENABLED=0)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import MEDIA_ROOT, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY 未设置：生产环境必须通过环境变量提供 SECRET_KEY。"
        " (SECRET_KEY must be set in the environment in production.)"
    )
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY 太短：生产环境的 SECRET_KEY 至少需要 50 个字符，请用"
        " `python -c 'import secrets; print(secrets.token_urlsafe(50))'` 生成。"
        " (SECRET_KEY must be at least 50 characters in production.)"
    )

# --- e-mail: an SMTP server, never the console (reset links would end up in the log) ------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("PASSWORD_RESET_ENABLED", True)
if os.environ.get("EMAIL_BACKEND", "").endswith(("console.EmailBackend", "filebased.EmailBackend")):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND 不能是 console 或 filebased：生产环境的邮件（含密码重置链接）不能写入日志或文件。"
    )
if EMAIL_HOST:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "465"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL and EMAIL_PORT == 587)
    EMAIL_TIMEOUT = 20
elif WAGTAIL_PASSWORD_RESET_ENABLED:
    raise ImproperlyConfigured(
        "未配置邮件服务器：生产环境必须设置 EMAIL_HOST（以及 EMAIL_PORT、EMAIL_HOST_USER、"
        "EMAIL_HOST_PASSWORD、DEFAULT_FROM_EMAIL），否则密码重置邮件无法发出；"
        "不使用邮件重置密码时请设置 PASSWORD_RESET_ENABLED=0。"
        " (Production needs EMAIL_HOST, or PASSWORD_RESET_ENABLED=0.)"
    )
else:
    # no mail server and no password reset: other notices are dropped, never logged
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

# --- second factor: always required for administrators in production ----------------------
PORTAL_REQUIRE_2FA = True

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
