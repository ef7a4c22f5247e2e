"""Working-day calendar for statutory deadlines (条例第三十条、第三十二条、第三十三条).

Which days are working days, in order of authority:

1. ``CalendarOverride`` rows (工作日调整): single days an admin declared off or on;
2. ``HolidayNotice`` (节假日安排通知): the State Council's notice for a year, as an admin entered
   it — its days off (bridge days included) and its working weekends (调休上班);
3. the maintained ``chinese_calendar`` package, for the years it knows;
4. for any other year, a **provisional** calendar: the statutory public holidays computed from
   《全国年节及纪念日放假办法》 (``statutory_holidays``) and Monday-Friday otherwise. Which
   weekends become working days is only known from the State Council's notice, so a deadline
   counted through such a year is provisional (``WorkCalendar.is_provisional``) and is marked
   so wherever it is shown, until the notice is entered.

Counting rule: a period of N working days starting on date S ends on the N-th working day
after S (the start day itself is not counted, as in 民法典第二百零一条). Pauses (third-party
consultation, 条例第三十二条) exclude the working days after the pause start up to and
including the pause end.
"""

import datetime as dt
import re
from functools import cache

import chinese_calendar
from lunar_python import Lunar

ONE_DAY = dt.timedelta(days=1)

#: shown beside every deadline counted through a provisional year
PROVISIONAL_NOTE = "含暂按法定节假日推算的日期，以国务院办公厅公布的放假安排为准"


@cache
def statutory_holidays(year):
    """{date: name} of the public holidays of ``year`` for all citizens.

    《全国年节及纪念日放假办法》（2024年11月10日修订，2025年1月1日起施行）第二条: 元旦 1 day
    (1 January); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (the day of the solar term
    清明); 劳动节 2 days (1-2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
    国庆节 3 days (1-3 October). Lunar dates come from the ``lunar_python`` package."""
    days = {}

    def add(day, name):
        # 中秋 may fall on 1-3 October (2028): one day, both names
        days[day] = f"{days[day]}、{name}" if day in days else name

    add(dt.date(year, 1, 1), "元旦")
    new_year = _solar(Lunar.fromYmd(year, 1, 1).getSolar())
    for offset, name in ((-1, "除夕"), (0, "春节"), (1, "春节"), (2, "春节")):
        add(new_year + dt.timedelta(days=offset), name)
    add(_solar(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]), "清明节")
    add(dt.date(year, 5, 1), "劳动节")
    add(dt.date(year, 5, 2), "劳动节")
    add(_solar(Lunar.fromYmd(year, 5, 5).getSolar()), "端午节")
    add(_solar(Lunar.fromYmd(year, 8, 15).getSolar()), "中秋节")
    for day in (1, 2, 3):
        add(dt.date(year, 10, day), "国庆节")
    return days


def _solar(solar):
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@cache
def package_knows(year):
    """Whether ``chinese_calendar`` carries the State Council's notice for ``year``."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """A calendar with the override table loaded once; cheap to query repeatedly."""

    def __init__(self, overrides=None, notices=None):
        if overrides is None:
            overrides = load_overrides()
        if notices is None:
            notices = load_notices()
        self.overrides = dict(overrides)
        #: years whose State Council notice an admin entered, and that notice's days
        self.notice_years = set(notices)
        self.notice_days = {}
        for days in notices.values():
            self.notice_days.update(days)
        self._known = {}

    def is_workday(self, day):
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._lookup(day)
        return known

    def _lookup(self, day):
        if day in self.overrides:
            return self.overrides[day]
        if day in self.notice_days:
            return self.notice_days[day]
        if day.year in self.notice_years or not package_knows(day.year):
            return day.weekday() < 5 and day not in statutory_holidays(day.year)
        return chinese_calendar.is_workday(day)

    def is_provisional_year(self, year):
        return year not in self.notice_years and not package_knows(year)

    def is_provisional(self, start, end):
        """Whether a period from ``start`` to ``end`` counts days of a provisional year."""
        if start is None or end is None:
            return False
        first, last = sorted((start, end))
        return any(self.is_provisional_year(y) for y in range(first.year, last.year + 1))

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


def load_notices():
    """{year: {date: is_workday}} from the entered State Council notices."""
    from .models import HolidayNotice

    return {notice.year: notice.days() for notice in HolidayNotice.objects.all()}


DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
RANGE_RE = re.compile(rf"{DATE}(?:\s*(?:至|到|~|～|—|–|-{{1,2}})\s*{DATE})?")
SEPARATORS_RE = re.compile(r"[\s,，、;；]+")


def parse_days(text):
    """Dates written one per line (or separated by 、，；), ranges as "2027-02-05至2027-02-11"
    or "2027年2月5日至2027年2月11日". Raises ValueError with a Chinese
    message naming the first part it cannot read."""
    days = []
    rest = text.strip()
    while rest:
        match = RANGE_RE.match(rest)
        if match is None:
            fragment = SEPARATORS_RE.split(rest, maxsplit=1)[0][:30]
            raise ValueError(
                f"无法识别“{fragment}”，请按“2027-02-05”或“2027-02-05至2027-02-11”填写。"
            )
        numbers = match.groups()
        try:
            begin = dt.date(*map(int, numbers[:3]))
            end = dt.date(*map(int, numbers[3:])) if numbers[3] else begin
        except ValueError:
            raise ValueError(f"“{match.group(0)}”不是有效日期。") from None
        if end < begin or (end - begin).days > 31:
            raise ValueError(f"“{match.group(0)}”的起止日期有误。")
        while begin <= end:
            days.append(begin)
            begin += ONE_DAY
        rest = rest[match.end() :].lstrip(" \t\r\n,，、;；")
    return days


def calendar():
    return WorkCalendar()


def is_workday(day):
    return calendar().is_workday(day)


def add_working_days(start, count, pauses=()):
    return calendar().add_working_days(start, count, pauses)
