"""The portal's one clock: ``now()`` is the real time unless a test or a report run freezes it
(``with frozen(datetime(...)):``). Code that asks "what day is it" (the column monitor, the
daily e-mails, statutory deadlines, dashboard reminders) reads this clock, so its behaviour on
a given date is testable."""

import contextvars
from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_frozen = contextvars.ContextVar("portal_frozen_now", default=None)


def now():
    return _frozen.get() or timezone.now()


def today():
    return timezone.localdate(now())


@contextmanager
def frozen(when: datetime):
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    token = _frozen.set(when)
    try:
        yield when
    finally:
        _frozen.reset(token)
