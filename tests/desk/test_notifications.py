"""Mail to every eligible reviewer when an item reaches their step, the daily digest, the
overdue reminder, and the pluggable notification backends (issue 11, the desk)."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from portal.core.clock import frozen
from portal.desk.notify import LoggingBackend
from portal.participation import services
from portal.participation.roles import DISCLOSURE_HANDLERS
from tests.factories import UserFactory, make_news
from tests.participation.conftest import VALID_ID, VALID_PHONE, make_application
from tests.review.helpers import (
    create_news_via_admin,
    current_task_state,
    edit_news_via_admin,
    login,
    workflow_action,
)

CLEAN = ["县财政局召开会议，部署年度预算执行工作。"]


def mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


def submit(client, people, column, title):
    login(client, people.editor)
    page, _ = create_news_via_admin(client, column, title, CLEAN)
    return page


def test_every_reviewer_of_the_step_is_mailed_in_chinese(client, people, news_column):
    mail.outbox.clear()
    page = submit(client, people, news_column, "县财政局预算执行通报")
    for reviewer in (people.reviewer, people.reviewer2):
        sent = mails_to(reviewer)
        assert len(sent) == 1, reviewer.username
        message = sent[0]
        assert message.subject == "【待审核】《县财政局预算执行通报》（本单位审核）"
        assert "所属单位：榕江县财政局" in message.body
        assert "审核步骤：本单位审核" in message.body
        assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body
    # not the author, not another unit's reviewers, not the later steps yet
    for user in (people.editor, people.other_unit_reviewer, people.secrecy, people.final):
        assert not any("【待审核】" in m.subject for m in mails_to(user)), user.username


def test_the_next_steps_reviewers_are_mailed_when_it_reaches_them(client, people, news_column):
    page = submit(client, people, news_column, "县财政局动态")
    mail.outbox.clear()
    login(client, people.reviewer)
    assert workflow_action(client, page, "approve").status_code == 302
    sent = mails_to(people.secrecy)
    assert [m.subject for m in sent] == ["【待审核】《县财政局动态》（保密审查）"]
    assert not any("【待审核】" in m.subject for m in mails_to(people.reviewer2))


@override_settings(PORTAL_NOTIFICATION_BACKENDS=["portal.desk.notify.LoggingBackend"])
def test_backends_are_configurable(client, people, news_column):
    LoggingBackend.sent.clear()
    mail.outbox.clear()
    submit(client, people, news_column, "县财政局短信通知测试")
    told = sorted(n["user"] for n in LoggingBackend.sent)
    assert told == sorted([people.reviewer.username, people.reviewer2.username])
    assert LoggingBackend.sent[0]["url"].startswith("http://testserver/admin/pages/")
    assert not any("【待审核】" in m.subject for m in mail.outbox)


def test_daily_digest_once_a_day(client, people, news_column):
    submit(client, people, news_column, "县财政局待汇总稿件")
    mail.outbox.clear()
    call_command("send_todo_digest", "--no-overdue")
    sent = mails_to(people.reviewer)
    assert len(sent) == 1
    assert sent[0].subject.startswith("【待办汇总】您有 1 项待办事项")
    assert "【稿件审核】1 项" in sent[0].body and "《县财政局待汇总稿件》" in sent[0].body
    assert "http://testserver/admin/desk/todo/" in sent[0].body
    assert not mails_to(people.other_unit_reviewer)  # nothing waits on them
    mail.outbox.clear()
    call_command("send_todo_digest", "--no-overdue")
    assert not mails_to(people.reviewer)  # at most once a day


def test_overdue_reminder_after_the_configured_working_days(client, people, news_column):
    page = submit(client, people, news_column, "县财政局久未审核的稿件")
    # the step started on a Monday (Wagtail stamps task states with the real time)
    TaskState.objects.filter(pk=current_task_state(page).pk).update(
        started_at=timezone.make_aware(dt.datetime(2026, 3, 16, 9, 0))
    )
    mail.outbox.clear()
    with override_settings(PORTAL_REVIEW_OVERDUE_WORKING_DAYS=2):
        with frozen(dt.datetime(2026, 3, 18, 9, 0)):  # 2 working days: not yet
            call_command("send_todo_digest", "--no-digest")
            assert not mails_to(people.reviewer)
        with frozen(dt.datetime(2026, 3, 19, 9, 0)):  # 3 working days
            call_command("send_todo_digest", "--no-digest")
    sent = mails_to(people.reviewer)
    assert len(sent) == 1
    assert sent[0].subject == "【超时提醒】您有 1 项待办事项已超时或即将到期"
    assert "（超时）《县财政局久未审核的稿件》" in sent[0].body
    assert "已等待3个工作日" in sent[0].body


def test_application_reminder_names_no_personal_data(portal):
    handler = UserFactory(username="ysq_desk", groups=[DISCLOSURE_HANDLERS])
    app = make_application(name="张三丰")
    services.confirm_receipt(app, handler, on=dt.date(2026, 2, 12))  # due 2026-03-18
    mail.outbox.clear()
    with frozen(dt.datetime(2026, 3, 16, 9, 0)):
        call_command("send_todo_digest", "--no-digest")
    sent = mails_to(handler)
    assert len(sent) == 1
    body = sent[0].body
    assert app.tracking_number in body and "答复期限 2026-03-18（剩余2个工作日）" in body
    for secret in ("张三丰", VALID_ID, VALID_PHONE):
        assert secret not in body


def test_a_changed_live_item_is_named_by_the_title_under_review(client, people, news_column):
    live = make_news(news_column, title="县财政局旧标题")
    mail.outbox.clear()
    login(client, people.editor)
    edit_news_via_admin(client, live, "县财政局新标题", CLEAN)
    subjects = [m.subject for m in mails_to(people.reviewer)]
    assert subjects == ["【待审核】《县财政局新标题》（本单位审核）"]
    login(client, people.reviewer)
    html = client.get(reverse("desk_todo")).content.decode()
    assert "《县财政局新标题》" in html and "县财政局旧标题" not in html
