"""意见征集: the page type, its period rules, the comment form and the published results."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.participation import stats
from portal.participation.models import CommentStatus, ConsultationComment, ConsultationPage
from tests.factories import UserFactory, add_page, paragraph_body

from .conftest import form_token

pytestmark = pytest.mark.django_db


def consultation(portal, start, end, **fields):
    page = ConsultationPage(
        title=fields.pop("title", "关于县城停车管理办法（征求意见稿）"),
        start_date=start,
        end_date=end,
        body=paragraph_body("草案全文。"),
        **fields,
    )
    return add_page(portal.column("interaction.consultations"), page)


def test_can_only_be_created_in_general_columns(portal):
    assert ConsultationPage.can_create_at(portal.column("interaction.consultations"))
    assert not ConsultationPage.can_create_at(portal.column("news.headlines"))


def test_major_decision_shorter_than_30_days_is_refused_without_reason(portal):
    today = timezone.localdate()
    page = ConsultationPage(
        title="草案",
        start_date=today,
        end_date=today + dt.timedelta(days=20),
        is_major_decision=True,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "不少于30日" in str(error.value) and "21日" in str(error.value)
    page.short_period_reason = "上级要求限期出台"
    page.clean()
    page.short_period_reason = ""
    page.end_date = today + dt.timedelta(days=29)  # 30 days counting both ends
    page.clean()
    page.is_major_decision = False
    page.end_date = today + dt.timedelta(days=5)
    page.clean()


def test_admin_shows_the_validation_message(client, portal):
    admin = UserFactory(username="cons_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    parent = portal.column("interaction.consultations")
    url = f"/admin/pages/add/participation/consultationpage/{parent.pk}/"
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "title": "重大决策草案",
            "slug": "zdjc",
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=9)).isoformat(),
            "is_major_decision": "on",
            "short_period_reason": "",
            "summary": "",
            "body-count": "0",
            "contact": "",
            "results_published_on": "",
            "unit": "",
        },
    )
    assert response.status_code == 200
    assert "征求意见期限一般不少于30日" in response.content.decode()
    assert not ConsultationPage.objects.filter(slug="zdjc").exists()


def post_comment(client, page, **overrides):
    data = {
        "form_token": form_token(client, page.url),
        "website": "",
        "name": "赵六",
        "phone": "",
        "email": "",
        "body": "建议增加夜间临时停车位。",
    }
    data.update(overrides)
    return client.post(page.url, data)


def test_comment_form_open_only_during_the_period(client, portal):
    today = timezone.localdate()
    open_page = consultation(portal, today - dt.timedelta(days=3), today + dt.timedelta(days=27))
    response = post_comment(client, open_page)
    assert "感谢您的意见" in response.content.decode()
    assert ConsultationComment.objects.filter(page=open_page).count() == 1
    bad = post_comment(client, open_page, body="", name="<b>x</b>")
    assert bad.status_code == 400 and "请填写意见建议" in bad.content.decode()
    assert ConsultationComment.objects.count() == 1

    closed = consultation(
        portal,
        today - dt.timedelta(days=40),
        today - dt.timedelta(days=1),
        title="已结束的征集",
        slug="closed-one",
        results="<p>共收到意见12条，采纳5条。</p>",
        results_published_on=today,
    )
    html = client.get(closed.url).content.decode()
    assert 'id="comment-form"' not in html and "意见征集已于" in html
    assert "共收到意见12条，采纳5条" in html
    token_source = client.get(open_page.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', token_source).group(1)
    response = client.post(closed.url, {"form_token": token, "name": "赵六", "body": "迟到的意见"})
    assert response.status_code == 403
    assert ConsultationComment.objects.filter(page=closed).count() == 0

    future = consultation(
        portal,
        today + dt.timedelta(days=5),
        today + dt.timedelta(days=40),
        title="未开始的征集",
        slug="future-one",
        results="<p>不应显示</p>",
    )
    html = client.get(future.url).content.decode()
    assert 'id="comment-form"' not in html and "不应显示" not in html


def test_moderation_and_counts(client, portal):
    today = timezone.localdate()
    page = consultation(portal, today - dt.timedelta(days=3), today + dt.timedelta(days=27))
    post_comment(client, page, body="第一条意见")
    post_comment(client, page, body="第二条<script>alert(1)</script>")
    assert "第一条意见" not in client.get(page.url).content.decode()  # not before moderation
    moderator = UserFactory(username="moderator", groups=["留言办理"])
    client.force_login(moderator)
    for comment in ConsultationComment.objects.all():
        client.post(
            "/admin/participation/comments/",
            {"comment": comment.pk, "decision": CommentStatus.APPROVED},
        )
    client.logout()
    html = client.get(page.url).content.decode()
    assert "第一条意见" in html and "赵*" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'id="comment-count">2<' in html
    counts = stats.interaction_counts(today.year)
    assert counts["consultations"] >= 1 and counts["consultation_comments"] >= 2


def test_admin_preview_of_a_new_consultation_renders(client, portal):
    admin = UserFactory(username="preview_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    parent = portal.column("interaction.consultations")
    url = f"/admin/pages/add/participation/consultationpage/{parent.pk}/preview/"
    today = timezone.localdate()
    data = {
        "title": "预览中的草案",
        "slug": "preview-draft",
        "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=40)).isoformat(),
        "summary": "说明",
        "body-count": "0",
        "contact": "",
        "results_published_on": "",
        "unit": "",
        "short_period_reason": "",
    }
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "预览中的草案" in response.content.decode()
