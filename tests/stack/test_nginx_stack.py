"""nginx + gunicorn as documented: anonymous pages come from nginx's cache, a publication
shows through nginx within 2 s, and an editor always gets fresh pages."""

import json
import re
import time

import pytest

from home.demo_accounts import account

pytestmark = pytest.mark.stack

ARTICLE_TITLE = "经由nginx发布的新闻"


def column_and_article(stack):
    out = stack.portal.shell(
        "import json\n"
        "from portal.core.columns import ColumnKey\n"
        "from home.models import column_by_key\n"
        "from news.models import NewsPage\n"
        "column = column_by_key(ColumnKey.NEWS_HEADLINES)\n"
        "article = NewsPage.objects.live().descendant_of(column).first()\n"
        "print(json.dumps({'column': column.url, 'article': article.url, 'id': article.pk}))\n"
    )
    return json.loads(out.strip().splitlines()[-1])


def until(predicate, seconds):
    """Polls ``predicate`` until true; returns the seconds it took, or None."""
    start = time.monotonic()
    while time.monotonic() - start <= seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_second_anonymous_request_is_a_cache_hit(stack):
    # the gunicorn of portal/gunicorn.conf.py warmed the dictionary before forking
    assert "warm start: loaded in the master" in (stack.portal.workdir / "gunicorn.log").read_text()
    urls = column_and_article(stack)
    for path in ("/", urls["column"], urls["article"]):
        status, first, _ = stack.get(path)
        assert status == 200, path
        status, second, _ = stack.get(path)
        assert second.getheader("X-Cache-Status") == "HIT", path
        assert second.getheader("Set-Cookie") is None
        assert second.getheader("X-Accel-Expires") is None  # for nginx, not for browsers
    status, static, _ = stack.get("/static/css/portal.css")
    assert status == 200 and "immutable" in static.getheader("Cache-Control", "")
    # search results are never stored by nginx (their URLs cannot be purged)
    stack.get("/search/?q=%E6%A6%95%E6%B1%9F")
    assert stack.get("/search/?q=%E6%A6%95%E6%B1%9F")[1].getheader("X-Cache-Status") != "HIT"


def test_publication_shows_through_nginx_within_two_seconds(stack):
    urls = column_and_article(stack)
    for path in ("/", urls["column"]):
        stack.get(path)
        assert stack.get(path)[1].getheader("X-Cache-Status") == "HIT"
    out = stack.portal.shell(
        "import time, json\n"
        "from portal.core.columns import ColumnKey\n"
        "from home.models import column_by_key\n"
        "from tests.factories import make_news\n"
        "from portal.pagecache.signals import last_flush\n"
        "from search.segmentation import segmenter\n"
        "segmenter.words('榕江')  # as in a warm gunicorn worker (portal/gunicorn.conf.py)\n"
        "column = column_by_key(ColumnKey.NEWS_HEADLINES)\n"
        "started = time.time()\n"
        f"page = make_news(column, title='{ARTICLE_TITLE}')\n"
        "print(json.dumps({'url': page.relative_url(page.get_site()), 'started': started, 'done': time.time(),\n"
        "                  'flush': last_flush}))\n"
    )
    published = json.loads(out.strip().splitlines()[-1])
    # the publication is committed, then nginx's copies are refreshed before the publishing
    # call returns: from the commit to the last refresh is what a reader waits at most
    took = published["done"] - published["started"]
    flush = published["flush"]
    print(
        f"publish + nginx refresh: {took:.2f} s; refresh of {flush['urls']} URLs:"
        f" {flush['finished'] - flush['started']:.2f} s"
    )
    assert flush["finished"] - flush["started"] <= 2.0
    for path in (published["url"], urls["column"], "/"):

        def shows(path=path):
            status, _, body = stack.get(path)
            return status == 200 and ARTICLE_TITLE in body

        assert until(shows, 0.5) is not None, f"{path} does not show the publication"

    # 撤稿: the article answers 410 through nginx, and leaves the column listing
    stack.portal.shell(
        "from django.contrib.auth import get_user_model\n"
        "from wagtail.models import Page\n"
        "from portal.review.services import withdraw\n"
        f"page = Page.objects.get(url_path__endswith='{published['url']}')\n"
        "withdraw(page, get_user_model().objects.get(username='admin'), '测试撤稿')\n"
    )
    assert until(lambda: stack.get(published["url"])[0] == 410, 2.0) is not None
    assert ARTICLE_TITLE not in stack.get(urls["column"])[2]


def login(stack, username, password):
    status, response, body = stack.get("/admin/login/")
    cookies = dict(re.findall(r"(csrftoken)=([^;]+)", response.getheader("Set-Cookie") or ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    answer = stack.post(
        "/admin/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        cookies,
    )
    assert answer.status == 302, answer.status
    session = re.search(r"sessionid=([^;]+)", answer.getheader("Set-Cookie") or "")
    assert session, "no session cookie after login"
    return {**cookies, "sessionid": session.group(1)}


def test_logged_in_editor_always_sees_fresh_pages(stack):
    urls = column_and_article(stack)
    stack.get(urls["article"])
    assert stack.get(urls["article"])[1].getheader("X-Cache-Status") == "HIT"
    creds = account("admin")
    cookies = login(stack, creds["username"], creds["password"])
    # a change no publication event announces (a direct database update): anonymous
    # visitors keep the cached copy, the editor gets the page as it is now
    stack.portal.shell(
        "from wagtail.models import Page\n"
        f"Page.objects.filter(pk={urls['id']}).update(title='编辑看到的新标题')\n"
    )
    status, response, body = stack.get(urls["article"], cookies=cookies)
    assert status == 200
    assert response.getheader("X-Cache-Status") == "BYPASS"
    assert "编辑看到的新标题" in body
    assert "private" in response.getheader("Cache-Control", "")
    assert "编辑看到的新标题" not in stack.get(urls["article"])[2]
    # what the editor was sent was not stored for others either
    assert stack.get(urls["article"])[1].getheader("X-Cache-Status") == "HIT"
