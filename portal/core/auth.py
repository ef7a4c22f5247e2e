"""Login lockout through django-axes (records in the database, not in the cache).

- Five failed logins for one username from one IP address lock that combination for 15
  minutes (``AXES_LOCKOUT_PARAMETERS``, ``AXES_COOLOFF_TIME``): someone guessing from
  elsewhere cannot keep the real user out of their own office.
- Password spraying: ``PORTAL_LOGIN_IP_FAILURE_LIMIT`` failures from one IP address within the
  cool-off, across any usernames, lock that address (``PortalAxesHandler.is_locked``).
- Every failed login is kept in ``axes.AccessFailureLog`` and every login in
  ``axes.AccessLog``; 等保 2.0 (GB/T 22239-2019, 8.1.4.3 安全审计) asks for audit records kept at
  least six months (网络安全法 第二十一条), see ``prune_login_records``.
- The real user gets in: from their own address they are not affected by someone else's
  failures; an administrator unlocks (``manage.py axes_reset_username NAME``, or 设置 → 登录
  锁定 in the Django admin of axes); a completed password reset (or any password change)
  clears the user's lockout.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.db.models.signals import pre_save
from django.dispatch import receiver

from portal.participation.protection import client_ip


def login_username(request, credentials):
    """The username axes counts under: trimmed and lower-cased, so that ``Admin`` and
    ``admin`` share one counter."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None and request is not None:
        value = request.POST.get(field)
    return (value or "").strip().lower() or None


def login_client_ip(request):
    """The client address as axes stores it: a valid IP address or None (a forwarded header
    with garbage, or a request built without one, must not break the login on PostgreSQL's
    inet column)."""
    try:
        return str(ipaddress.ip_address(client_ip(request).strip()))
    except ValueError:
        return None


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend (first in AUTHENTICATION_BACKENDS). Every login over HTTP passes its
    request (Wagtail's login form, Django's AuthenticationForm, DRF); a call without one
    (``Client.login`` in tests, a management command) is not a login attempt from a client
    and is left to the next backend instead of failing."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler plus a per-address limit across usernames (spraying)."""

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        ip_address = getattr(request, "axes_ip_address", None) or login_client_ip(request)
        if ip_address is None:
            return False
        failures = (
            AccessAttempt.objects.filter(ip_address=ip_address).aggregate(
                total=Sum("failures_since_start")
            )["total"]
            or 0
        )
        return failures >= settings.PORTAL_LOGIN_IP_FAILURE_LIMIT


@receiver(pre_save, sender=get_user_model(), dispatch_uid="core.unlock_on_password_change")
def unlock_on_password_change(sender, instance, update_fields=None, **kwargs):
    """A new password (password reset by e-mail, or set by an administrator) ends the
    lockout of that username."""
    if not instance.pk or (update_fields is not None and "password" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        axes_reset(username=instance.get_username().strip().lower())
