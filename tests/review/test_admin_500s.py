"""No 500 in the admin flows (issue 11, defect 5): the preview of a draft 政策解读, and the
background save to the edit URL after an approval or a rejection with a comment."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from tests.factories import make_interpretation, make_policy
from tests.review.helpers import (
    body_data,
    browser_edit_form,
    create_news_via_admin,
    current_task_state,
    login,
    task_names_done,
)


@pytest.fixture
def draft_pair(portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县促进就业若干措施", publish=False)
    interpretation = make_interpretation(
        column, [policy], title="《榕江县促进就业若干措施》解读", publish=False
    )
    return policy, interpretation


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("解读正文。")}))  # the editor's script
    return data


def test_preview_of_a_draft_interpretation_renders(client, people, draft_pair):
    policy, interpretation = draft_pair
    login(client, people.editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(interpretation.pk,))
    data = edit_form(client, interpretation)
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "《榕江县促进就业若干措施》解读" in html
    # the policy it explains is named, though neither is published yet
    assert "榕江县促进就业若干措施（" in html


def test_preview_of_a_new_interpretation_renders(client, people, portal, draft_pair):
    policy, _ = draft_pair
    login(client, people.editor)
    column = portal.unit_catalogue_column("czj")
    add = reverse(
        "wagtailadmin_pages:add", args=("disclosure_catalog", "interpretationpage", column.pk)
    )
    data = querydict_from_html(client.get(add).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("解读正文。")}))
    data.update(
        {
            "title": "新写的政策解读",
            "summary": "解读概述",
            "topic_category": "综合政务/政务公开",
            "genre": "解读",
        }
    )
    data.setlist("policies", [str(policy.pk)])
    url = add + "preview/"
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "新写的政策解读" in response.content.decode()


def test_preview_of_a_new_policy_document_renders(client, people, portal):
    login(client, people.editor)
    column = portal.unit_catalogue_column("czj")
    add = reverse(
        "wagtailadmin_pages:add", args=("disclosure_catalog", "policydocumentpage", column.pk)
    )
    data = querydict_from_html(client.get(add).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("政策正文。")}))
    data.update(
        {
            "title": "新写的政策文件",
            "document_number": "榕财发〔2026〕9号",
            "summary": "概述",
            "topic_category": "综合政务/政务公开",
            "genre": "通知",
        }
    )
    url = add + "preview/"
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "暂无相关解读" in response.content.decode()


# --- the background save after a workflow action ----------------------------------------------
# The review modal ("批准并留言", "退回修改") adds the action's fields to the edit form and
# submits it; the editor's autosave, seeing the form change, posts the same form to the edit
# URL in the background (Accept: application/json), just before or just after.


def act_from_editor(client, page, action, comment, autosave_first=False):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = browser_edit_form(client, page)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    background = lambda: client.post(url, data, HTTP_ACCEPT="application/json")  # noqa: E731
    submitted = lambda: client.post(url, data)  # noqa: E731
    if autosave_first:
        autosave, response = background(), submitted()
    else:
        response, autosave = submitted(), background()
    return response, autosave


@pytest.fixture
def submitted_item(client, people, news_column):
    login(client, people.editor)
    page, _ = create_news_via_admin(
        client, news_column, "县财政局召开预算执行情况通报会", ["会议通报了全县预算执行情况。"]
    )
    assert current_task_state(page).task.name == "本单位审核"
    return page


@pytest.mark.parametrize("autosave_first", [False, True])
def test_approving_with_comments_through_every_step_never_fails_a_background_save(
    client, people, submitted_item, autosave_first
):
    page = submitted_item
    for user, comment in [
        (people.reviewer, "内容属实，同意。"),
        (people.secrecy, "不涉密。"),
        (people.final, "同意发布。"),
    ]:
        login(client, user)
        response, autosave = act_from_editor(
            client, page, "approve", comment, autosave_first=autosave_first
        )
        assert response.status_code == 302, (user.username, response.status_code)
        assert autosave.status_code == 200, (user.username, autosave.content[:300])
        assert autosave.json()["success"] is True
    page.refresh_from_db()
    assert page.live
    assert [status for _name, status in task_names_done(page)] == ["approved"] * 4
    comments = sorted(
        entry.data["comment"]
        for entry in PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
        if entry.user_id  # 自动检查 approves without a user
    )
    # each approval once with its comment, none doubled by the background save
    assert comments == sorted(["内容属实，同意。", "不涉密。", "同意发布。"])
    # the background saves wrote no revision: the editor is still the only author
    assert set(page.revisions.values_list("user__username", flat=True)) == {"editor_czj"}


@pytest.mark.parametrize("autosave_first", [False, True])
def test_rejecting_with_a_comment_never_fails_a_background_save(
    client, people, submitted_item, autosave_first
):
    page = submitted_item
    login(client, people.reviewer)
    response, autosave = act_from_editor(
        client, page, "reject", "第二段数据需核实。", autosave_first=autosave_first
    )
    assert response.status_code == 302
    assert autosave.status_code == 200, autosave.content[:300]
    state = Page.objects.get(pk=page.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.data["comment"] == "第二段数据需核实。"


def test_a_repeated_approval_after_the_last_step_is_told_not_crashed(
    client, people, submitted_item
):
    page = submitted_item
    for user in (people.reviewer, people.secrecy, people.final):
        login(client, user)
        act_from_editor(client, page, "approve", "同意。")
    # the final reviewer's browser sends the approval once more (a double click, 后退 and resend)
    login(client, people.final)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = browser_edit_form(client, page)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert any("已不在您的审核环节" in t for t in texts), texts
    assert set(page.revisions.values_list("user__username", flat=True)) == {"editor_czj"}
