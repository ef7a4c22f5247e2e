"""待办中心 (issue 11, the desk): one page per user listing what waits on them, with the
count in the admin menu and a dashboard panel."""

import json
import re

from django.urls import reverse

from tests.factories import UserFactory
from tests.review.helpers import create_news_via_admin, edit_news_via_admin, login, workflow_action

CLEAN = ["县财政局召开会议，部署年度预算执行工作。"]


def submit(client, people, column, title):
    login(client, people.editor)
    page, _ = create_news_via_admin(client, column, title, CLEAN)
    return page


def menu_label(html, name):
    """The label of the admin sidebar's menu item ``name`` (the sidebar is JSON props)."""
    match = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert match, "the admin sidebar is rendered"
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == name and "label" in node:
                found.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(match.group(1)))
    assert found, f"menu item {name} is shown"
    return found[0]


def test_a_reviewer_sees_the_item_waiting_at_their_step(client, people, news_column):
    page = submit(client, people, news_column, "县财政局预算执行通报")
    login(client, people.reviewer)
    html = client.get(reverse("desk_todo")).content.decode()
    assert "稿件审核（1）" in html
    assert f"《{page.title}》" in html
    assert "本单位审核" in html and reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html


def test_the_menu_shows_the_count(client, people, news_column):
    submit(client, people, news_column, "县财政局动态一")
    submit(client, people, news_column, "县财政局动态二")
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert menu_label(html, "desk-todo") == "待办中心（2）"
    assert "我的待办（2）" in html and "稿件审核：2 项" in html


def test_other_units_reviewers_and_the_author_see_nothing(client, people, news_column):
    submit(client, people, news_column, "县财政局动态三")
    for user in (people.other_unit_reviewer, people.editor, people.secrecy):
        login(client, user)
        html = client.get(reverse("desk_todo")).content.decode()
        assert "暂无待办事项" in html, user.username
        assert "县财政局动态三" not in html


def test_the_item_moves_to_the_next_steps_reviewers(client, people, news_column):
    page = submit(client, people, news_column, "县财政局动态四")
    login(client, people.reviewer)
    assert workflow_action(client, page, "approve").status_code == 302
    html = client.get(reverse("desk_todo")).content.decode()
    assert "暂无待办事项" in html
    login(client, people.secrecy)
    html = client.get(reverse("desk_todo")).content.decode()
    assert "《县财政局动态四》" in html and "保密审查" in html


def test_a_reviewer_who_wrote_the_revision_is_not_asked(client, people, news_column):
    page = submit(client, people, news_column, "审核人修改过的稿件")
    login(client, people.reviewer)
    edit_news_via_admin(client, page, "审核人修改过的稿件", CLEAN + ["补充一段。"], "action-save")
    html = client.get(reverse("desk_todo")).content.decode()
    assert "暂无待办事项" in html
    login(client, people.reviewer2)
    assert f"《{page.title}》" in client.get(reverse("desk_todo")).content.decode()


def test_empty_state_in_chinese(client, portal):
    user = UserFactory(username="nobody_desk", is_staff=True, is_superuser=True)
    login(client, user)
    response = client.get(reverse("desk_todo"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "暂无待办事项" in html and "待办中心" in html


def test_anonymous_users_are_sent_to_the_login(client, portal):
    response = client.get(reverse("desk_todo"))
    assert response.status_code == 302 and "login" in response["Location"]
