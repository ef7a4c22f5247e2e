"""The role matrix of 先审后发, through the real admin views."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS
from tests.factories import UserFactory
from tests.review.helpers import (
    create_news_via_admin,
    current_task_state,
    edit_news_via_admin,
    login,
    task_names_done,
    workflow_action,
)

CLEAN = ["县财政局召开2026年预算执行情况通报会，通报了全县预算执行情况。"]


def submitted(client, people, column, title="县财政局召开预算执行情况通报会"):
    login(client, people.editor)
    page, _ = create_news_via_admin(client, column, title, CLEAN)
    return page


def step(page):
    state = current_task_state(page)
    return state.task.name if state else None


def test_editor_submits_and_the_workflow_reaches_unit_review(client, people, news_column):
    page = submitted(client, people, news_column)
    assert not page.live
    assert task_names_done(page) == [("自动检查", "approved"), ("本单位审核", "in_progress")]
    assert not page.permissions_for_user(people.editor).can_publish()


def test_editor_cannot_publish_directly(client, people, news_column):
    login(client, people.editor)
    page, response = create_news_via_admin(
        client, news_column, "直接发布的稿件", CLEAN, action="action-publish"
    )
    page.refresh_from_db()
    assert not page.live
    assert page.first_published_at is None


def test_full_matrix_last_approval_publishes(client, people, news_column):
    page = submitted(client, people, news_column)

    # a reviewer of another unit cannot act on this unit's item
    login(client, people.other_reviewer)
    response = workflow_action(client, page, "approve", "越权")
    assert response.status_code in (302, 403)
    assert step(page) == "本单位审核"
    # nor can the 保密审查 or 终审 groups act on the unit's step
    for user in (people.secrecy, people.final):
        login(client, user)
        workflow_action(client, page, "approve")
        assert step(page) == "本单位审核"

    login(client, people.reviewer)
    assert workflow_action(client, page, "approve", "同意发布").status_code == 302
    assert step(page) == "保密审查"

    # the unit reviewer and 终审 cannot approve 保密审查
    for user in (people.reviewer, people.final):
        login(client, user)
        workflow_action(client, page, "approve")
        assert step(page) == "保密审查"
    login(client, people.secrecy)
    workflow_action(client, page, "approve", "不涉密")
    assert step(page) == "终审"

    for user in (people.reviewer, people.secrecy):
        login(client, user)
        workflow_action(client, page, "approve")
        assert step(page) == "终审"
    page.refresh_from_db()
    assert not page.live

    login(client, people.final)
    workflow_action(client, page, "approve", "同意")
    page.refresh_from_db()
    assert page.live
    assert page.first_published_at is not None
    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.approve", people.final.username) in actions
    assert ("wagtail.publish", people.final.username) in actions
    comments = [
        e.data.get("comment")
        for e in PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    ]
    assert "同意发布" in comments and "不涉密" in comments


def test_author_cannot_approve_own_revision_at_any_step(client, portal, people, news_column):
    # one person in every group: still cannot approve what they wrote
    unit = portal.unit("czj")
    author = UserFactory(
        username="all_hats",
        groups=[unit.editors_group, unit.reviewers_group, SECRECY_REVIEWERS, FINAL_REVIEWERS],
    )
    login(client, author)
    page, _ = create_news_via_admin(client, news_column, "自己写的稿件", CLEAN)
    for name, approver in (
        ("本单位审核", people.reviewer),
        ("保密审查", people.secrecy),
        ("终审", people.final),
    ):
        assert step(page) == name
        login(client, author)
        response = workflow_action(client, page, "approve", "我自己批准")
        assert response.status_code in (302, 403)
        assert step(page) == name
        edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert (
            'name="workflow-action-name"' not in edit.content.decode()
            or "approve" not in edit.content.decode().split("workflow-action-name")[1][:200]
        )
        login(client, approver)
        workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live


def test_superuser_is_no_exception_to_second_pair_of_eyes(client, people, news_column):
    login(client, people.admin)
    page, _ = create_news_via_admin(client, news_column, "超级管理员写的稿件", CLEAN)
    assert step(page) == "本单位审核"
    workflow_action(client, page, "approve")
    assert step(page) == "本单位审核"


def test_reviewer_who_edits_cannot_approve_their_own_edit(client, people, news_column):
    page = submitted(client, people, news_column)
    login(client, people.reviewer)
    edit_news_via_admin(
        client, page, page.title, ["审核人修改后的正文内容。"], action="action-save"
    )
    page.refresh_from_db()
    assert page.get_latest_revision().user == people.reviewer
    workflow_action(client, page, "approve")
    assert step(page) == "本单位审核"


def test_task_state_of_another_page_cannot_be_used(client, portal, people, news_column):
    # a gzz reviewer names their own page in the URL but czj's task state
    czj_page = submitted(client, people, news_column)
    gzz_editor = portal.editor("gzz")
    login(client, gzz_editor)
    gzz_page, _ = create_news_via_admin(client, portal.unit_news_column("gzz"), "古州镇稿件", CLEAN)
    login(client, people.other_reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(gzz_page.pk, "approve", current_task_state(czj_page).pk),
    )
    response = client.post(url, {"comment": ""})
    # the admin turns PermissionDenied into a redirect to the dashboard with an error
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert step(czj_page) == "本单位审核"


@pytest.mark.parametrize("rejecting_step", ["本单位审核", "保密审查", "终审"])
def test_rejection_returns_to_editor_with_comment(client, people, news_column, rejecting_step):
    page = submitted(client, people, news_column)
    order = [("本单位审核", people.reviewer), ("保密审查", people.secrecy), ("终审", people.final)]
    for name, user in order:
        login(client, user)
        if name == rejecting_step:
            workflow_action(client, page, "reject", f"{name}意见：请补充数据来源")
            break
        workflow_action(client, page, "approve")
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live
    login(client, people.editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert f"{rejecting_step}意见：请补充数据来源" in html
    assert "修改完成，重新提交审核" in html
    # resubmitting runs the whole workflow again, starting with 自动检查
    edit_news_via_admin(client, page, page.title, CLEAN + ["数据来源：县财政局。"])
    assert step(page) == "本单位审核"
    assert task_names_done(page)[-2:] == [("自动检查", "approved"), ("本单位审核", "in_progress")]


def test_superuser_publish_button_is_refused(client, people, news_column):
    page = submitted(client, people, news_column)
    login(client, people.admin)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'name="action-publish"' not in html
    assert reverse("review_force_publish", args=(page.pk,)) in html
    edit_news_via_admin(client, page, page.title, CLEAN, action="action-publish")
    page.refresh_from_db()
    assert not page.live


def test_force_publish_needs_a_reason_and_is_logged(client, people, news_column):
    page = submitted(client, people, news_column)
    url = reverse("review_force_publish", args=(page.pk,))
    login(client, people.reviewer)
    assert client.post(url, {"reason": "紧急"}).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    login(client, people.admin)
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "请填写理由" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    client.post(url, {"reason": "防汛紧急通知，须立即发布"})
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="review.force_publish")
    assert entry.user == people.admin
    assert entry.data["reason"] == "防汛紧急通知，须立即发布"
    assert page.current_workflow_state is None
