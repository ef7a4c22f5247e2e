"""Elasticsearch with Chinese analysis: generated settings, mappings and queries (offline),
and a live round trip when ELASTICSEARCH_URL points at a cluster."""

import os
import uuid
from unittest import mock

import pytest

from search.backends.elasticsearch import (
    AUTOCOMPLETE_SEARCH_ANALYZER,
    ChineseElasticsearchMapping,
    ChineseElasticsearchSearchBackend,
)


def backend(analyzer="cjk", **params):
    return ChineseElasticsearchSearchBackend(
        {"URLS": ["http://es.invalid:9200"], "ANALYZER": analyzer, "INDEX_PREFIX": "t_", **params}
    )


def test_cjk_is_the_default_analyser_of_every_text_field():
    analysis = backend().settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {"type": "cjk"}
    # searching: the cjk chain again, with the synonym filter before the bigrams
    search = analysis["analyzer"]["default_search"]
    assert search["filter"] == ["cjk_width", "lowercase", "portal_synonyms", "cjk_bigram"]
    edge = analysis["analyzer"]["edgengram_analyzer"]
    assert "cjk_bigram" in edge["filter"] and "edgengram" in edge["filter"]
    # the stock analysers Wagtail relies on are still there
    assert "ngram_analyzer" in analysis["analyzer"]


def test_ik_uses_max_word_to_index_and_smart_to_query():
    analyzers = backend("ik").settings["settings"]["analysis"]["analyzer"]
    assert analyzers["default"]["tokenizer"] == "ik_max_word"
    assert analyzers["default_search"]["tokenizer"] == "ik_smart"
    assert analyzers[AUTOCOMPLETE_SEARCH_ANALYZER]["tokenizer"] == "ik_smart"


def test_unknown_analyser_is_refused():
    with pytest.raises(ValueError):
        backend("snowball")


def test_settings_choose_elasticsearch_only_when_the_url_is_set():
    import importlib

    import portal.settings.base as base

    with mock.patch.dict(
        os.environ, {"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_ANALYZER": "ik"}
    ):
        reloaded = importlib.reload(base)
        config = reloaded.WAGTAILSEARCH_BACKENDS["default"]
        assert config["BACKEND"] == "search.backends.elasticsearch"
        assert config["URLS"] == ["http://es:9200"] and config["ANALYZER"] == "ik"
    with mock.patch.dict(os.environ, {"ELASTICSEARCH_URL": ""}):
        reloaded = importlib.reload(base)
        assert reloaded.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.database"


def test_page_mapping_leaves_text_to_the_default_analyser():
    from news.models import NewsPage

    mapping = ChineseElasticsearchMapping(NewsPage).get_mapping()
    properties = mapping["properties"]
    assert properties["_edgengrams"]["search_analyzer"] == AUTOCOMPLETE_SEARCH_ANALYZER
    assert properties["_all_text"]["type"] == "text"
    assert "analyzer" not in properties["_all_text"]
    title = properties[mapping_field(properties, "title")]
    assert title["type"] == "text" and "analyzer" not in title


def mapping_field(properties, name):
    return next(key for key in properties if key.endswith(name) and not key.endswith("_filter"))


@pytest.mark.django_db
def test_generated_query_carries_the_chinese_text_untouched():
    from news.models import NewsPage

    results = backend().search("人民政府 通知", NewsPage)
    query = results.query_compiler.get_query()
    # the whole text goes to Elasticsearch's analyser (not cut by jieba), over the text fields
    multi_match = query["bool"]["must"]["multi_match"]
    assert multi_match["query"] == "人民政府 通知"
    assert "_all_text" in multi_match["fields"]
    autocomplete = backend().autocomplete("人民政", NewsPage).query_compiler.get_query()
    assert "_edgengrams" in repr(autocomplete)


@pytest.mark.django_db
def test_live_cluster_round_trip(portal):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(
            "set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) to run against a "
            "live Elasticsearch 8 cluster"
        )
    from news.models import NewsPage
    from tests.factories import make_news, paragraph_body

    analyzer = os.environ.get("ELASTICSEARCH_ANALYZER", "cjk")
    es = ChineseElasticsearchSearchBackend(
        {"URLS": [url], "ANALYZER": analyzer, "INDEX_PREFIX": f"test_{uuid.uuid4().hex[:8]}_"}
    )
    page = make_news(
        portal.unit_news_column("xzfb"),
        title="县人民政府召开常务会议",
        body=paragraph_body("会议研究部署脱贫攻坚工作。"),
    )
    other = make_news(portal.unit_news_column("xzfb"), title="古州镇开展森林防火宣传")
    index = es.get_index_for_model(NewsPage)
    try:
        index.reset()
        index.add_model(NewsPage)
        index.add_items(NewsPage, [page, other])
        index.refresh()
        assert [p.pk for p in es.search("脱贫攻坚", NewsPage)] == [page.pk]
        assert [p.pk for p in es.search("人民政府", NewsPage)] == [page.pk]
        assert page.pk in [p.pk for p in es.autocomplete("人民政", NewsPage)]
        assert list(es.search("量子纠缠", NewsPage)) == []
    finally:
        index.delete()


@pytest.mark.django_db
@pytest.mark.parametrize("analyzer", ["cjk", "ik"])
def test_synonyms_are_a_filter_of_the_search_analyser(analyzer):
    from search.models import Synonym

    Synonym.objects.create(words="县长信箱、书记信箱", two_way=True)
    Synonym.objects.create(words="营业执照、个体工商户登记", two_way=False)
    analysis = backend(analyzer).settings["settings"]["analysis"]
    rules = analysis["filter"]["portal_synonyms"]
    assert rules["type"] == "synonym_graph"
    assert "社保卡, 社会保障卡" in rules["synonyms"]  # seeded from search/data/synonyms.json
    assert "县长信箱, 书记信箱" in rules["synonyms"]
    assert "营业执照 => 营业执照, 个体工商户登记" in rules["synonyms"]  # one-way
    assert "portal_synonyms" in analysis["analyzer"]["default_search"]["filter"]
    # indexing is not changed: the synonyms apply when querying
    assert "portal_synonyms" not in str(analysis["analyzer"]["default"])
