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

Per site (站群): pages are kept in one index per site, ``{prefix}wagtailcore_page__{site
key}`` (pages outside every site — the tree root, the 回收站 — in ``…__nosite``); images,
documents and snippets stay in one shared index each. A search inside
``search.synonyms.for_sites(sites)`` (the search page, API v2) asks those sites' indexes
(a multi-index query, ``a,b``); any other search (the admin, a platform search outside
``for_sites``) asks every site's index at once through the pattern ``…__*``. A page that
moves to another site is deleted from every site index before it is added to its own.
``SITE_INDEXES: False`` in the backend's settings keeps Wagtail's single page index.
"""

from contextlib import suppress

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


SITE_SEPARATOR = "__"
NO_SITE = "nosite"


def site_index_suffix(site_id):
    """The part of a page index's name naming its site: the site's key (lower case)."""
    from portal.core.models import PortalSite

    if site_id is None:
        return NO_SITE
    key = PortalSite.objects.filter(site_id=site_id).values_list("key", flat=True).first()
    return (key or f"site{site_id}").lower()


class SiteRoutedIndex:
    """The page index of every site: writes go to the index of each page's site, searches
    to the indexes of the current search's sites (see the module's docstring)."""

    def __init__(self, backend, base_name):
        self.backend = backend
        self.base_name = base_name

    def site_index(self, site_id):
        name = f"{self.base_name}{SITE_SEPARATOR}{site_index_suffix(site_id)}"
        return self.backend.index_class(self.backend, name)

    def site_indexes(self):
        from wagtail.models import Site

        ids = [*Site.objects.order_by("pk").values_list("pk", flat=True), None]
        return [self.site_index(site_id) for site_id in ids]

    @property
    def name(self):
        """The indexes a search reads: the current search's sites, or every site."""
        from ..synonyms import _sites

        ids = _sites.get()
        if ids is None:
            return f"{self.base_name}{SITE_SEPARATOR}*"
        if not ids:
            return self.site_index(None).name  # no site: only what belongs to none
        return ",".join(self.site_index(site_id).name for site_id in sorted(ids))

    def _site_of(self, item):
        from portal.core.sites import site_id_for_path

        path = getattr(item, "path", None)
        return site_id_for_path(path) if path else None

    # --- writes, per site --------------------------------------------------------------
    def add_item(self, item):
        self._forget_elsewhere(item)
        self.site_index(self._site_of(item)).add_item(item)

    def add_items(self, model, items):
        groups = {}
        for item in items:
            groups.setdefault(self._site_of(item), []).append(item)
        for site_id, group in groups.items():
            self.site_index(site_id).add_items(model, group)

    def delete_item(self, item):
        for index in self.site_indexes():
            index.delete_item(item)

    def _forget_elsewhere(self, item):
        """A page moved between sites must not stay findable on its old site."""
        own = self.site_index(self._site_of(item)).name
        for index in self.site_indexes():
            if index.name != own:
                with suppress(Exception):
                    index.delete_item(item)

    # --- the whole set ------------------------------------------------------------------
    def add_model(self, model):
        for index in self.site_indexes():
            index.add_model(model)

    def put(self):
        for index in self.site_indexes():
            index.put()

    def delete(self):
        for index in self.site_indexes():
            index.delete()

    def reset(self):
        for index in self.site_indexes():
            index.reset()

    def refresh(self):
        for index in self.site_indexes():
            index.refresh()

    def get_key(self):
        return self.base_name

    def __str__(self):
        return f"{self.base_name}{SITE_SEPARATOR}*"


def rebuilder_for(backend, atomic_class, basic_class):
    """update_index's rebuilder: per site index, the basic one (reset, add, refresh); the
    shared indexes keep Wagtail's atomic rebuild (a new index, then the alias)."""

    def make(index):
        if isinstance(index, SiteRoutedIndex):
            return basic_class(index)
        return atomic_class(index) if atomic_class else basic_class(index)

    return make


class ChineseElasticsearchSearchBackend(Elasticsearch8SearchBackend):
    mapping_class = ChineseElasticsearchMapping
    query_compiler_class = ChineseElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseElasticsearchAutocompleteQueryCompiler

    def get_index_for_model(self, model):
        index = super().get_index_for_model(model)
        from wagtail.models import Page

        if self.site_indexes and issubclass(model, Page):
            return SiteRoutedIndex(self, index.name)
        return index

    def get_index_for_object(self, obj):
        return self.get_index_for_model(obj._meta.model)

    def __init__(self, params):
        params = dict(params)
        #: one page index per site (站群)
        self.site_indexes = bool(params.pop("SITE_INDEXES", True))
        atomic = params.get("ATOMIC_REBUILD", True)
        analyzer = (params.pop("ANALYZER", "cjk") or "cjk").lower()
        if analyzer not in ANALYSIS:
            raise ValueError(f"ANALYZER must be one of {sorted(ANALYSIS)}, not {analyzer!r}")
        self.analyzer = analyzer
        super().__init__(params)
        self.rebuilder_class = rebuilder_for(
            self,
            self.atomic_rebuilder_class if atomic else None,
            self.basic_rebuilder_class,
        )
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
