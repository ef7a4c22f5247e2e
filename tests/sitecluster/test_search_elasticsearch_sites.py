"""Elasticsearch per site (站群): a page index per site, a search of one site reads that
site's index, a platform search reads every site's (tested offline against a stand-in
client, as tests/search/test_elasticsearch.py does), and a live round trip when
ELASTICSEARCH_URL points at a cluster."""

import os
import uuid
from unittest import mock

import pytest

from search.backends.elasticsearch import ChineseElasticsearchSearchBackend, SiteRoutedIndex
from search.synonyms import for_sites
from tests.sitecluster import search_sites

pytestmark = pytest.mark.django_db
two_sites = search_sites.two_sites  # the fixture


def backend(**params):
    return ChineseElasticsearchSearchBackend(
        {"URLS": ["http://es.invalid:9200"], "INDEX_PREFIX": "t_", **params}
    )


EMPTY = {"hits": {"hits": [], "total": {"value": 0}}}


def searched_index(es, queryset, query="预算"):
    es.es = mock.MagicMock()
    es.es.search.return_value = EMPTY
    list(es.search(query, queryset))
    return es.es.search.call_args.kwargs["index"]


def test_pages_are_written_to_their_sites_index(two_sites):
    from news.models import NewsPage

    rj, cj = two_sites
    es = backend()
    index = es.get_index_for_model(NewsPage)
    assert isinstance(index, SiteRoutedIndex)
    written = {}
    with mock.patch.object(es, "bulk") as bulk:
        index.add_items(NewsPage, [rj.news, cj.news])
        for call in bulk.call_args_list:
            written[call.kwargs["index"]] = [a["_id"] for a in call.args[1]]
    assert set(written) == {"t_wagtailcore_page__rongjiang", "t_wagtailcore_page__congjiang"}
    assert [str(cj.news.pk) in i for i in written["t_wagtailcore_page__congjiang"]] == [True]
    # images and documents keep their one shared index
    from wagtail.images.models import Image

    assert es.get_index_for_model(Image).name == "t_wagtailimages_image"


def test_a_site_search_reads_its_own_index_and_the_platform_reads_all(two_sites):
    from wagtail.models import Page

    rj, cj = two_sites
    es = backend()
    with for_sites([cj.site]):
        assert searched_index(es, Page.objects.all()) == "t_wagtailcore_page__congjiang"
    with for_sites([rj.site, cj.site]):
        assert searched_index(es, Page.objects.all()) == (
            "t_wagtailcore_page__rongjiang,t_wagtailcore_page__congjiang"
            if rj.site.pk < cj.site.pk
            else "t_wagtailcore_page__congjiang,t_wagtailcore_page__rongjiang"
        )
    # outside a site's search (the admin): every site's index
    assert searched_index(es, Page.objects.all()) == "t_wagtailcore_page__*"


def test_the_search_page_on_a_host_queries_that_sites_index(client, two_sites, settings):
    rj, cj = two_sites
    es = backend()
    es.es = mock.MagicMock()
    es.es.search.return_value = EMPTY
    es.es.count.return_value = {"count": 0}
    with mock.patch("modelsearch.queryset.get_search_backend", return_value=es):
        response = client.get("/search/", {"q": "预算"}, HTTP_HOST=search_sites.CJ_HOST)
    assert response.status_code == 200
    indexes = {c.kwargs.get("index") for c in es.es.search.call_args_list}
    indexes |= {c.kwargs.get("index") for c in es.es.count.call_args_list}
    assert indexes  # the page searched through Elasticsearch
    assert indexes - {None} == {"t_wagtailcore_page__congjiang"}


def test_single_page_index_when_switched_off():
    from news.models import NewsPage

    assert backend(SITE_INDEXES=False).get_index_for_model(NewsPage).name == ("t_wagtailcore_page")


def test_live_cluster_keeps_sites_apart(two_sites):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(
            "set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) to run against a "
            "live Elasticsearch 8 cluster"
        )
    from news.models import NewsPage

    rj, cj = two_sites
    es = ChineseElasticsearchSearchBackend(
        {"URLS": [url], "INDEX_PREFIX": f"test_{uuid.uuid4().hex[:8]}_"}
    )
    index = es.get_index_for_model(NewsPage)
    try:
        index.reset()
        index.add_model(NewsPage)
        index.add_items(NewsPage, [rj.news, cj.news])
        index.refresh()
        with for_sites([cj.site]):
            assert [p.pk for p in es.search("预算", NewsPage)] == [cj.news.pk]
        with for_sites([rj.site]):
            assert [p.pk for p in es.search("预算", NewsPage)] == [rj.news.pk]
        found = {p.pk for p in es.search("预算", NewsPage)}
        assert found == {rj.news.pk, cj.news.pk}
    finally:
        index.delete()
