"""Deadline arithmetic on China's holiday calendar (条例第三十条、第三十二条、第三十三条)."""

import pytest

from portal.participation import services
from portal.participation.models import CalendarOverride, ClockPause
from portal.participation.workdays import WorkCalendar

from .conftest import d, make_application


def test_spring_festival_2025_counts_the_adjusted_working_sunday_and_saturday():
    cal = WorkCalendar({}, {})
    # received Fri 24 Jan 2025: Sun 26 Jan and Sat 8 Feb are working days, 28 Jan-4 Feb off
    assert cal.add_working_days(d("2025-01-24"), 20) == d("2025-02-27")
    assert cal.is_workday(d("2025-01-26")) and cal.is_workday(d("2025-02-08"))
    assert not cal.is_workday(d("2025-02-03"))


def test_national_day_2025_with_extension():
    cal = WorkCalendar({}, {})
    assert cal.add_working_days(d("2025-09-25"), 20) == d("2025-10-29")
    assert cal.add_working_days(d("2025-09-25"), 40) == d("2025-11-26")


def test_spring_festival_2026_with_working_saturdays():
    cal = WorkCalendar({}, {})
    assert cal.add_working_days(d("2026-02-09"), 20) == d("2026-03-13")
    # the 7-working-day correction window from Thu 12 Feb ends on the working Saturday 28 Feb
    assert cal.add_working_days(d("2026-02-12"), 7) == d("2026-02-28")


def test_national_day_2026_with_mid_autumn_and_extension():
    cal = WorkCalendar({}, {})
    assert cal.add_working_days(d("2026-09-18"), 20) == d("2026-10-22")
    assert cal.add_working_days(d("2026-09-18"), 35) == d("2026-11-12")


def test_pause_excludes_consultation_days():
    cal = WorkCalendar({}, {})
    pause = (d("2026-02-12"), d("2026-02-25"))  # Feb 13, 14, 24, 25 not counted
    assert cal.add_working_days(d("2026-02-09"), 20, [pause]) == d("2026-03-19")


@pytest.mark.django_db
def test_application_deadline_with_receipt_consultation_and_extension(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-02-09"))
    assert app.deadline() == d("2026-03-13")
    services.start_consultation(app, handler, "某公司", on=d("2026-02-12"))
    services.end_consultation(app, handler, on=d("2026-02-25"))
    app.refresh_from_db()
    assert app.deadline() == d("2026-03-19")
    services.extend(app, handler, 10, "县政府办主任", "需要检索大量档案", on=d("2026-03-10"))
    app.refresh_from_db()
    # ten more working days after 19 Mar 2026
    assert app.deadline() == d("2026-04-02")
    assert app.extension_approver == "县政府办主任"


@pytest.mark.django_db
def test_unended_consultation_pauses_at_most_15_working_days(handler):
    cal = WorkCalendar({}, {})
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-02-09"))
    services.start_consultation(app, handler, on=d("2026-02-12"))
    pause = ClockPause.objects.get(application=app)
    assert pause.limit(cal) == d("2026-03-11")
    open_deadline = app.deadline(cal)
    pause.ended_on = d("2026-03-11")
    pause.save()
    assert app.deadline(cal) == open_deadline
    pause.ended_on = d("2026-04-30")  # a late record still pauses only 15 working days
    pause.save()
    assert app.deadline(cal) == open_deadline


@pytest.mark.django_db
def test_correction_restarts_the_clock(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2025-09-25"))
    services.request_correction(app, handler, "请写明文件名称", on=d("2025-09-30"))
    app.refresh_from_db()
    assert app.deadline() is None  # not running while waiting for the correction
    services.submit_correction(app, "县城区道路改造工程立项批复", on=d("2025-10-09"))
    app.refresh_from_db()
    # 20 working days from Thu 9 Oct 2025 (Sat 11 Oct is a working day)
    assert app.clock_start == d("2025-10-09")
    assert app.deadline() == d("2025-11-05")


@pytest.mark.django_db
def test_correction_notice_only_once_and_within_seven_working_days(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-02-12"))
    with pytest.raises(services.TransitionError, match="7个工作日"):
        services.request_correction(app, handler, "请补正", on=d("2026-03-02"))
    services.request_correction(app, handler, "请补正", on=d("2026-02-28"))
    services.submit_correction(app, "已补正", on=d("2026-03-02"))
    with pytest.raises(services.TransitionError, match="一次性"):
        services.request_correction(app, handler, "再补正", on=d("2026-03-03"))


@pytest.mark.django_db
def test_extension_limits(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-09-18"))
    with pytest.raises(services.TransitionError, match="20个工作日"):
        services.extend(app, handler, 21, "主任", "理由", on=d("2026-10-01"))
    with pytest.raises(services.TransitionError, match="批准人"):
        services.extend(app, handler, 10, " ", "理由", on=d("2026-10-01"))
    with pytest.raises(services.TransitionError, match="届满"):
        services.extend(app, handler, 10, "主任", "理由", on=d("2026-10-23"))
    services.extend(app, handler, 15, "主任", "理由", on=d("2026-10-22"))
    app.refresh_from_db()
    assert app.deadline() == d("2026-11-12")
    with pytest.raises(services.TransitionError, match="不能再次"):
        services.extend(app, handler, 5, "主任", "理由", on=d("2026-10-23"))


@pytest.mark.django_db
def test_overrides_correct_any_year():
    start = d("2027-02-05")  # a Friday, 除夕 2027
    # provisional 2027: 6-8 Feb are 春节 by law, so 9, 10, 11, 12, 15
    assert WorkCalendar().add_working_days(start, 5) == d("2027-02-15")
    for day in ("2027-02-09", "2027-02-10"):
        CalendarOverride.objects.create(date=d(day), is_workday=False, note="2027年春节")
    CalendarOverride.objects.create(date=d("2027-02-06"), is_workday=True, note="调休上班")
    # Sat 6 Feb works, 7-10 Feb off: 6, 11, 12, 15, 16
    assert WorkCalendar().add_working_days(start, 5) == d("2027-02-16")
    # an override also corrects a year the package knows
    CalendarOverride.objects.create(date=d("2026-03-02"), is_workday=False, note="临时调整")
    assert not WorkCalendar().is_workday(d("2026-03-02"))


@pytest.mark.django_db
def test_no_correction_closes_only_after_the_correction_period(handler):
    from portal.participation import stats

    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-02-09"))
    services.request_correction(app, handler, "请写明文号", period_days=10, on=d("2026-02-10"))
    app.refresh_from_db()
    # ten working days from 10 Feb 2026: 11, 12, 13, 14 (working Saturday), 24 … 28, 2 Mar
    assert app.correction_due == d("2026-03-02")
    with pytest.raises(services.TransitionError, match="尚未届满"):
        services.reply(app, handler, "no_correction", "逾期未补正", on=d("2026-03-02"))
    with pytest.raises(services.TransitionError):
        services.reply(app, handler, "disclosed", "不能直接答复", on=d("2026-03-03"))
    services.reply(app, handler, "no_correction", "逾期未补正，视为放弃申请", on=d("2026-03-03"))
    rows = dict(stats.table3(2026)["rows"])
    assert (
        rows["（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"][0]
        == 1
    )
