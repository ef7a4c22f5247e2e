"""API v2 per site (站群): the pages endpoint lists and finds the requested site's pages
only; another site's page id is 404 on this host. Images and documents: a site's own
media and the platform's shared library, never another site's."""

import pytest

from tests.sitecluster import search_sites
from tests.sitecluster.search_sites import CJ_HOST

pytestmark = pytest.mark.django_db
two_sites = search_sites.two_sites  # the fixture


def listing(client, host, **params):
    response = client.get("/api/v2/pages/", {"limit": 100, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.json()


def test_pages_endpoint_lists_the_requested_sites_pages_only(client, two_sites):
    rj, cj = two_sites
    on_cj = listing(client, CJ_HOST, title="县财政局召开预算工作会议")
    assert [item["id"] for item in on_cj["items"]] == [cj.news.pk]
    assert on_cj["items"][0]["meta"]["html_url"].startswith("http://congjiang.localhost/")
    on_rj = listing(client, "localhost", title="县财政局召开预算工作会议")
    assert [item["id"] for item in on_rj["items"]] == [rj.news.pk]
    # every page listed on 从江 is one of 从江's
    from wagtail.models import Page

    from portal.core.sites import site_id_for_path

    ids = [item["id"] for item in listing(client, CJ_HOST)["items"]]
    paths = Page.objects.filter(pk__in=ids).values_list("path", flat=True)
    assert ids and {site_id_for_path(path) for path in paths} == {cj.site.pk}


def test_another_sites_page_is_not_found_on_this_host(client, two_sites):
    rj, cj = two_sites
    assert client.get(f"/api/v2/pages/{rj.news.pk}/", HTTP_HOST=CJ_HOST).status_code == 404
    assert client.get(f"/api/v2/pages/{cj.news.pk}/", HTTP_HOST=CJ_HOST).status_code == 200
    assert client.get(f"/api/v2/pages/{cj.news.pk}/", HTTP_HOST="localhost").status_code == 404
    found = client.get(
        "/api/v2/pages/find/", {"html_path": "/xwdt/bmdt/czj/yusuan/"}, HTTP_HOST=CJ_HOST
    )
    assert found.status_code == 302 and f"/pages/{cj.news.pk}/" in found["Location"]


def test_api_search_finds_the_sites_pages_with_its_own_synonyms(client, two_sites):
    from search.models import Synonym

    rj, cj = two_sites
    Synonym.objects.create(words="嘎老、预算工作会议", site=cj.site)
    on_cj = listing(client, CJ_HOST, search="嘎老", search_operator="and")
    assert [item["id"] for item in on_cj["items"]] == [cj.news.pk]
    assert listing(client, "localhost", search="嘎老", search_operator="and")["items"] == []
    on_rj = listing(client, "localhost", search="预算工作会议")
    assert [item["id"] for item in on_rj["items"]] == [rj.news.pk]


def test_detail_urls_name_the_requested_sites_host(client, two_sites):
    """An API client following ``detail_url`` stays on the site it asked (another host would
    answer 404 for this site's page)."""
    rj, cj = two_sites
    on_cj = listing(client, CJ_HOST, title="县财政局召开预算工作会议")
    meta = on_cj["items"][0]["meta"]
    assert meta["detail_url"] == f"http://congjiang.localhost/api/v2/pages/{cj.news.pk}/"
    on_rj = listing(client, "localhost", title="县财政局召开预算工作会议")
    assert on_rj["items"][0]["meta"]["detail_url"] == (
        f"{rj.site.root_url}/api/v2/pages/{rj.news.pk}/"
    )
    assert "congjiang" not in rj.site.root_url
    detail = client.get(f"/api/v2/pages/{cj.news.pk}/", HTTP_HOST=CJ_HOST).json()
    assert detail["meta"]["detail_url"].startswith("http://congjiang.localhost/")
    assert detail["meta"]["html_url"].startswith("http://congjiang.localhost/")


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_endpoints_list_the_sites_own_and_shared_media_only(client, two_sites, endpoint):
    from wagtail.models import Collection

    from portal.core.sites import site_collection
    from tests.factories import DocumentFactory, ImageFactory

    rj, cj = two_sites
    make = ImageFactory if endpoint == "images" else DocumentFactory
    cj_collection = site_collection(cj.site)
    assert cj_collection.depth > 1  # 从江's own, below the root
    own = make(title="从江素材", collection=cj_collection.add_child(name="从江县财政局"))
    shared = make(title="全平台素材", collection=Collection.get_first_root_node())

    def titles(host):
        response = client.get(f"/api/v2/{endpoint}/", {"limit": 100}, HTTP_HOST=host)
        assert response.status_code == 200
        return {item["title"] for item in response.json()["items"]}

    assert {"从江素材", "全平台素材"} <= titles(CJ_HOST)
    on_rj = titles("localhost")
    assert "全平台素材" in on_rj and "从江素材" not in on_rj
    # a forged id: 404 on the other site's host, found on its own
    assert client.get(f"/api/v2/{endpoint}/{own.pk}/", HTTP_HOST="localhost").status_code == 404
    assert client.get(f"/api/v2/{endpoint}/{own.pk}/", HTTP_HOST=CJ_HOST).status_code == 200
    assert client.get(f"/api/v2/{endpoint}/{shared.pk}/", HTTP_HOST="localhost").status_code == 200
