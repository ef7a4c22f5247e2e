"""Anonymous visitors get cached pages; nobody else does (portal/pagecache/middleware.py)."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from portal.core.columns import ColumnKey
from portal.pagecache.middleware import PageCacheMiddleware
from tests.factories import UserFactory, make_news


def test_second_anonymous_request_is_a_hit_with_public_headers(client, portal, page_cache):
    first = client.get("/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "MISS"
    second = client.get("/")
    assert second["X-Page-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert "Accept-Language" in second["Vary"]
    assert not second.cookies and not first.cookies
    # a browser revalidating its copy gets 304 and no body
    revalidated = client.get("/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert revalidated.status_code == 304 and not revalidated.content


def test_logged_in_editor_never_gets_or_fills_the_cache(client, portal, page_cache):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    client.get(column.url)  # cached for anonymous visitors
    editor = UserFactory(username="pagecache_editor")
    client.force_login(editor)
    response = client.get(column.url)
    assert response["X-Page-Cache"] == "BYPASS"
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    other = portal.column(ColumnKey.NEWS_NOTICES)
    client.force_login(editor)
    client.get(other.url)
    client.logout()
    client.cookies.clear()
    assert client.get(other.url)["X-Page-Cache"] == "MISS"  # the editor's page was not kept


def test_only_listed_query_parameters_are_cacheable(client, portal, page_cache):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    for _ in range(2):
        last = client.get(column.url, {"page": "2"})
    assert last["X-Page-Cache"] == "HIT"
    assert client.get(column.url, {"utm": "x"})["X-Page-Cache"] == "BYPASS"
    assert client.get("/search/", {"q": "春耕", "column": "news"})["X-Page-Cache"] == "BYPASS"
    client.get("/search/", {"q": "春耕"})
    assert client.get("/search/", {"q": "春耕"})["X-Page-Cache"] == "HIT"


def test_cached_search_still_counts_popular_searches(client, portal, page_cache):
    from search.models import PopularSearchHit

    make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="春耕生产调研")
    for visitor in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        response = client.get("/search/", {"q": "春耕"}, REMOTE_ADDR=visitor)
    assert response["X-Page-Cache"] == "HIT"
    assert response["X-Accel-Expires"] == "0"  # nginx asks the app for every search
    # three visitors, two of them served the cached copy: each counted once
    assert PopularSearchHit.objects.filter(query="春耕").count() == 3


def test_forms_previews_and_admin_are_never_cached(page_cache):
    factory = RequestFactory()

    def with_form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = PageCacheMiddleware(with_form)
    for _ in range(2):
        response = middleware(factory.get("/participation-like-page/"))
        assert response["X-Page-Cache"] == "BYPASS"

    def preview(request):
        request.is_preview = True
        return HttpResponse("draft")

    assert PageCacheMiddleware(preview)(factory.get("/x/"))["X-Page-Cache"] == "BYPASS"
    admin = PageCacheMiddleware(lambda request: HttpResponse("admin"))(factory.get("/admin/"))
    assert "X-Page-Cache" not in admin


def test_publication_shows_at_once_on_cached_pages(client, portal, page_cache):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    for url in ("/", column.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "HIT"
    news = make_news(column, title="缓存之后发布的新闻")
    for url in ("/", column.url):
        response = client.get(url)
        assert "缓存之后发布的新闻" in response.content.decode(), url
    assert client.get(news.url).status_code == 200
    news.unpublish()
    assert "缓存之后发布的新闻" not in client.get(column.url).content.decode()
