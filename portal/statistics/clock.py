"""The statistics app's clock: ``now()`` is the real time unless a test or a report run
freezes it (``with frozen(datetime(...)):``). The column monitor and the daily email read
this clock, so their behaviour at a given date is testable without a third-party library."""

import contextvars
from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_frozen = contextvars.ContextVar("statistics_frozen_now", default=None)


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
