"""Years without the State Council's holiday notice (2027 onwards as of this writing).

The statutory holidays come from 《全国年节及纪念日放假办法》; which weekends become working days
is only known from each year's notice, so deadlines through such a year are marked provisional
until an admin enters the notice (条例第三十三条 counts working days)."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.core.clock import frozen
from portal.participation import alerts, services
from portal.participation.models import HolidayNotice
from portal.participation.workdays import PROVISIONAL_NOTE, WorkCalendar, statutory_holidays
from tests.factories import UserFactory
from tests.review.helpers import login

from .conftest import d, make_application

MARK = "以国务院办公厅公布的放假安排为准"


def holidays(year, name):
    return sorted(day for day, label in statutory_holidays(year).items() if name in label)


def test_statutory_holidays_of_2027_by_law():
    assert holidays(2027, "元旦") == [d("2027-01-01")]
    # 春节: 除夕 and 正月初一至初三 (lunar new year 2027 is 6 February)
    assert holidays(2027, "除夕") + holidays(2027, "春节") == [
        d("2027-02-05"),
        d("2027-02-06"),
        d("2027-02-07"),
        d("2027-02-08"),
    ]
    assert holidays(2027, "清明") == [d("2027-04-05")]
    assert holidays(2027, "劳动") == [d("2027-05-01"), d("2027-05-02")]
    assert holidays(2027, "端午") == [d("2027-06-09")]  # 五月初五
    assert holidays(2027, "中秋") == [d("2027-09-15")]  # 八月十五
    assert holidays(2027, "国庆") == [d("2027-10-01"), d("2027-10-02"), d("2027-10-03")]
    assert len(statutory_holidays(2027)) == 13


def test_statutory_holidays_of_2028_by_law():
    assert holidays(2028, "除夕") + holidays(2028, "春节") == [
        d("2028-01-25"),
        d("2028-01-26"),
        d("2028-01-27"),
        d("2028-01-28"),
    ]
    assert holidays(2028, "清明") == [d("2028-04-04")]
    assert holidays(2028, "端午") == [d("2028-05-28")]
    # 中秋 2028 falls on 3 October, inside 国庆: one day carrying both holidays
    assert holidays(2028, "中秋") == [d("2028-10-03")]
    assert "国庆" in statutory_holidays(2028)[d("2028-10-03")]
    assert len(statutory_holidays(2028)) == 12


def test_the_law_agrees_with_the_published_2026_calendar():
    """For a year the package knows, the computed statutory holidays are all days off."""
    cal = WorkCalendar({}, {})
    assert not cal.is_provisional_year(2026)
    for day in statutory_holidays(2026):
        assert not cal.is_workday(day), day


@pytest.mark.django_db
def test_deadline_across_new_year_2027_skips_the_holiday(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-12-04"))
    # 20 working days from Fri 4 Dec 2026: the 20th falls on 元旦 2027, so Mon 4 Jan 2027
    assert app.deadline() == d("2027-01-04")
    assert app.deadline_is_provisional()


@pytest.mark.django_db
def test_deadline_across_spring_festival_2027(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2027-01-11"))
    # Jan 12-15, 18-22, 25-29, Feb 1-4 (18 days); 5 (除夕) and 8 (初三) off; 9, 10
    assert app.deadline() == d("2027-02-10")
    assert app.deadline_is_provisional()


@pytest.mark.django_db
def test_deadline_within_a_known_year_is_not_provisional(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2026-09-18"))
    assert app.deadline() == d("2026-10-22")
    assert not app.deadline_is_provisional()


def notice_2027(**overrides):
    """A notice as an admin would type it (a test fixture, not the real 2027 notice)."""
    data = {
        "year": 2027,
        "title": "国务院办公厅关于2027年部分节假日安排的通知",
        "document_number": "国办发明电〔2026〕9号",
        "days_off": "2027-01-01至2027-01-03\n2027-02-05至2027-02-11\n2027-10-01至2027-10-07",
        "working_days": "2027-02-14、2027-02-20\n2027-09-26",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_entering_the_notice_replaces_the_provisional_calendar(handler):
    app = make_application()
    services.confirm_receipt(app, handler, on=d("2027-01-11"))
    assert app.deadline_is_provisional()
    notice = HolidayNotice(**notice_2027())
    notice.full_clean()
    notice.save()
    cal = WorkCalendar()
    assert not cal.is_provisional_year(2027)
    assert not cal.is_workday(d("2027-02-11"))  # a bridge day the law alone does not give
    assert cal.is_workday(d("2027-02-14"))  # a working Sunday
    # Jan 12-15, 18-22, 25-29, Feb 1-4 (18 days); 5-11 off; 12, then Sun 14 works
    assert app.deadline() == d("2027-02-14")
    assert not app.deadline_is_provisional()


@pytest.mark.django_db
def test_notice_form_errors_are_chinese_and_keep_the_input(client, handler):
    login(client, handler)
    url = reverse("holiday_notices:add")
    data = notice_2027(days_off="2027-02-05至2027-02-11\n春节七天", working_days="2027-02-31")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "无法识别“春节七天”" in html
    assert "“2027-02-31”不是有效日期" in html
    assert "春节七天" in html and "国办发明电〔2026〕9号" in html  # nothing typed is lost
    assert not HolidayNotice.objects.exists()

    response = client.post(url, notice_2027(working_days="2028-01-02"))
    assert "2028-01-02不在2027年的放假安排范围内" in response.content.decode()
    response = client.post(url, notice_2027(working_days="2027-02-06"))
    assert "同时填在放假日期和调休上班日期中" in response.content.decode()

    response = client.post(url, notice_2027())
    assert response.status_code == 302
    assert HolidayNotice.objects.get().year == 2027


@pytest.mark.django_db
def test_marks_appear_for_handler_applicant_and_alert_and_go_with_the_notice(client, handler):
    app = make_application()
    number, code = app.tracking_number, app.set_query_code()
    app.save()
    services.confirm_receipt(app, handler, on=d("2027-01-11"))

    def applicant_page():
        client.logout()
        client.post("/participation/status/", {"tracking_number": number, "query_code": code})
        return client.get(f"/participation/status/{number}/").content.decode()

    def handler_pages():
        login(client, handler)
        listing = client.get(reverse("participation_admin:applications")).content.decode()
        detail = client.get(reverse("participation_admin:application", args=(app.pk,)))
        return listing, detail.content.decode()

    with frozen(dt.datetime(2027, 2, 8, 9)):
        status = applicant_page()
        assert "2027年2月10日" in status and MARK in status
        listing, detail = handler_pages()
        assert "2027-02-10" in listing and MARK in listing
        assert "2027-02-10" in detail and MARK in detail
        alert = alerts.application_alert_text(d("2027-02-08"))
        assert app.tracking_number in alert and PROVISIONAL_NOTE in alert

    HolidayNotice.objects.create(**notice_2027())
    with frozen(dt.datetime(2027, 2, 8, 9)):
        status = applicant_page()
        assert "2027年2月14日" in status and MARK not in status
        listing, detail = handler_pages()
        assert "2027-02-14" in listing and MARK not in listing
        assert MARK not in detail
        alert = alerts.application_alert_text(d("2027-02-10"))
        assert app.tracking_number in alert and PROVISIONAL_NOTE not in alert


@pytest.mark.django_db
def test_dashboard_reminds_from_november_until_the_notice_is_entered(client, portal, handler):
    editor = portal.editor("czj")
    superuser = UserFactory(username="root_cal", is_superuser=True, is_staff=True)

    def reminder_shown(user, when):
        login(client, user)
        with frozen(when):
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        return "请录入节假日安排" in html and "2027年" in html

    assert not reminder_shown(handler, dt.datetime(2026, 10, 30, 9))
    assert reminder_shown(handler, dt.datetime(2026, 11, 2, 9))
    assert reminder_shown(superuser, dt.datetime(2026, 12, 1, 9))
    assert reminder_shown(handler, dt.datetime(2027, 1, 4, 9))  # the year began without it
    assert not reminder_shown(editor, dt.datetime(2026, 12, 1, 9))

    HolidayNotice.objects.create(**notice_2027())
    assert not reminder_shown(handler, dt.datetime(2026, 12, 1, 9))
