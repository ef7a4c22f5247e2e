"""What the uncached render reuses within a publication generation (routes, sites, the site
identity, "no view restriction", the home sections and listings) never outlives a change a
visitor would notice."""

import re
import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from wagtail.models import PageViewRestriction, Site

from portal.core.cache import fragment_key
from portal.core.columns import ColumnKey
from portal.core.models import SiteIdentity
from tests.factories import make_news


def test_routes_follow_unpublish_and_move(client, portal):
    news = make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="路由缓存测试新闻")
    old_url = news.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url).status_code == 200  # now from the route table

    target = portal.column(ColumnKey.NEWS_DEPARTMENTS)
    news.move(target, pos="last-child")
    news.refresh_from_db()
    assert news.url != old_url
    moved = client.get(old_url)  # not the page from the route table: a redirect to it
    assert moved.status_code == 301 and moved["Location"].endswith(news.url)
    assert "路由缓存测试新闻" in client.get(news.url).content.decode()

    news.unpublish()
    assert client.get(news.url).status_code == 404


def test_site_identity_change_shows_on_the_next_page(client, portal):
    assert client.get("/").status_code == 200
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.phone = "0855-7654321"
    identity.save()
    assert "0855-7654321" in client.get("/").content.decode()


def test_a_page_made_private_asks_for_its_password_at_once(client, portal):
    news = make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="将被设为私密的新闻")
    assert "将被设为私密的新闻" in client.get(news.url).content.decode()
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="secret-123"
    )
    html = client.get(news.url).content.decode()
    assert "将被设为私密的新闻的正文内容" not in html
    assert 'name="password"' in html


def test_home_and_listing_show_a_new_publication(client, portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    client.get("/")
    client.get(column.url)  # the sections and the listing are rendered and kept
    make_news(column, title="刚刚发布的要闻")
    assert "刚刚发布的要闻" in client.get("/").content.decode()
    assert "刚刚发布的要闻" in client.get(column.url).content.decode()


def test_an_article_published_again_shows_its_new_title_at_once(client, portal):
    news = make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="修改前的标题")
    assert "修改前的标题" in client.get(news.url).content.decode()
    assert "修改前的标题" in client.get(news.url).content.decode()  # the remembered page
    news.title = "修改后的标题"
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert "<h1>修改后的标题</h1>" in html and "<h1>修改前的标题</h1>" not in html


def test_a_renamed_unit_shows_as_the_source_at_once(client, portal):
    column = portal.unit_news_column("fgj")
    news = make_news(column, title="单位改名测试新闻")
    unit = portal.unit("fgj")
    assert f"来源：{unit.name}" in client.get(news.url).content.decode()
    unit.name = "县发展和改革局（新）"
    unit.save()
    html = client.get(news.url).content.decode()
    assert "来源：县发展和改革局（新）" in html
    assert '<meta name="ContentSource" content="县发展和改革局（新）">' in html


def test_breadcrumbs_and_column_tags_follow_a_renamed_column(client, portal):
    column = portal.column(ColumnKey.NEWS_DEPARTMENTS)
    news = make_news(column, title="栏目改名测试新闻")
    assert (
        f'<meta name="ColumnName" content="{column.title}">'
        in client.get(news.url).content.decode()
    )
    column.title = "部门动态（改）"
    column.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert '<meta name="ColumnName" content="部门动态（改）">' in html
    assert ">部门动态（改）</a></li>" in html  # the breadcrumb


def test_a_public_view_costs_no_query_once_warm(client, portal, django_assert_max_num_queries):
    """The query budget of an uncached view seen before within one publication generation
    (page cache off): none for the home page, a column listing and an article."""
    column = portal.column(ColumnKey.NEWS_DEPARTMENTS)
    news = make_news(portal.unit_news_column("fgj"), title="查询次数测试新闻")
    for path in ("/", column.url, news.url):
        assert client.get(path).status_code == 200
        with django_assert_max_num_queries(0):
            assert client.get(path).status_code == 200


@pytest.mark.parametrize("junk", ["abc", "\r\n", "1通知' OR 1=1 ", "2.0", ""])
def test_a_listing_page_number_that_is_not_one_reuses_page_one(
    client, portal, junk, django_assert_max_num_queries
):
    """A page number that is not a number shows page 1 and reuses page 1's cached listing:
    a visitor cannot fill the cache with one copy per made-up ?page= value, and the key
    stays one every cache backend accepts (no CacheKeyWarning)."""
    column = portal.column(ColumnKey.NEWS_DEPARTMENTS)
    make_news(portal.unit_news_column("fgj"), title="分页参数测试新闻")
    first = client.get(column.url, {"page": "1"})
    assert "分页参数测试新闻" in first.content.decode()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        with django_assert_max_num_queries(0):
            again = client.get(column.url, {"page": junk})
    assert again.status_code == 200
    assert "分页参数测试新闻" in again.content.decode()


def test_fragment_names_of_any_text_get_keys_every_cache_accepts():
    """Names with Chinese, spaces or control characters are stored under their digest;
    two names never share a key."""
    names = ["html:2:zh-hans:column:8:\r\n", "html:2:zh-hans:column:8:通知", "a" * 300, "menu:2:1"]
    keys = [fragment_key(name) for name in names]
    assert len(set(keys)) == len(names)
    for key in keys:
        assert re.fullmatch(r"[!-~]+", key) and len(key) < 250, key
    assert keys[-1].endswith(":menu:2:1")  # a plain name stays readable
