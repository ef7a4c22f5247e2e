"""留言咨询: public form, review before display, assign and answer, masked names, statistics."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from portal.participation import services, stats
from portal.participation.models import Message, MessageStatus

from .conftest import VALID_PHONE, form_token

pytestmark = pytest.mark.django_db


def post_message(client, **overrides):
    data = {
        "form_token": form_token(client, "/participation/messages/new/"),
        "website": "",
        "name": "张晓红",
        "phone": VALID_PHONE,
        "email": "",
        "category": "consult",
        "subject": "县城公交线路咨询",
        "body": "请问县城到古州镇的公交几点发车？",
        "allow_public": "on",
    }
    data.update(overrides)
    return client.post("/participation/messages/new/", data)


def test_message_is_reviewed_answered_and_listed_with_masked_name(client, portal, message_handler):
    response = post_message(client)
    number = re.search(r'id="message-number">([^<]+)<', response.content.decode()).group(1)
    message = Message.objects.get(tracking_number=number)
    assert message.status == MessageStatus.PENDING
    listing = client.get("/participation/messages/").content.decode()
    assert "县城公交线路咨询" not in listing  # not before review and answer
    assert client.get(f"/participation/messages/{number}/").status_code == 404

    client.force_login(message_handler)
    detail = f"/admin/participation/messages/{message.pk}/"
    assert VALID_PHONE in client.get(detail).content.decode()
    client.post(detail, {"action": "review", "decision": "accept", "show_publicly": "on"})
    client.post(
        detail, {"action": "assign", "assignee": message_handler.pk, "unit": "县交通运输局"}
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED and message.assignee == message_handler
    client.post(detail, {"action": "answer", "reply": "首班车早上6点30分发车。", "unit": ""})
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED and message.answering_unit == "县交通运输局"
    export = client.get("/admin/participation/messages/export.csv").content.decode()
    assert VALID_PHONE not in export and "张**" in export
    client.logout()

    listing = client.get("/participation/messages/").content.decode()
    assert "县城公交线路咨询" in listing and "张**" in listing and "张晓红" not in listing
    page = client.get(f"/participation/messages/{number}/").content.decode()
    assert "首班车早上6点30分发车" in page
    assert "张晓红" not in page and VALID_PHONE not in page


def test_message_not_public_without_consent_or_when_rejected(client, portal, message_handler):
    post_message(client, allow_public="", subject="不公开的留言")
    post_message(client, subject="广告留言")
    quiet, spam = (
        Message.objects.get(subject="不公开的留言"),
        Message.objects.get(subject="广告留言"),
    )
    services.review_message(quiet, message_handler, True, show_publicly=True)
    services.answer_message(quiet, message_handler, "已答复")
    with pytest.raises(services.TransitionError):
        services.review_message(spam, message_handler, False, reason="")
    services.review_message(spam, message_handler, False, reason="广告信息")
    with pytest.raises(services.TransitionError):
        services.answer_message(spam, message_handler, "不应答复")
    listing = client.get("/participation/messages/").content.decode()
    assert "不公开的留言" not in listing and "广告留言" not in listing


def test_bad_message_input(client, portal):
    response = post_message(client, name="", body="x" * 10_000, phone="12345")
    html = response.content.decode()
    assert "请填写姓名" in html and "不能超过2000字" in html and "有效的手机号码" in html
    assert Message.objects.count() == 0
    response = post_message(client, body="<script>alert(1)</script>😀")
    assert Message.objects.get().body == "<script>alert(1)</script>😀"


def test_interaction_counts(portal, message_handler):
    def message(submitted, replied=None, public=False, status=MessageStatus.ANSWERED):
        m = services.submit_message(
            {"name": "甲", "phone": VALID_PHONE, "subject": "s", "body": "b"}, None
        )
        m.submitted_at = timezone.make_aware(dt.datetime.fromisoformat(submitted))
        m.status = status
        if replied:
            m.replied_at = timezone.make_aware(dt.datetime.fromisoformat(replied))
            m.reply = "r"
        m.is_public = public
        m.save()
        return m

    message("2026-01-05 09:00", "2026-01-15 09:00", public=True)  # 10 days
    message("2026-02-01 09:00", "2026-02-21 09:00")  # 20 days
    message("2025-12-25 09:00", "2026-01-04 09:00", public=True)  # received 2025
    message("2026-12-20 09:00", status=MessageStatus.ASSIGNED)  # still open
    message("2026-03-01 09:00", status=MessageStatus.REJECTED)  # spam: not received
    counts = stats.interaction_counts(2026)
    assert counts["messages_received"] == 3
    assert counts["messages_closed"] == 3
    assert counts["messages_avg_days"] == pytest.approx((10 + 20 + 10) / 3, abs=0.05)
    assert counts["messages_public_replies"] == 2
    assert set(counts) == {
        "messages_received",
        "messages_closed",
        "messages_avg_days",
        "messages_public_replies",
        "consultations",
        "consultation_comments",
        "consultations_results_published",
    }
