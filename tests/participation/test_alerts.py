"""Daily e-mail alerts and the overdue / due-soon lists."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.participation import alerts, services
from portal.participation.models import AlertLog, Message, MessageStatus

from .conftest import VALID_ID, VALID_PHONE, d, make_application

pytestmark = pytest.mark.django_db

TODAY = d("2026-03-16")  # a Monday


def setup_applications(handler):
    overdue = make_application()
    services.confirm_receipt(overdue, handler, on=d("2026-02-09"))  # due 2026-03-13
    soon = make_application()
    services.confirm_receipt(soon, handler, on=d("2026-02-12"))  # due 2026-03-18
    later = make_application()
    services.confirm_receipt(later, handler, on=d("2026-03-10"))  # due in April
    done = make_application()
    services.confirm_receipt(done, handler, on=d("2026-02-02"))
    services.reply(done, handler, "disclosed", "已提供", on=d("2026-02-20"))
    return overdue, soon, later, done


def test_overdue_and_due_soon_lists(client, handler):
    overdue, soon, later, done = setup_applications(handler)
    with (
        mock.patch("portal.participation.models.today", return_value=TODAY),
        mock.patch("portal.participation.admin_views.today", return_value=TODAY),
    ):
        from portal.participation.admin_views import overdue_and_due_soon

        late, due = overdue_and_due_soon(TODAY)
        assert [a.pk for a, _d, _l in late] == [overdue.pk]
        assert [a.pk for a, _d, _l in due] == [soon.pk]
        client.force_login(handler)
        html = client.get("/admin/participation/applications/?due=overdue").content.decode()
        assert overdue.tracking_number in html and later.tracking_number not in html


def test_alerts_sent_once_a_day_without_personal_data(handler, message_handler, caplog):
    overdue, soon, later, _done = setup_applications(handler)
    old = services.submit_message(
        {"name": "钱七", "phone": VALID_PHONE, "subject": "旧留言", "body": "内容"}, None
    )
    old.submitted_at = timezone.make_aware(dt.datetime(2025, 12, 20, 9))
    old.status = MessageStatus.ACCEPTED
    old.save()
    fresh = services.submit_message(
        {"name": "孙八", "phone": VALID_PHONE, "subject": "新留言", "body": "内容"}, None
    )
    fresh.submitted_at = timezone.make_aware(dt.datetime(2026, 3, 10, 9))
    fresh.save()
    assert old.limit_date == d("2026-03-20")

    sent = alerts.send_daily_alerts(on=TODAY)
    assert sorted(sent) == ["applications", "messages"]
    assert len(mail.outbox) == 2
    by_subject = {m.subject: m for m in mail.outbox}
    application_mail = next(m for s, m in by_subject.items() if "依申请公开" in s)
    assert overdue.tracking_number in application_mail.body
    assert soon.tracking_number in application_mail.body
    assert later.tracking_number not in application_mail.body
    assert application_mail.to == [handler.email]
    message_mail = next(m for s, m in by_subject.items() if "留言" in s)
    assert old.tracking_number in message_mail.body
    assert fresh.tracking_number not in message_mail.body
    for m in mail.outbox:
        assert VALID_ID not in m.body and VALID_PHONE not in m.body and "钱七" not in m.body

    # once per day
    assert alerts.send_daily_alerts(on=TODAY) == []
    assert len(mail.outbox) == 2
    assert AlertLog.objects.filter(day=TODAY).count() == 2
    assert alerts.send_daily_alerts(on=TODAY + dt.timedelta(days=1))
    assert VALID_ID not in caplog.text


def test_management_command_runs(handler):
    setup_applications(handler)
    # the applications of March are long overdue by the real today
    call_command("participation_alerts")
    call_command("participation_alerts")
    assert len(mail.outbox) == 1
    assert AlertLog.objects.filter(kind="applications").count() == 1
    call_command("participation_alerts", "--force")
    assert len(mail.outbox) == 2
    assert Message.objects.count() == 0
