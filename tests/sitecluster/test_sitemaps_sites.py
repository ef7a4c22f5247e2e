"""What crawlers read, per site (站群): /sitemap.xml, robots.txt, the HTML 网站地图 and the
column feeds answer for the requested host's site; a redirect of one site does not fire on
another."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests.sitecluster import search_sites
from tests.sitecluster.search_sites import CJ_HOST

pytestmark = pytest.mark.django_db
two_sites = search_sites.two_sites  # the fixture


def test_sitemap_xml_lists_the_hosts_own_pages(client, two_sites):
    rj, cj = two_sites
    on_cj = client.get("/sitemap.xml", HTTP_HOST=CJ_HOST).content.decode()
    assert "<loc>http://congjiang.localhost/xwdt/bmdt/czj/yusuan/</loc>" in on_cj
    assert "<loc>http://localhost/" not in on_cj
    on_rj = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert "<loc>http://localhost/xwdt/bmdt/czj/yusuan/</loc>" in on_rj
    assert "congjiang.localhost" not in on_rj


def test_robots_txt_points_at_the_sites_own_sitemap(client, two_sites):
    on_cj = client.get("/robots.txt", HTTP_HOST=CJ_HOST).content.decode()
    assert "Sitemap: http://congjiang.localhost/sitemap.xml" in on_cj
    on_rj = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in on_rj


def test_html_site_map_shows_the_sites_own_columns(client, two_sites):
    rj, cj = two_sites
    cj_column = cj.unit("czj").news_column
    rj_column = rj.unit("czj").news_column
    on_cj = client.get("/sitemap/", HTTP_HOST=CJ_HOST).content.decode()
    assert "从江县人民政府" in on_cj
    on_rj = client.get("/sitemap/", HTTP_HOST="localhost").content.decode()
    assert "从江县人民政府" not in on_rj
    # 榕江 has units 从江 lacks: their columns are on 榕江's map only
    assert "教育局" in on_rj and "教育局" not in on_cj
    assert cj_column.title in on_cj and rj_column.title in on_rj


def test_a_feed_of_another_site_is_not_found(client, two_sites):
    rj, cj = two_sites
    cj_column = cj.unit("czj").news_column
    rss = client.get(f"/feeds/{cj_column.pk}/rss.xml", HTTP_HOST=CJ_HOST)
    assert rss.status_code == 200
    body = rss.content.decode()
    assert "http://congjiang.localhost/xwdt/bmdt/czj/yusuan/" in body or (
        "/xwdt/bmdt/czj/yusuan/" in body
    )
    assert client.get(f"/feeds/{cj_column.pk}/rss.xml", HTTP_HOST="localhost").status_code == 404
    assert client.get(f"/feeds/{cj_column.pk}/atom.xml", HTTP_HOST="localhost").status_code == 404
    rj_column = rj.unit("czj").news_column
    assert client.get(f"/feeds/{rj_column.pk}/rss.xml", HTTP_HOST=CJ_HOST).status_code == 404
    assert client.get(f"/feeds/{rj_column.pk}/rss.xml", HTTP_HOST="localhost").status_code == 200


def test_a_redirect_of_one_site_does_not_fire_on_another(client, two_sites):
    rj, cj = two_sites
    Redirect.objects.create(old_path="/old/yusuan", site=cj.site, redirect_page=cj.news)
    on_cj = client.get("/old/yusuan/", HTTP_HOST=CJ_HOST)
    assert on_cj.status_code == 301
    assert on_cj["Location"].endswith("/xwdt/bmdt/czj/yusuan/")
    assert client.get("/old/yusuan/", HTTP_HOST="localhost").status_code == 404
