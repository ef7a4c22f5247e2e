"""Login lockout: after repeated failed logins an account is locked for a while.

Five failures for one username within 15 minutes lock that username for 15 minutes, whatever
the password (the admin login page then keeps answering "用户名或密码错误"). Counters live in
the cache (Redis where configured), so they are shared by all gunicorn workers there.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


def _key(username):
    return f"login-failures:{(username or '').strip().lower()}"


def is_locked(username):
    return cache.get(_key(username), 0) >= MAX_FAILURES


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if username and is_locked(username):
            raise PermissionDenied("登录失败次数过多，账号已临时锁定，请15分钟后再试。")
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="core.count_login_failure")
def count_login_failure(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    key = _key(username)
    if cache.add(key, 1, LOCK_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, LOCK_SECONDS)


@receiver(user_logged_in, dispatch_uid="core.reset_login_failures")
def reset_login_failures(sender, user, request=None, **kwargs):
    cache.delete(_key(user.get_username()))
