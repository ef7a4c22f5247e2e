"""Roles are permissions, not group names: an admin renames every group (e.g. 终审 → 分管领导审核)
and every role keeps working — review steps, 撤稿, the audit report, statistics, 依申请公开 and
留言 handling."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.core.roles import FINAL_REVIEWERS, SITE_ADMINS
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from tests.factories import UserFactory, make_news
from tests.participation.conftest import make_application
from tests.review.helpers import create_news_via_admin, current_task_state, login, workflow_action

CLEAN = ["县财政局召开2026年预算执行情况通报会，通报了全县预算执行情况。"]


@pytest.fixture
def renamed(people):
    """The cast, then every group in the installation renamed."""
    people.site_admin = UserFactory(username="site_admin_r", groups=[SITE_ADMINS])
    people.disclosure = UserFactory(username="ysq_r", groups=[DISCLOSURE_HANDLERS])
    people.messages = UserFactory(username="ly_r", groups=[MESSAGE_HANDLERS])
    names = {}
    for group in Group.objects.all():
        names[group.pk] = group.name
        group.name = f"{group.name}（已改名）"
        group.save()
    assert not Group.objects.filter(name__in=[FINAL_REVIEWERS, SITE_ADMINS]).exists()
    return people


def test_review_flow_after_renaming_every_group(client, renamed, news_column):
    people = renamed
    login(client, people.editor)
    page, _ = create_news_via_admin(client, news_column, "县财政局召开预算执行情况通报会", CLEAN)
    assert current_task_state(page).task.name == "本单位审核"
    for user, step_after in (
        (people.reviewer, "保密审查"),
        (people.secrecy, "终审"),
        (people.final, None),
    ):
        login(client, user)
        assert workflow_action(client, page, "approve", "同意").status_code == 302
        state = current_task_state(page)
        assert (state.task.name if state else None) == step_after
    page.refresh_from_db()
    assert page.live


def test_withdraw_and_audit_after_renaming(client, renamed, news_column):
    people = renamed
    for user in (people.final, people.site_admin):
        article = make_news(news_column, title=f"待撤稿的通知{user.pk}")
        login(client, user)
        response = client.post(
            reverse("review_withdraw", args=(article.pk,)), {"reason": "信息有误"}
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert not article.live
        assert client.get(reverse("review_audit_report")).status_code == 200
    login(client, people.editor)
    assert client.get(reverse("review_audit_report")).status_code in (302, 403)


def test_statistics_and_participation_after_renaming(client, renamed):
    people = renamed
    login(client, people.site_admin)
    assert client.get(reverse("statistics_admin:overview")).status_code == 200

    app = make_application()
    login(client, people.disclosure)
    assert client.get(reverse("participation_admin:applications")).status_code == 200
    assert client.get(reverse("participation_admin:application", args=(app.pk,))).status_code == 200
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "participation-applications" in html  # the menu item still shows

    login(client, people.messages)
    assert client.get(reverse("participation_admin:messages")).status_code == 200
    assert client.get(reverse("participation_admin:applications")).status_code in (302, 403)

    login(client, people.editor)
    for name in ("statistics_admin:overview", "participation_admin:applications"):
        assert client.get(reverse(name)).status_code in (302, 403)
