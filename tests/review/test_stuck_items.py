"""Items never wait on nobody (issue 11): when no reviewer of the unit can act on 本单位审核,
the county office's reviewers may; what is still stuck shows on the admin's dashboard; a
reviewer who opens the editor is told what saving a change means."""

from django.urls import reverse

from tests.factories import UserFactory
from tests.review.helpers import (
    create_news_via_admin,
    current_task_state,
    edit_news_via_admin,
    login,
    workflow_action,
)

CLEAN = ["县教育局召开会议，部署春季学期开学工作。"]


def step(page):
    state = current_task_state(page)
    return state.task.name if state else None


def submitted_by(client, editor, column, title):
    login(client, editor)
    page, _ = create_news_via_admin(client, column, title, CLEAN)
    assert step(page) == "本单位审核"
    return page


def test_a_unit_without_reviewers_escalates_to_the_county_office(client, portal):
    column = portal.unit_news_column("jyj")  # 教育局: nobody holds its reviewer role
    page = submitted_by(client, portal.editor("jyj"), column, "县教育局部署开学工作")
    office_reviewer = portal.reviewer("xzfb")
    login(client, office_reviewer)
    assert workflow_action(client, page, "approve", "县政府办代审").status_code == 302
    assert step(page) == "保密审查"


def test_the_office_may_not_act_while_the_unit_has_a_reviewer(client, portal, people, news_column):
    page = submitted_by(client, people.editor, news_column, "县财政局工作动态")
    login(client, portal.reviewer("xzfb"))
    workflow_action(client, page, "approve")
    assert step(page) == "本单位审核"


def test_when_the_only_reviewer_wrote_the_revision_the_office_steps_in(
    client, portal, people, news_column
):
    page = submitted_by(client, people.editor, news_column, "县财政局召开通报会")
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    # told before saving: someone else must approve an edited revision
    assert "如果您修改并保存本稿" in html and "县政府办的审核人（代审）" in html
    edit_news_via_admin(client, page, "县财政局召开预算执行情况通报会", CLEAN, action="action-save")
    workflow_action(client, page, "approve")
    assert step(page) == "本单位审核"  # second pair of eyes
    login(client, portal.reviewer("xzfb"))
    workflow_action(client, page, "approve", "代审通过")
    # the edit made the first 自动检查 stale (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT): the
    # check runs again on the edited text and 本单位审核 comes back — still to the office
    if step(page) == "本单位审核":
        workflow_action(client, page, "approve", "代审通过")
    assert step(page) == "保密审查"


def test_an_editor_is_not_shown_the_reviewer_warning(client, people, news_column):
    page = submitted_by(client, people.editor, news_column, "县财政局动态二")
    login(client, people.other_reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "如果您修改并保存本稿" not in html


def test_stuck_items_show_on_the_admins_dashboard(client, portal):
    column = portal.unit_news_column("jyj")
    page = submitted_by(client, portal.editor("jyj"), column, "县教育局无人审核的稿件")
    admin = UserFactory(username="admin_stuck", is_superuser=True, is_staff=True)
    login(client, admin)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "无人可审的稿件（1）" in html and page.title in html

    portal.reviewer("xzfb")  # the office now has a reviewer: escalation makes it reviewable
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "无人可审的稿件" not in html

    login(client, portal.editor("jyj"))
    assert "无人可审的稿件" not in client.get(reverse("wagtailadmin_home")).content.decode()
