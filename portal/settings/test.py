"""Tests: same as base, with a fast hasher and files in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
# the second factor is tested where it is switched on (tests/security/test_auth.py); other
# suites log administrators in with force_login
PORTAL_REQUIRE_2FA = False

# The page cache outlives each test's rolled-back transaction in the per-process memory
# cache; tests of portal/pagecache turn it on with a cleared cache (tests/pagecache).
PAGECACHE_ENABLED = False
