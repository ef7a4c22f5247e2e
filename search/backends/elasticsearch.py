"""Wagtail's Elasticsearch 8 backend with Chinese analysis.

Used when ``ELASTICSEARCH_URL`` is set (portal/settings/base.py). The ``ANALYZER`` parameter
(env ``ELASTICSEARCH_ANALYZER``) chooses the analysis:

- ``cjk`` (default): Elasticsearch's built-in ``cjk`` analyser (CJK width normalisation and
  overlapping bigrams) for every text field; needs no plugin.
- ``ik``: the IK plugin (elasticsearch-analysis-ik) — ``ik_max_word`` when indexing, the
  coarser ``ik_smart`` when querying. The plugin must be installed on every node.

Synonyms and 简称 (search/synonyms.py, the admin's 同义词 table) are a ``synonym_graph``
filter (``portal_synonyms``) in the search analyser ``default_search``: applied when
querying, so editing the table needs no reindex (the rules are read when the backend is
created: restart the workers or recreate the index's settings).

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
SYNONYM_FILTER = "portal_synonyms"

#: search analysers with the synonym filter (the index analysers stay as they are)
SEARCH_ANALYSIS = {
    # the cjk analyser's own chain (standard, width, lowercase, bigrams) with the
    # synonyms before the bigrams, so the rules are parsed into the same characters
    "cjk": {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["cjk_width", "lowercase", SYNONYM_FILTER, "cjk_bigram"],
    },
    "ik": {"type": "custom", "tokenizer": "ik_smart", "filter": ["lowercase", SYNONYM_FILTER]},
}

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
        analysis = self.settings["settings"]["analysis"]
        analysis["analyzer"].update(ANALYSIS[analyzer])
        from ..synonyms import synonyms

        rules = synonyms.elasticsearch_rules()
        if rules:
            analysis.setdefault("filter", {})[SYNONYM_FILTER] = {
                "type": "synonym_graph",
                "synonyms": rules,
                "lenient": True,
            }
            analysis["analyzer"]["default_search"] = SEARCH_ANALYSIS[analyzer]


SearchBackend = ChineseElasticsearchSearchBackend
