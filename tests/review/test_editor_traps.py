"""Traps editors hit in their first week (issue 11): slugs, duplicate pages, hidden errors."""

import re
import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page

from news.models import NewsPage
from tests.review.helpers import login, news_form_data

DATED_SLUG = re.compile(r"^t\d{8}-[0-9a-f]{6}$")
BODY = ["县教育局召开会议，部署2026年春季学期开学各项工作。"]


def add_url(column):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk))


def post_draft(client, column, title, slug, token=None, json=False, **extra):
    data = news_form_data(title, BODY, slug=slug, **extra)
    if token:
        data["portal_creation_token"] = token
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(add_url(column), data, **headers)


@pytest.fixture
def editor(portal):
    return portal.editor("czj")


@pytest.fixture
def column(portal):
    return portal.unit_news_column("czj")


def test_titles_with_a_year_get_dated_slugs_that_never_collide(client, editor, column):
    login(client, editor)
    titles = ["关于2026年春季学期开学工作的通知", "2026年县财政预算执行情况通报"]
    for title in titles:
        # the admin's script fills the slug from the Chinese title: only "2026" is left
        response = post_draft(client, column, title, slug="2026")
        assert response.status_code == 302, response.content.decode()[:2000]
    slugs = list(NewsPage.objects.filter(title__in=titles).values_list("slug", flat=True))
    assert len(slugs) == 2 and len(set(slugs)) == 2
    assert all(DATED_SLUG.match(slug) for slug in slugs), slugs


def test_editing_keeps_the_items_address(client, editor, column):
    login(client, editor)
    post_draft(client, column, "县财政局召开预算执行情况通报会", slug="")
    page = NewsPage.objects.get(title="县财政局召开预算执行情况通报会")
    data = news_form_data("县财政局召开2026年预算执行情况通报会", BODY, slug="2026")
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert DATED_SLUG.match(page.get_latest_revision_as_object().slug)


def test_an_error_on_another_tab_is_listed_at_the_top(client, editor, column):
    login(client, editor)
    response = post_draft(client, column, "县财政局通知", slug="", seo_title="长" * 300)
    assert response.status_code == 200
    html = response.content.decode()
    messages = html[html.index('class="messages') :][:3000]
    assert "请修改下列内容" in messages
    label = str(NewsPage._meta.get_field("seo_title").verbose_name)
    assert label in messages  # the field on the 推广 tab is named in the top message


def test_the_same_form_submitted_twice_makes_one_page(client, editor, column):
    login(client, editor)
    token = uuid.uuid4().hex
    before = Page.objects.count()
    first = post_draft(client, column, "关于做好防汛工作的通知", slug="", token=token)
    assert first.status_code == 302
    second = post_draft(client, column, "关于做好2026年防汛工作的通知", slug="", token=token)
    assert second.status_code == 302
    assert Page.objects.count() == before + 1
    page = NewsPage.objects.get(pk=Page.objects.order_by("-pk").first().pk)
    # the second submission became a revision of the page the first created
    assert page.get_latest_revision_as_object().title == "关于做好2026年防汛工作的通知"
    assert second["Location"].endswith(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def test_autosave_then_save_draft_makes_one_page(client, editor, column):
    login(client, editor)
    token = uuid.uuid4().hex
    before = Page.objects.count()
    autosave = post_draft(client, column, "县教育局开学工作部署", slug="", token=token, json=True)
    assert autosave.status_code == 200 and autosave.json()["success"]
    click = post_draft(client, column, "县教育局部署春季学期开学工作", slug="", token=token)
    assert click.status_code == 302
    assert Page.objects.count() == before + 1
    page = NewsPage.objects.get(pk=autosave.json()["pk"])
    assert page.get_latest_revision_as_object().title == "县教育局部署春季学期开学工作"


def test_an_invalid_first_submission_does_not_block_the_corrected_one(client, editor, column):
    login(client, editor)
    token = uuid.uuid4().hex
    invalid = post_draft(client, column, "", slug="", token=token)
    assert invalid.status_code == 200
    fixed = post_draft(client, column, "县财政局工作动态", slug="", token=token)
    assert fixed.status_code == 302
    assert NewsPage.objects.filter(title="县财政局工作动态").count() == 1


def test_another_users_token_cannot_steer_into_their_page(client, portal, editor, column):
    login(client, editor)
    token = uuid.uuid4().hex
    post_draft(client, column, "县财政局内部稿件", slug="", token=token)
    page = NewsPage.objects.get(title="县财政局内部稿件")
    other = portal.editor("czj", username="czj_editor_2")
    login(client, other)
    post_draft(client, column, "另一位编辑的稿件", slug="", token=token)
    assert page.get_latest_revision_as_object().title == "县财政局内部稿件"
    assert NewsPage.objects.filter(title="另一位编辑的稿件").count() == 1


def test_the_create_form_loads_the_token_script(client, editor, column):
    login(client, editor)
    html = client.get(add_url(column)).content.decode()
    assert "js/admin/page-creation.js" in html
