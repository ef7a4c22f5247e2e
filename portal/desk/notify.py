"""Notifications to people working in the admin: e-mail by default, SMS or WeChat by adding a
backend.

A backend is a class with ``send(user, subject, body, url)`` (see NotificationBackend); the
setting ``PORTAL_NOTIFICATION_BACKENDS`` lists the dotted paths of the backends in use, every
notification goes through each of them::

    PORTAL_NOTIFICATION_BACKENDS = [
        "portal.desk.notify.EmailBackend",
        "myproject.sms.SmsBackend",  # e.g. the county's SMS gateway
    ]

``subject`` and ``body`` are Chinese plain text without personal data beyond what the
recipient may see in the admin; ``url`` is the absolute admin address of the item. A failing
backend is logged and never stops the others or the action that caused the notification.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_BACKENDS = ["portal.desk.notify.EmailBackend"]


class NotificationBackend:
    """Base class: deliver one notification to one user."""

    def send(self, user, subject, body, url):  # pragma: no cover - interface
        raise NotImplementedError


class EmailBackend(NotificationBackend):
    """E-mail through Django's mail settings; users without an address are skipped."""

    def send(self, user, subject, body, url):
        if not user.email:
            return False
        text = body if not url or url in body else f"{body}\n\n{url}"
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        return True


class LoggingBackend(NotificationBackend):
    """Writes each notification to the log and keeps it in ``sent`` (tests, trials of a new
    channel before it is switched on)."""

    sent = []

    def send(self, user, subject, body, url):
        logger.info("notification to %s: %s %s", user.get_username(), subject, url)
        self.sent.append(
            {"user": user.get_username(), "subject": subject, "body": body, "url": url}
        )
        return True


def backends():
    paths = getattr(settings, "PORTAL_NOTIFICATION_BACKENDS", None) or DEFAULT_BACKENDS
    return [import_string(path)() for path in paths]


def absolute_url(path):
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return f"{base}{path}" if path.startswith("/") else path


def notify(user, subject, body, path):
    """Send to ``user`` through every configured backend; returns how many delivered."""
    if not (user and user.is_active):
        return 0
    url = absolute_url(path)
    delivered = 0
    for backend in backends():
        try:
            if backend.send(user, subject, body, url):
                delivered += 1
        except Exception:  # noqa: BLE001 - a notification never breaks the action behind it
            logger.exception("notification backend %s failed", type(backend).__name__)
    return delivered
