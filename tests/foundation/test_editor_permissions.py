"""A department editor works in its own unit's columns only, through the real admin views,
and cannot publish (先审后发)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage
from portal.core.columns import ColumnKey
from tests.factories import DEFAULT_PASSWORD, make_news


def news_form(title, **extra):
    data = {
        "title": title,
        "slug": "",
        "source": "",
        "author": "",
        "summary": "",
        "body": streamfield([("paragraph", rich_text("<p>正文内容。</p>"))]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, portal):
    editor = portal.editor("czj")
    assert client.login(username=editor.username, password=DEFAULT_PASSWORD)
    client.user = editor
    return client


def add_url(parent):
    return f"/admin/pages/add/news/newspage/{parent.pk}/"


def test_editor_creates_and_edits_in_own_column(editor_client, portal):
    column = portal.unit_news_column("czj")
    assert editor_client.get(add_url(column)).status_code == 200
    response = editor_client.post(add_url(column), news_form("县财政局召开预算编制培训会"))
    assert response.status_code == 302
    page = NewsPage.objects.get(title="县财政局召开预算编制培训会")
    assert page.get_parent().pk == column.pk
    assert not page.live
    assert page.unit == portal.unit("czj")  # inherited from the column

    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert editor_client.get(edit_url).status_code == 200
    response = editor_client.post(
        edit_url, news_form("县财政局召开2026年预算编制培训会", slug=page.slug)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "县财政局召开2026年预算编制培训会"


def test_editor_cannot_publish(editor_client, portal):
    column = portal.unit_news_column("czj")
    response = editor_client.post(
        add_url(column), news_form("试图直接发布的新闻", **{"action-publish": "action-publish"})
    )
    page = NewsPage.objects.get(title="试图直接发布的新闻")
    assert not page.live
    assert page.first_published_at is None
    assert response.status_code in (200, 302)
    perms = page.permissions_for_user(editor_client.user)
    assert not perms.can_publish()


@pytest.mark.parametrize("where", ["other_unit", "township", "headlines", "disclosure", "home"])
def test_editor_refused_elsewhere(editor_client, portal, where):
    parent = {
        "other_unit": lambda: portal.unit_news_column("jyj"),
        "township": lambda: portal.unit_news_column("gzz"),
        "headlines": lambda: portal.column(ColumnKey.NEWS_HEADLINES),
        "disclosure": lambda: portal.column(ColumnKey.DISCLOSURE),
        "home": lambda: portal.home,
    }[where]()
    response = editor_client.get(f"/admin/pages/add/news/newspage/{parent.pk}/")
    assert response.status_code in (302, 403)
    response = editor_client.post(
        f"/admin/pages/add/news/newspage/{parent.pk}/", news_form("越权新闻")
    )
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(title="越权新闻").exists()


def test_editor_cannot_edit_another_units_page(editor_client, portal):
    other = make_news(portal.unit_news_column("jyj"), title="教育局新闻")
    response = editor_client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    response = editor_client.post(
        f"/admin/pages/{other.pk}/edit/", news_form("被篡改的标题", slug=other.slug)
    )
    other.refresh_from_db()
    assert other.title == "教育局新闻"
    assert Page.objects.get(pk=other.pk).get_latest_revision_as_object().title == "教育局新闻"


def test_editor_cannot_change_settings_or_units(editor_client):
    for url in (
        "/admin/settings/core/siteidentity/",
        "/admin/snippets/units/unit/add/",
        "/admin/users/",
        "/admin/groups/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url


def test_editor_cannot_create_wrong_type_in_own_column(editor_client, portal):
    # a news column accepts news, not catalogue items
    column = portal.unit_news_column("czj")
    response = editor_client.get(
        f"/admin/pages/add/disclosure_catalog/catalogitempage/{column.pk}/"
    )
    assert response.status_code in (302, 403)
