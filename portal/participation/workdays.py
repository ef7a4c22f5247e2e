"""Working-day calendar for statutory deadlines (条例第三十条、第三十二条、第三十三条).

China's public holidays and adjusted working days (调休上班的周六、周日) come from the
maintained ``chinese_calendar`` package; an admin-editable table (``CalendarOverride``) corrects
it or supplies years it does not know yet. For a year neither knows, Monday-Friday are working
days.

Counting rule: a period of N working days starting on date S ends on the N-th working day
after S (the start day itself is not counted, as in 民法典第二百零一条). Pauses (third-party
consultation, 条例第三十二条) exclude the working days after the pause start up to and
including the pause end.
"""

import datetime as dt

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    """A calendar with the override table loaded once; cheap to query repeatedly."""

    def __init__(self, overrides=None):
        if overrides is None:
            overrides = load_overrides()
        self.overrides = dict(overrides)
        self._known = {}

    def is_workday(self, day):
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._lookup(day)
        return known

    def _lookup(self, day):
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            # a year the package does not know: weekends off, unless overridden above
            return day.weekday() < 5

    def add_working_days(self, start, count, pauses=()):
        """The date on which a period of ``count`` working days from ``start`` ends.

        ``pauses`` are (begin, end) date pairs whose working days (begin < day <= end) are
        not counted."""
        if count <= 0:
            return start
        day = start
        counted = 0
        while counted < count:
            day += ONE_DAY
            if self.is_workday(day) and not _paused(day, pauses):
                counted += 1
        return day

    def working_days_between(self, start, end, pauses=()):
        """Working days counted after ``start`` up to and including ``end`` (0 if end<=start)."""
        if end <= start:
            return 0
        day = start
        counted = 0
        while day < end:
            day += ONE_DAY
            if self.is_workday(day) and not _paused(day, pauses):
                counted += 1
        return counted


def _paused(day, pauses):
    return any(begin < day <= end for begin, end in pauses)


def load_overrides():
    from .models import CalendarOverride

    return {o.date: o.is_workday for o in CalendarOverride.objects.all()}


def calendar():
    return WorkCalendar()


def is_workday(day):
    return calendar().is_workday(day)


def add_working_days(start, count, pauses=()):
    return calendar().add_working_days(start, count, pauses)
