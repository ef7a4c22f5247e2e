"""Wagtail's Elasticsearch 8 backend with Chinese analysis.

Used when ``ELASTICSEARCH_URL`` is set (portal/settings/base.py). The ``ANALYZER`` parameter
(env ``ELASTICSEARCH_ANALYZER``) chooses the analysis:

- ``cjk`` (default): Elasticsearch's built-in ``cjk`` analyser (CJK width normalisation and
  overlapping bigrams) for every text field; needs no plugin.
- ``ik``: the IK plugin (elasticsearch-analysis-ik) — ``ik_max_word`` when indexing, the
  coarser ``ik_smart`` when querying. The plugin must be installed on every node.

Wagtail's text fields carry no analyser of their own, so setting the index's ``default`` /
``default_search`` analysers applies Chinese analysis to all of them; the autocomplete
(``_edgengrams``) field gets analysers built from the same tokenizer.
"""

from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

AUTOCOMPLETE_SEARCH_ANALYZER = "portal_autocomplete_search"

ANALYSIS = {
    "cjk": {
        "default": {"type": "cjk"},
        "edgengram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "cjk_bigram", "edgengram"],
        },
        AUTOCOMPLETE_SEARCH_ANALYZER: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase", "cjk_bigram"],
        },
    },
    "ik": {
        "default": {"type": "custom", "tokenizer": "ik_max_word", "filter": ["lowercase"]},
        "default_search": {"type": "custom", "tokenizer": "ik_smart", "filter": ["lowercase"]},
        "edgengram_analyzer": {
            "type": "custom",
            "tokenizer": "ik_max_word",
            "filter": ["lowercase", "edgengram"],
        },
        AUTOCOMPLETE_SEARCH_ANALYZER: {
            "type": "custom",
            "tokenizer": "ik_smart",
            "filter": ["lowercase"],
        },
    },
}


class ChineseElasticsearchMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": AUTOCOMPLETE_SEARCH_ANALYZER,
    }


class ChineseElasticsearchSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = ChineseElasticsearchMapping


class ChineseElasticsearchAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = ChineseElasticsearchMapping


class ChineseElasticsearchSearchBackend(Elasticsearch8SearchBackend):
    mapping_class = ChineseElasticsearchMapping
    query_compiler_class = ChineseElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseElasticsearchAutocompleteQueryCompiler

    def __init__(self, params):
        params = dict(params)
        analyzer = (params.pop("ANALYZER", "cjk") or "cjk").lower()
        if analyzer not in ANALYSIS:
            raise ValueError(f"ANALYZER must be one of {sorted(ANALYSIS)}, not {analyzer!r}")
        self.analyzer = analyzer
        super().__init__(params)
        analyzers = self.settings["settings"]["analysis"]["analyzer"]
        analyzers.update(ANALYSIS[analyzer])


SearchBackend = ChineseElasticsearchSearchBackend
