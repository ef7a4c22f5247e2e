"""The read-only Wagtail API v2 at /api/v2/: live public content only, nothing personal."""

import json

import pytest
from wagtail.models import PageViewRestriction

from portal.core.columns import ColumnKey
from tests import factories

PERSONAL_KEYS = {
    "owner",
    "locked_by",
    "uploaded_by_user",
    "user",
    "email",
    "password",
    "latest_revision",
    "live_revision",
}


def keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from keys(v)


@pytest.fixture
def content(portal):
    editor = portal.editor("fgj")
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    live = factories.make_news(
        column, title="公开的新闻", slug="gongkai", summary="摘要", owner=editor
    )
    draft = factories.make_news(column, title="草稿新闻", slug="caogao", publish=False)
    private = factories.make_news(column, title="内部通知", slug="neibu")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret-123"
    )
    policy = factories.make_policy(
        portal.unit_catalogue_column("fgj"), title="公开的政策文件", slug="zhengce"
    )
    return {"live": live, "draft": draft, "private": private, "policy": policy}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return json.loads(response.content)


def test_pages_lists_only_live_public_pages(client, content):
    data = get(client, "/api/v2/pages/?type=news.NewsPage&fields=*&limit=100")
    titles = {item["title"] for item in data["items"]}
    assert "公开的新闻" in titles
    assert "草稿新闻" not in titles
    assert "内部通知" not in titles
    assert client.get(f"/api/v2/pages/{content['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{content['private'].pk}/").status_code == 404


def test_page_detail_has_content_fields_and_nothing_personal(client, content):
    data = get(client, f"/api/v2/pages/{content['policy'].pk}/")
    assert data["title"] == "公开的政策文件"
    assert data["index_number"] == content["policy"].index_number  # 索引号
    assert data["document_number"] == content["policy"].document_number
    assert data["unit"] == {
        "name": content["policy"].unit.name,
        "code": content["policy"].unit.code,
    }
    assert data["body"][0]["type"] == "paragraph"
    news = get(client, f"/api/v2/pages/{content['live'].pk}/")
    assert news["summary"] == "摘要"
    found = set(keys(news)) | set(keys(data))
    assert not found & PERSONAL_KEYS, found & PERSONAL_KEYS
    assert content["live"].owner.username not in json.dumps(news, ensure_ascii=False)


def test_images_and_documents_endpoints(client, portal):
    image = factories.ImageFactory(title="公开图片")
    document = factories.DocumentFactory(title="公开文件")
    images = get(client, "/api/v2/images/?fields=*")
    assert any(i["id"] == image.pk for i in images["items"])
    documents = get(client, "/api/v2/documents/")
    assert any(d["id"] == document.pk for d in documents["items"])
    assert not set(keys(images)) & PERSONAL_KEYS


def test_api_is_read_only(client, content):
    response = client.post("/api/v2/pages/", {"title": "x"})
    assert response.status_code in (403, 405)
