"""Issue 15 item 2: the identity and inspection items of the public site — the monitoring
meta tags, sitemap.xml (every live public page, nothing else), robots.txt, RSS/Atom per
column, favicon, the HTML 网站地图, and the footer's 备案 and 找错 links."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from portal.core.columns import ColumnKey
from portal.core.models import SiteIdentity
from portal.review import services as review
from tests import factories
from tests.requirements import BASE_DIR

pytestmark = pytest.mark.django_db


def metas(html):
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))


@pytest.fixture
def news(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    return factories.make_news(
        column,
        title="县政府召开春耕生产调度会",
        summary="会议部署今年春耕备耕工作。",
        source="县农业农村局",
        published_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30)),
    )


def test_meta_tags_on_home_column_and_item(client, portal, news):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_code = "5226320001"
    identity.save()
    home = metas(client.get("/").content.decode())
    assert home["SiteName"] == identity.site_name
    assert home["SiteDomain"] == "testserver"
    assert home["SiteIDCode"] == "5226320001"
    assert "ArticleTitle" not in home and "ColumnName" not in home

    column = news.get_parent().specific
    listing = metas(client.get(column.url).content.decode())
    assert listing["ColumnName"] == column.title
    assert listing["ColumnType"] and listing["ColumnDescription"] and listing["ColumnKeywords"]
    assert listing["SiteIDCode"] == "5226320001"
    assert "ArticleTitle" not in listing

    item = metas(client.get(news.url).content.decode())
    assert item["ArticleTitle"] == "县政府召开春耕生产调度会"
    assert item["PubDate"] == "2026-03-02 09:30"  # 北京时间
    assert item["ContentSource"] == "县农业农村局"
    assert item["Description"] == "会议部署今年春耕备耕工作。"
    assert item["Keywords"]
    assert item["ColumnName"] == column.title


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in root.findall("s:url/s:loc", namespace)}


def test_sitemap_lists_every_live_public_page_and_nothing_else(
    client, portal, news, django_user_model
):
    column = news.get_parent()
    draft = factories.make_news(column, title="尚未发布的草稿", publish=False)
    withdrawn = factories.make_news(column, title="已撤稿的通知")
    admin = django_user_model.objects.create_superuser("sitemap-admin", password="x" * 12)
    review.withdraw(withdrawn, admin, "内容有误")
    private = factories.make_news(column, title="内部通知")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    urls = sitemap_urls(client)
    site = Site.objects.get(is_default_site=True)
    expected = {
        page.get_full_url()
        for page in site.root_page.get_descendants(inclusive=True).live().public()
    }
    assert urls == expected
    assert news.get_full_url() in urls
    for page in (draft, withdrawn, private):
        assert Page.objects.get(pk=page.pk).get_full_url() not in urls, page.title


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, portal):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_favicon(client, portal):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert (BASE_DIR / "static" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert 'rel="icon"' in client.get("/").content.decode()


def test_column_feeds_list_the_newest_live_items(client, portal, news):
    column = news.get_parent().specific
    factories.make_news(column, title="尚未发布的草稿", publish=False)
    html = client.get(column.url).content.decode()
    assert f'href="/feeds/{column.pk}/rss.xml"' in html
    rss = client.get(f"/feeds/{column.pk}/rss.xml")
    assert rss.status_code == 200
    channel = ET.fromstring(rss.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == "县政府召开春耕生产调度会"
    assert "尚未发布的草稿" not in titles
    assert channel.find("item").findtext("link").endswith(news.url)
    atom = client.get(f"/feeds/{column.pk}/atom.xml")
    assert atom.status_code == 200
    assert b"http://www.w3.org/2005/Atom" in atom.content
    assert client.get("/feeds/999999/rss.xml").status_code == 404


def test_html_site_map_lists_the_top_columns(client, portal):
    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "网站地图" in html
    for column in portal.home.get_children().live().public().specific():
        if getattr(column, "is_column", False):
            assert column.title in html, column.title


def test_footer_links_the_registrations_and_the_error_report(client, portal):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_code = "5226320001"
    identity.icp_number = "黔ICP备12345678号"
    identity.police_number = "黔公网安备 52263202000001号"
    identity.save()
    html = client.get("/").content.decode()
    assert '<a class="icp" href="https://beian.miit.gov.cn/">黔ICP备12345678号</a>' in html
    assert "recordcode=52263202000001" in html
    assert "我为政府网站找错" in html and "siteCode=5226320001" in html
    assert 'href="/sitemap/"' in html


def test_language_switch_links_relative_when_the_portal_has_several_sites(client, portal):
    """With a second site (站群) Wagtail writes a bare ``page.url`` absolute to the configured
    hostname: a reader who came by another name (the IP, an alias, https) would be sent
    elsewhere. Found by the crawl of tests/browser/test_site_crawl.py."""
    from wagtail.models import Locale

    from home.models import OverviewPage
    from tests.factories import add_page, paragraph_body

    page = add_page(
        portal.column(ColumnKey.OVERVIEW),
        OverviewPage(title="县情概况", slug="xqgk", body=paragraph_body("榕江县位于黔东南。")),
    )
    translated = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    translated.title = "County Profile"
    translated.save_revision().publish()
    Site.objects.create(hostname="other.localhost", root_page=portal.column(ColumnKey.NEWS))
    html = client.get("/zjrj/xqgk/", HTTP_HOST="127.0.0.1").content.decode()
    switch = re.findall(r'<div class="language-links">(.*?)</div>', html)
    assert switch == ['<a href="/en/zjrj/xqgk/" lang="en" hreflang="en">English</a>']
