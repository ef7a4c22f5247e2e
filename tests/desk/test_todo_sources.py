"""The 依申请公开 and 留言 todo sources and the hook other apps (全站巡检) contribute through."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from portal.core.clock import frozen
from portal.desk.todo import HOOK_NAME, TodoItem
from portal.participation import services
from portal.participation.models import Message, MessageStatus
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from tests.factories import UserFactory
from tests.participation.conftest import make_application
from tests.review.helpers import login


def todo_html(client, user):
    login(client, user)
    response = client.get(reverse("desk_todo"))
    assert response.status_code == 200
    return response.content.decode()


def test_applications_due_soon_overdue_and_new_are_listed_for_handlers(client, portal):
    handler = UserFactory(username="ysq_todo", groups=[DISCLOSURE_HANDLERS])
    colleague = UserFactory(username="ysq_todo_2", groups=[DISCLOSURE_HANDLERS])
    overdue = make_application(name="王五")
    services.confirm_receipt(overdue, handler, on=dt.date(2026, 2, 9))  # due 2026-03-13
    soon = make_application()
    services.confirm_receipt(soon, colleague, on=dt.date(2026, 2, 12))  # due 2026-03-18
    later = make_application()
    services.confirm_receipt(later, handler, on=dt.date(2026, 3, 10))
    new = make_application()
    with frozen(dt.datetime(2026, 3, 16, 9, 0)):
        html = todo_html(client, handler)
    assert "依申请公开（2）" in html
    assert f"申请 {overdue.tracking_number}" in html
    assert "答复期限 2026-03-13（超期1个工作日）" in html
    assert f"申请 {new.tracking_number}" in html and "待确认接收" in html
    assert soon.tracking_number not in html  # the colleague handles it
    assert later.tracking_number not in html
    assert "王五" not in html
    with frozen(dt.datetime(2026, 3, 16, 9, 0)):
        html = todo_html(client, colleague)
    assert soon.tracking_number in html and "剩余2个工作日" in html


def test_messages_waiting_for_review_and_near_three_months(client, portal):
    handler = UserFactory(username="ly_todo", groups=[MESSAGE_HANDLERS])
    fresh = services.submit_message(
        {"name": "赵六", "phone": "13900001111", "subject": "路灯不亮", "body": "请修理"}, "t1"
    )
    old = services.submit_message(
        {"name": "钱七", "phone": "13900002222", "subject": "学校问题", "body": "咨询"}, "t2"
    )
    Message.objects.filter(pk=old.pk).update(
        status=MessageStatus.ACCEPTED,
        submitted_at=timezone.make_aware(dt.datetime(2026, 1, 5, 10, 0)),
    )
    with frozen(dt.datetime(2026, 3, 16, 9, 0)):
        html = todo_html(client, handler)
    assert "留言办理（2）" in html
    assert f"留言 {fresh.tracking_number}" in html and "待审核" in html
    assert f"留言 {old.tracking_number}" in html and "2026-04-05满3个月" in html
    assert "赵六" not in html and "钱七" not in html


def test_handlers_of_one_kind_do_not_see_the_other(client, portal):
    make_application()
    services.submit_message(
        {"name": "孙八", "phone": "13900003333", "subject": "s", "body": "b"}, "t3"
    )
    message_only = UserFactory(username="ly_only", groups=[MESSAGE_HANDLERS])
    html = todo_html(client, message_only)
    assert "留言办理（1）" in html and "依申请公开" not in html


def test_another_app_contributes_todo_items_through_the_hook(client, portal):
    user = UserFactory(username="unit_inspector", is_staff=True, is_superuser=False)
    user.groups.add(portal.unit("czj").editors_group)

    def inspection_findings(who):
        if who.pk != user.pk:
            return []
        return [
            TodoItem(
                kind="inspection",
                category="巡检问题",
                title="栏目“通知公告”超过30天未更新",
                url="/admin/",
                detail="榕江县财政局",
                overdue=True,
                due_text="请在5个工作日内整改",
            )
        ]

    with hooks.register_temporarily(HOOK_NAME, inspection_findings):
        html = todo_html(client, user)
        assert "巡检问题（1）" in html and "栏目“通知公告”超过30天未更新" in html
        assert "其中 <strong>1</strong> 项已超时或即将到期" in html
        assert "暂无待办事项" not in html
    assert "暂无待办事项" in todo_html(client, user)


def test_a_failing_source_does_not_hide_the_others(client, portal):
    services.submit_message(
        {"name": "周九", "phone": "13900004444", "subject": "s", "body": "b"}, "t4"
    )
    handler = UserFactory(username="ly_broken", groups=[MESSAGE_HANDLERS])

    def broken(who):
        raise RuntimeError("巡检服务不可用")

    with hooks.register_temporarily(HOOK_NAME, broken):
        html = todo_html(client, handler)
    assert "留言办理（1）" in html
