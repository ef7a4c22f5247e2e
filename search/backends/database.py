"""Wagtail's database search backend with Chinese segmentation (SQLite FTS5, PostgreSQL).

Set ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``. Like
``wagtail.search.backends.database``, ``SearchBackend(params)`` picks the implementation for
the default database. Stock Wagtail indexes a run of Han characters as one token; here

- the indexer passes every indexed value through ``segmenter.index_text`` (jieba, search
  mode), so the FTS5 table / tsvector holds words separated by spaces;
- the query compilers rewrite every ``PlainText`` and ``Phrase`` in the query tree into
  segmented terms (AND by default) and phrases of adjacent single characters.

Everything that searches pages goes through these classes: ``Page.objects.search()``,
``.search()`` / ``.autocomplete()`` on querysets, the admin's page search and API v2's
``?search=``. After switching to this backend (or changing the dictionary), rebuild the
index with ``manage.py update_index``; published pages are re-indexed by Wagtail's signals.
"""

import re
from contextlib import contextmanager
from functools import cached_property

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Lookup,
    Max,
    TextField,
    When,
)
from django.db.models import Value as V
from django.db.models.functions import Cast, Concat, Length, StrIndex
from django.db.models.lookups import GreaterThan
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.index import RelatedFields
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..segmentation import BIGRAM_MARK, normalise, segmenter

#: SQLite relevance: a word in the title counts this many times a word in the body (bm25)
TITLE_WEIGHT = 4.0
#: SQLite relevance: the best matches FTS5 hands over first (at least four times the page)
FIRST_WINDOW = 100
#: SQLite relevance: FTS5 ranks alone up to this many best matches before the filters are
#: joined into the ranking query instead (a narrow filter on a very common word)
RANK_WINDOW_MAX = 10_000


#: SQLite: how many times the adjacent-phrase alternative counts in bm25() (see _plan_node)
PHRASE_BOOST_REPEAT = 2


def _autocomplete_text(text, op):
    groups = segmenter.query_groups(text)
    if not groups:
        return None
    terms = [value for kind, value in groups if kind == "term"]
    nodes = []
    if terms:
        nodes.append(PlainText(" ".join(terms), operator=op))
    nodes.extend(Phrase(" ".join(value)) for kind, value in groups if kind == "phrase")
    node = nodes[0] if len(nodes) == 1 else (And(nodes) if op == "and" else Or(nodes))
    if op == "and":
        # while typing, the last word is often cut short and mis-segmented (人民政 → 人 民政):
        # also try the last two words joined as the prefix of one word (人民政* → 人民政府)
        words = [value if kind == "term" else "".join(value) for kind, value in groups]
        if len(words) >= 2 and len(words[-2]) + len(words[-1]) <= 6:
            joined = PlainText(" ".join(words[:-2] + [words[-2] + words[-1]]), operator=op)
            node = Or([node, joined])
    return node


def _chain(tokens):
    return PlainText(tokens[0]) if len(tokens) == 1 else Phrase(" ".join(tokens))


def _plan_node(text, op, context):
    """The query tree for ``segmenter.query_plan(text)``.

    A Han word is the chain of its bigrams (``Phrase``: adjacent, in order), which matches
    the word wherever it stands in the text, whatever jieba made of it there. On
    PostgreSQL a tsvector keeps positions only up to 16,383 and 256 per word, so the
    chain may fail far into a long document: there the word as jieba cut it is accepted
    too. Adjacent query words (``boosts``): on SQLite the whole run is added as an
    alternative (``(w1 AND w2) OR "w1w2"``): it matches no other document, but bm25()
    scores its phrase, so the documents with the words side by side rank first; on
    PostgreSQL the compiler adds the bonus (``context["boosts"]``)."""
    required, boosts = segmenter.query_plan(text)
    if not required:
        return None
    postgres = context.get("vendor") == "postgresql"
    nodes = [_group_node(group, postgres, context) for group in required]
    node = nodes[0] if len(nodes) == 1 else (And(nodes) if op == "and" else Or(nodes))
    if op == "and" and boosts:
        context.setdefault("boosts", []).extend(run for run, _ in boosts)
        if not postgres:
            node = Or([node] + [_chain(tokens) for _, tokens in boosts] * PHRASE_BOOST_REPEAT)
    return node


def _group_node(group, postgres, context):
    if group[0] == "term":
        return PlainText(group[1])
    kind, word, tokens = group
    if kind == "syn":  # one of the alternatives, each with all its groups
        options = []
        for groups in tokens:
            parts = [_group_node(g, postgres, context) for g in groups]
            options.append(parts[0] if len(parts) == 1 else And(parts))
        return options[0] if len(options) == 1 else Or(options)
    if kind == "chars":
        return Or([_chain(tokens), PlainText(word)])
    if postgres and kind == "exact":
        # every bigram (no positions needed); the compiler checks the exact text
        context.setdefault("exact", []).append(word)
        return PlainText(" ".join(tokens), operator="and")
    if kind == "exact":
        context.setdefault("exact", []).append(word)
    node = _chain(tokens)
    if postgres and len(tokens) > 1:
        node = WordChain([node, PlainText(word)], word)
    return node


class WordChain(Or):
    """A Han word on PostgreSQL: its bigrams side by side, or the word as jieba cut it
    (past the positions a tsvector keeps). In the text both mean that the word occurs in
    it, which ``text_test`` checks without reading the row's vector."""

    def __init__(self, subqueries, word):
        super().__init__(subqueries)
        self.word = word


def _segment_text(text, op, autocomplete, context):
    if autocomplete:
        return _autocomplete_text(text, op)
    return _plan_node(text, op, context)


def segment_query(query, operator="and", autocomplete=False, context=None):
    """Rewrite a modelsearch query tree with segmented words. ``None`` = matches nothing.
    ``context``: {"vendor": …}; phrases for ranking are added to it (``boosts``)."""
    context = {} if context is None else context
    if isinstance(query, PlainText | Phrase):
        op = "and" if isinstance(query, Phrase) else (query.operator or operator).lower()
        text = query.query_string
        if isinstance(query, Phrase) and not autocomplete:
            text = f"“{text}”"  # a Phrase node is a quoted query: the exact phrase
        return _segment_text(text, op, autocomplete, context)
    if isinstance(query, And | Or):
        parts = [segment_query(sub, operator, autocomplete, context) for sub in query.subqueries]
        if isinstance(query, And):
            if any(part is None for part in parts):
                return None
            return And(parts)
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(parts)
    if isinstance(query, Not):
        inner = segment_query(query.subquery, operator, autocomplete, {})
        # NOT (nothing) would be everything; keep it simple and match nothing
        return None if inner is None else Not(inner)
    return query  # MatchAll, Boost, Fuzzy …: left as they are


#: title_norm (modelsearch: the average title length over this title's length, a factor of
#: the title's score in modelsearch's own ranking) is computed, when entries are written,
#: from the titles of the newest this many entries and of the batch
TITLE_NORM_SAMPLE = 500


def title_norms(entries, titles):
    """``title_norm`` of each of ``titles`` (SQLite: text of space-separated tokens)."""
    lengths = [len(title) for title in titles if title]
    sample = list(
        entries.annotate(_length=Length("title"))
        .filter(_length__gt=0)
        .order_by("-pk")
        .values_list("_length", flat=True)[:TITLE_NORM_SAMPLE]
    )
    pool = sample + lengths
    if not pool:
        return [1.0] * len(titles)
    average = sum(pool) / len(pool)
    return [average / len(title) if title else 1.0 for title in titles]


def integer_pk(model):
    field = model._meta.pk
    while field.is_relation:  # a page type's pk is its link to wagtailcore_page
        field = field.target_field
    return isinstance(field, IntegerField)  # AutoField and BigAutoField included


def objects_in_order(queryset, scores, score_field=None):
    """The queryset's objects for ``scores`` (pk → score, best first), in that order.

    ``scores`` holds only pks that passed the queryset's filters. Pages as their own types
    (``.specific()``, nothing deferred or annotated) come from the worker's table of page
    objects where it has them (portal.core.routing.remembered_pages: a page changes only
    by a publication, which empties it); the others are fetched and kept there."""
    if _plain_specific_pages(queryset):
        from portal.core.routing import keep_pages, remembered_pages

        objects = remembered_pages(scores)
        missing = [pk for pk in scores if pk not in objects]
        if missing:
            fetched = queryset.order_by().in_bulk(missing)
            keep_pages(fetched.values())
            objects.update(fetched)
    else:
        objects = queryset.order_by().in_bulk(list(scores))
    results = [objects[pk] for pk in scores if pk in objects]
    if score_field:
        for obj in results:
            setattr(obj, score_field, scores[obj.pk])
    return results


def _plain_specific_pages(queryset):
    from wagtail.models import Page
    from wagtail.query import SpecificIterable

    query = queryset.query
    return (
        issubclass(queryset.model, Page)
        and queryset._iterable_class is SpecificIterable
        and not query.deferred_loading[0]
        and not query.annotations
        and not query.select_related
        and not queryset._prefetch_related_lookups
    )


class SegmentingCompilerMixin:
    autocomplete = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_context = {"vendor": connection.vendor}
        segmented = segment_query(
            self.query, self.DEFAULT_OPERATOR.lower(), self.autocomplete, self.plan_context
        )
        self.query = Not(MatchAll()) if segmented is None else segmented


class SegmentingIndexerMixin:
    """Pass every indexed text value through the segmenter."""

    raw = False

    @contextmanager
    def raw_values(self):
        """Values as written (not segmented) inside the block."""
        self.raw = True
        try:
            yield
        finally:
            self.raw = False

    def prepare_field(self, obj, field):
        if self.raw:
            yield from super().prepare_field(obj, field)
            return
        if isinstance(field, RelatedFields):
            # the sub-fields come back through this method, already segmented
            yield from super().prepare_field(obj, field)
            return
        # title, body and autocomplete each walk every field: segment each value once
        cache = self.__dict__.setdefault("_segmented", {}) if obj is self.obj else {}
        if id(field) not in cache:
            # the same text (the title: searched and autocompleted) is cut once
            texts = self.__dict__.setdefault("_segmented_texts", {})
            cache[id(field)] = [
                (
                    *head,
                    texts[value]
                    if value in texts
                    else texts.setdefault(value, segmenter.index_text(value)),
                )
                for *head, value in super().prepare_field(obj, field)
            ]
        yield from cache[id(field)]


class CappedCountMixin:
    """``results.count_capped(cap)`` → ``(count, more)``: the exact count when there are at
    most ``cap`` matches, else ``(cap, True)`` — without reading every match of a very
    common word. ``count()`` stays exact (the admin and API use it)."""

    def count_capped(self, cap):
        if self._count_cache is not None:
            return min(self._count_cache, cap), self._count_cache > cap
        if self._results_cache is not None and self.stop is None:
            count = len(self._results_cache)
            return min(count, cap), count > cap
        count = self.query_compiler.count_matches(
            self.query_compiler.get_config(self.backend), cap=cap + self.start
        )
        if count is None:  # a query the compiler leaves to modelsearch
            count = self.count()
        else:
            count = max(count - self.start, 0)
            if self.stop is not None:
                count = min(count, self.stop - self.start)
            if count <= cap:  # below the cap the figure is exact: keep it for count()
                self._count_cache = count
        return min(count, cap), count > cap


# --- SQLite (FTS5) --------------------------------------------------------------------------
def _sqlite_classes():
    from modelsearch.backends.database.sqlite import query as sqlite_query
    from modelsearch.backends.database.sqlite import sqlite as base

    fts_table = base.SQLiteFTSIndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {fts_table} LIMIT 0")  # noqa: S608 - model's table
        fts5_columns = [column[0] for column in cursor.description]

    class BM25Weights(Func):
        """``bm25(fts_table, w1, w2, …)``: FTS5's BM25 with one weight per column."""

        output_field = FloatField()

        def __init__(self, weights):
            self.weights = [float(weight) for weight in weights]
            super().__init__()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({fts_table}, {', '.join(['%s'] * len(self.weights))})", self.weights

    class ChineseSQLiteObjectIndexer(SegmentingIndexerMixin, base.ObjectIndexer):
        pass

    class ChineseSQLiteIndex(base.SQLiteIndex):
        def add_items(self, model, objs):
            # same as SQLiteIndex.add_items, with the segmenting indexer
            if not model.get_search_fields():
                return
            indexers = [ChineseSQLiteObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            data = {ix.id: (ix.title, ix.autocomplete, ix.body) for ix in indexers}
            titles = [title for title, _autocomplete, _body in data.values()]
            norms = dict(zip(data, title_norms(self.entries, titles), strict=True))
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = frozenset(
                entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
            )
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body, title_norm=norms[object_id]
                )
            # the title norms are written with the entries: modelsearch's
            # _refresh_title_norms() read every entry's title after each batch (stored
            # after the body, so the whole table) and updated the new rows again
            self.entries.bulk_create(
                [
                    base.IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                        title_norm=norms[object_id],
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )

    class RankOnceMixin:
        """Searches that run the FTS5 MATCH once or twice in all, not once per row.

        modelsearch annotates each candidate row with a correlated sub-query that repeats
        the MATCH to get its bm25() score, and when the search is limited to one page type
        SQLite's planner walks that type's index entries and runs the MATCH for each. Here
        the MATCH drives the query (the content-type test is kept off its index with
        ``+ 0``); for relevance FTS5 ranks its matches alone and the queryset's filters
        are applied to the best of them (``_ranked``)."""

        def _index_query(self, normalized, config):
            search_query = self.build_search_query(normalized, config=config)
            match = sqlite_query.MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            types = get_descendants_content_types_pks(self.queryset.model)
            entries = (
                base.SQLiteFTSIndexEntry.objects.filter(match)
                .annotate(_ct=F("index_entry__content_type_id") + 0)
                .filter(_ct__in=types)
            )
            return entries, match, types

        def search(self, config, start, stop, score_field=None):
            normalized = sqlite_query.normalize(self.query)
            if isinstance(normalized, MatchAll | Not):
                return super().search(config, start, stop, score_field=score_field)
            relevance = self.order_by_relevance and start is not None
            if score_field and not relevance:
                return super().search(config, start, stop, score_field=score_field)
            index_query, match, types = self._index_query(normalized, config)
            queryset = self.queryset.filter(
                pk__in=index_query.values_list("index_entry__object_id", flat=True)
            )
            if not relevance:
                if not self.order_by_relevance and not queryset.query.order_by:
                    queryset = queryset.order_by("-pk")  # stable pages (wagtail #3729)
                return queryset[start:stop]
            return self._ranked(index_query, match, types, start, stop, score_field)

        def _weights(self):
            # bm25() takes one weight per FTS5 column, in the table's order
            fields = set(self.fields or self.FTS_TABLE_FIELDS)
            return [
                (TITLE_WEIGHT if name == "title" else 1.0) if name in fields else 0.0
                for name in fts5_columns
            ]

        def _ranked(self, index_query, match, types, start, stop, score_field):
            """The page of results by relevance: weighted bm25() (title words count
            ``TITLE_WEIGHT`` times), best first, ties newest entry first.

            FTS5 ranks its matches on its own (no join: ~60 ms for 70,000 matches at
            100,000 pages, a third of the joined query); the best ``window`` are then
            checked against the page types and the queryset, and the window widened
            until the page asked for is filled or every match has been seen. As the
            filters only remove entries from an order computed over all matches, the
            page is exactly the one a full ranking would give."""
            if stop is None or not integer_pk(self.queryset.model):
                # every result asked for (or object ids that are not numbers): rank them
                # all in one query
                return self._ranked_joined(index_query, start, stop, score_field)
            weights = BM25Weights(self._weights())
            ranked = (
                base.SQLiteFTSIndexEntry.objects.filter(match)
                .annotate(score=weights)
                .order_by("score", "-pk")
                .values_list("pk", "score")
            )
            pages = self.queryset.order_by()
            window = max(4 * stop, FIRST_WINDOW)
            while True:
                best = list(ranked[:window])
                entries = dict(
                    base.IndexEntry._default_manager.filter(
                        pk__in=[pk for pk, _ in best], content_type_id__in=types
                    ).values_list("pk", "object_id")
                )
                candidates = [(int(entries[pk]), score) for pk, score in best if pk in entries]
                keep = set(
                    pages.filter(pk__in=[oid for oid, _ in candidates]).values_list("pk", flat=True)
                )
                kept = [(oid, score) for oid, score in candidates if oid in keep]
                if len(kept) >= stop or len(best) < window:
                    break
                if window * 8 > RANK_WINDOW_MAX:
                    # a narrow filter on a common word: let SQL join the filter instead
                    return self._ranked_joined(index_query, start, stop, score_field)
                window *= 8
            return objects_in_order(self.queryset, dict(kept[start:stop]), score_field)

        def _ranked_joined(self, index_query, start, stop, score_field):
            ranked = (
                index_query.annotate(
                    _oid=Cast("index_entry__object_id", output_field=BigIntegerField()),
                    score=BM25Weights(self._weights()),
                )
                .filter(_oid__in=self.queryset.order_by().values("pk"))
                .order_by("score", "-index_entry_id")
                .values_list("_oid", "score")[start:stop]
            )
            return objects_in_order(self.queryset, dict(ranked), score_field)

        def count_matches(self, config, cap=None):
            """The number of matches; with ``cap``, at most ``cap + 1`` are counted."""
            normalized = sqlite_query.normalize(self.query)
            if cap is not None and not isinstance(normalized, MatchAll | Not):
                # counting a common word's 70,000 matches through the join costs ~200 ms:
                # let the MATCH drive and stop after cap + 1 pages of the queryset
                matches = self._index_query(normalized, config)[0].annotate(
                    _oid=Cast("index_entry__object_id", output_field=BigIntegerField())
                )
                pages = self.queryset.order_by()
                # usually (live pages, no filter) nearly all of the first matches are pages
                # of the queryset (a few are columns or the home page): check twice the cap
                # by primary key, without building the set of all the queryset's pages
                first = list(matches.values_list("_oid", flat=True)[: 2 * (cap + 1)])
                count = pages.filter(pk__in=first).count()
                if count > cap or len(first) < 2 * (cap + 1):
                    return count
                first = matches.filter(_oid__in=pages.values("pk")).values("_oid")[: cap + 1]
                return pages.filter(pk__in=first).count()
            relevance, self.order_by_relevance = self.order_by_relevance, False
            try:
                found = self.search(config, None, None)
                return found[: cap + 1].count() if cap is not None else found.count()
            finally:
                self.order_by_relevance = relevance

    class ChineseSQLiteSearchQueryCompiler(
        SegmentingCompilerMixin, RankOnceMixin, base.SQLiteSearchQueryCompiler
    ):
        pass

    class ChineseSQLiteAutocompleteQueryCompiler(
        SegmentingCompilerMixin, RankOnceMixin, base.SQLiteAutocompleteQueryCompiler
    ):
        autocomplete = True

    class ChineseSQLiteSearchResults(CappedCountMixin, base.SQLiteSearchResults):
        def _do_count(self):
            return self.query_compiler.count_matches(self.query_compiler.get_config(self.backend))

    class ChineseSQLiteSearchBackend(base.SQLiteSearchBackend):
        index_class = ChineseSQLiteIndex
        results_class = ChineseSQLiteSearchResults
        query_compiler_class = ChineseSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler

    return ChineseSQLiteSearchBackend


# --- PostgreSQL -----------------------------------------------------------------------------
#: PostgreSQL relevance: when more pages match, only the newest this many are ranked
RANK_WINDOW = 1000
#: PostgreSQL: a queryset of at most this many pages (one small site of a platform, one
#: column) is searched page first: its pages' entries are tested directly, newest first
PAGE_FIRST_MAX = 5000
#: … this many pages at a time
PAGE_FIRST_CHUNK = 2500
#: PostgreSQL: a queryset's size is counted up to this many pages (then: "large")
SIZE_CAP = 20_000


def next_reach(covered, found, limit):
    """How far below the newest key the next range of ``_newest_matches`` should reach,
    when the newest ``covered`` keys held ``found`` matches of the ``limit`` wanted: far
    enough to hold the rest at the rate seen so far, with half again as margin (at least
    twice ``covered``); sixteen times ``covered`` when it held none (a rare word: its few
    matches are cheap to read wherever they are). Each range costs a GIN scan of the
    query's words, so fewer, better-aimed ranges beat a fixed growth (×4 needed three
    for a word in 3 % of 100,000 pages, two now)."""
    if not found:
        return 16 * covered
    expected = covered * (limit - found) / found
    return covered + max(int(1.5 * expected), covered)


#: the GIN index every PostgreSQL search matches on (migration portal_search 0012)
ALL_TEXT_INDEX = "portal_search_entry_all_text_gin"
#: a write of at least this many entries merges the index's pending list afterwards
MERGE_PENDING_MIN = 2


class AnyOrder(Phrase):
    """A ``Phrase`` whose words need not be adjacent (PostgreSQL: ``plainto_tsquery``):
    what GIN answers from the index alone, without rereading each row's vector."""


def loosened(query):
    """``query`` with every phrase's words in any order: it matches every document
    ``query`` matches, and a few more (a phrase's words apart). ``None`` when nothing
    changes, or when it would not be a superset (a NOT inside)."""
    if _has_not(query):
        return None
    loose = _loosen(query)
    return None if loose is query else loose


def _loosen(query):
    if isinstance(query, Phrase) and not isinstance(query, AnyOrder):
        return AnyOrder(query.query_string)
    if isinstance(query, And | Or):
        parts = [_loosen(sub) for sub in query.subqueries]
        if all(part is sub for part, sub in zip(parts, query.subqueries, strict=True)):
            return query
        if isinstance(query, WordChain):
            return WordChain(parts, query.word)
        return type(query)(parts)
    return query


#: what ``text_test`` returns for a part of the query that GIN has already checked
CHECKED = object()


def text_test(query, text, required=True):
    """A condition on the entry's ``text`` (title and body as written) that holds exactly
    when a row matching ``loosened(query)`` matches ``query`` itself; ``None`` when the
    query has a part that only its vector can answer (characters cut alone, a NOT).

    Only phrases are loosened, and the phrases of a segmented query are Han words
    (``WordChain``): a word's bigrams side by side — or the word itself — is the word
    occurring in the text, a substring test on a row's text instead of unpacking its
    vector (five times its size) to test positions. A plain term on a path of ANDs from
    the top (``required``) was matched by GIN; under an OR it is tested in the text
    too, when that is the same test (a bigram: its two characters)."""
    if isinstance(query, WordChain):
        return GreaterThan(StrIndex(text, V(query.word)), 0)
    if isinstance(query, PlainText):
        if required:
            return CHECKED
        tokens = query.query_string.split()
        if not tokens or not all(_is_bigram(token) for token in tokens):
            return None
        tests = [GreaterThan(StrIndex(text, V(token[1:])), 0) for token in tokens]
        joined = tests[0]
        for test in tests[1:]:
            joined = (joined & test) if (query.operator or "and") == "and" else (joined | test)
        return joined
    if isinstance(query, And | Or):
        conjunction = isinstance(query, And)
        parts = [text_test(sub, text, required and conjunction) for sub in query.subqueries]
        if any(part is None for part in parts):
            return None
        parts = [part for part in parts if part is not CHECKED]
        if not parts:
            return CHECKED
        joined = parts[0]
        for part in parts[1:]:
            joined = (joined & part) if conjunction else (joined | part)
        return joined
    return None  # a phrase of single characters, NOT, …: the vector decides


_BIGRAM_RE = re.compile(BIGRAM_MARK + r"[\u3400-\u9fff\uf900-\ufaff]{2}")


def _is_bigram(token):
    """An index token of two Han characters (``segmentation.bigrams``)."""
    return _BIGRAM_RE.fullmatch(token) is not None


def _leaves(query):
    """The words and phrases of a query tree (``And`` / ``Or`` opened, ``Not`` left out),
    in order."""
    if isinstance(query, And | Or):
        for sub in query.subqueries:
            yield from _leaves(sub)
    elif not isinstance(query, Not):
        yield query


def _has_not(query):
    if isinstance(query, Not):
        return True
    return isinstance(query, And | Or) and any(_has_not(sub) for sub in query.subqueries)


class IsTrue(Func):
    """``(vector @@ query) IS TRUE``: the same test, which no index answers."""

    template = "((%(expressions)s) IS TRUE)"
    arg_joiner = " @@ "
    output_field = BooleanField()


def entry_text():
    """An index entry's title and body text as written (normalised), one string."""
    return Concat("title_text", V(" "), "body_text", output_field=TextField())


class AllText(Expression):
    """An index entry's ``title || body`` as stored (the generated column ``all_text`` of
    migration portal_search 0012), not concatenated again on every row read."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return (
            f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('all_text')}",
            [],
        )


class AnyOf(Lookup):
    """``column = ANY(%s::bigint[])``: a list of keys as one array parameter. ``pk__in``
    of a thousand keys writes a thousand placeholders, which Django and psycopg then build
    and parse (≈ 5 ms a statement at RANK_WINDOW)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*params, [int(key) for key in self.rhs]]


class ObjectKey(Func):
    """An index entry's object id as a bigint, NULL when it is not a number; the expression
    of the B-tree of migration portal_search 0003 (keep the two identical)."""

    template = "(CASE WHEN %(expressions)s ~ '^[0-9]{1,18}$' THEN (%(expressions)s)::bigint END)"
    output_field = BigIntegerField()


@contextmanager
def planner_settings(**settings):
    """Set PostgreSQL planner settings for the statements inside, then restore them (one
    statement each way, whatever the number of settings)."""
    names = list(settings)
    reads = ", ".join(["current_setting(%s)"] * len(names))
    writes = ", ".join(["set_config(%s, %s, false)"] * len(names))
    with connection.cursor() as cursor:
        params = names + [value for name in names for value in (name, settings[name])]
        cursor.execute(f"SELECT {reads}, {writes}", params)  # noqa: S608 - placeholders only
        previous = cursor.fetchone()[: len(names)]
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            params = [value for pair in zip(names, previous, strict=True) for value in pair]
            cursor.execute(f"SELECT {writes}", params)  # noqa: S608 - placeholders only


def _postgres_classes():
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres import postgres as base
    from modelsearch.query import Fuzzy

    class ChinesePostgresObjectIndexer(SegmentingIndexerMixin, base.ObjectIndexer):
        """``title_text`` / ``body_text`` keep the text itself (normalised, not segmented):
        the compiler finds exact phrases in it (quoted queries, the adjacency bonus)."""

        @cached_property
        def title_text(self):
            with self.raw_values():
                return normalise(base.ObjectIndexer.title_text.func(self))

        @cached_property
        def body_text(self):
            with self.raw_values():
                return normalise(base.ObjectIndexer.body_text.func(self))

        def as_vector(self, texts, for_autocomplete=False):
            """The SQL and parameters of the tsvector modelsearch's ``as_vector`` builds
            (``setweight(to_tsvector(config, text), weight) || …``), written directly:
            building and compiling Django's SearchVector expressions for every field of
            every entry took about a third of the build."""
            texts = [(text.strip(), weight) for text, weight in texts]
            texts = [(text, weight) for text, weight in texts if text]
            if not texts:
                return "''::tsvector", []
            config = self.autocomplete_config if for_autocomplete else self.config
            part = 'setweight(to_tsvector(%s::regconfig, %s::text), %s::"char")'
            params = [value for text, weight in texts for value in (config, text, weight)]
            return "(" + " || ".join([part] * len(texts)) + ")", params

    class ChinesePostgresIndex(base.PostgresIndex):
        indexer_class = ChinesePostgresObjectIndexer

        def add_items(self, model, objs):
            # same as PostgresIndex.add_items, with the segmenting indexer
            if not model.get_search_fields():
                return
            indexers = [self.indexer_class(obj, self.backend) for obj in objs]
            if not indexers:
                return
            IndexEntry = base.IndexEntry
            content_type_pk = get_content_type_pk(model)
            rows, params = [], []
            for ix in indexers:
                params.extend((content_type_pk, ix.id))
                sqls = []
                for name in ("title", "autocomplete", "body"):
                    sql, value_params = getattr(ix, name)  # see as_vector
                    sqls.append(sql)
                    params.extend(value_params)
                params.extend((ix.title_text, ix.body_text))
                rows.append(
                    f"(%s::integer, %s::text, {sqls[0]}, {sqls[1]}, {sqls[2]}, %s::text, %s::text)"
                )
            table = IndexEntry._meta.db_table
            # title_norm = average title length / this title's length (in lexemes), as
            # modelsearch's _refresh_title_norms() sets it — but written with the rows, the
            # average taken over the newest TITLE_NORM_SAMPLE entries and this batch (as on
            # SQLite, see title_norms): modelsearch averaged the whole table and then
            # updated the new rows after every batch, which read all entries and rewrote
            # each new row (and its GIN entries) a second time
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    WITH batch (content_type_id, object_id, title, autocomplete, body,
                                title_text, body_text) AS (VALUES {", ".join(rows)}),
                    sample AS (
                        (SELECT length(title) AS size FROM {table}
                         WHERE length(title) > 0 ORDER BY id DESC LIMIT {TITLE_NORM_SAMPLE})
                        UNION ALL
                        SELECT length(title) FROM batch WHERE length(title) > 0
                    ),
                    average AS (SELECT coalesce(avg(size), 1.0) AS size FROM sample)
                    INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                         title_norm, title_text, body_text)
                    SELECT batch.content_type_id, batch.object_id, batch.title,
                           batch.autocomplete, batch.body,
                           CASE WHEN length(batch.title) > 0
                                THEN average.size / length(batch.title) ELSE 1.0 END,
                           batch.title_text, batch.body_text
                    FROM batch, average
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
                                  autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                                  title_text = EXCLUDED.title_text,
                                  body_text = EXCLUDED.body_text
                    -- an entry indexed again unchanged is left alone (update_index rewrote
                    -- every row and its GIN entries)
                    WHERE ({table}.title, {table}.autocomplete, {table}.body,
                           {table}.title_text, {table}.body_text)
                          IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.autocomplete,
                           EXCLUDED.body, EXCLUDED.title_text, EXCLUDED.body_text)
                    """,  # noqa: S608 - table name from the model, values are parameters
                    params,
                )
                if len(indexers) >= MERGE_PENDING_MIN:
                    self._merge_pending_entries(cursor)

        def _merge_pending_entries(self, cursor):
            """Merge the GIN index's pending list now that a batch is written.

            New entries of a GIN index wait in its pending list (``fastupdate``) until it
            holds ``gin_pending_list_limit`` (4 MB: some 280 documents here) or a vacuum
            merges them, and every search reads the whole list: at 10,000 documents the
            list a build left took the search p95 from 40 to 69 ms (bench_search.py).
            After a batch (``update_index``, ``add_bulk``) the build has done the merging
            it would have done at 4 MB (its time unchanged). A single publication
            (``MERGE_PENDING_MIN``) leaves its entry to the list: merging at once made
            writing it 15.6 ms instead of 3.3 ms. Not the index's owner: left to vacuum
            (a savepoint keeps the write)."""
            from django.db import DatabaseError, transaction

            try:
                with transaction.atomic(using=self.write_connection.alias):
                    cursor.execute(
                        "SELECT gin_clean_pending_list(to_regclass(%s)) "
                        "WHERE to_regclass(%s) IS NOT NULL",
                        [ALL_TEXT_INDEX, ALL_TEXT_INDEX],
                    )
            except DatabaseError:
                pass

    class EntryFirstMixin:
        """Search the index entries first, then the pages.

        modelsearch joins pages to their index entries on ``object_id = id::varchar`` and
        filters on ``title || body @@ query``; neither can use an index, so every search
        reads every entry (≈ 120 ms at 10,000 pages). Here the tsquery is matched on the
        entries alone — on ``all_text``, ``title || body`` stored with a GIN index
        (migration portal_search 0012), or ``autocomplete`` with its own — the queryset's
        filters are applied with ``id IN (SELECT object_id::bigint …)``. For relevance the
        newest ``RANK_WINDOW`` matches are ranked (``_newest_matches``) and cut to the
        requested page in SQL."""

        def _of_types(self, use_type_index=True):
            """Index entries of the queryset's page types."""
            types = get_descendants_content_types_pks(self.queryset.model)
            entries = base.IndexEntry._default_manager.annotate(
                _oid=Cast("object_id", output_field=BigIntegerField()), _okey=ObjectKey("object_id")
            )
            if use_type_index:
                return entries.filter(content_type_id__in=types)
            # "+ 0": the planner must not pick the content-type index (most of the table)
            # and test the word on each row; the GIN index is to drive
            return entries.annotate(_ct=F("content_type_id") + 0).filter(_ct__in=types)

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, AnyOrder):
                from django.contrib.postgres.search import SearchQuery

                return SearchQuery(query.query_string, search_type="plain", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        @cached_property
        def loose_query(self):
            """The query with its phrases' words in any order (``loosened``), or None."""
            return loosened(self.query)

        def _matching(self, config, loose=False):
            """Index entries of the queryset's page types that match the query. ``loose``:
            that match ``loose_query`` (a superset, answered by GIN without reading the
            rows' vectors; ``_newest_matches`` checks the few it keeps)."""
            loose = loose and self.loose_query is not None
            query = self.loose_query if loose else self.query
            search_query = self.build_tsquery(query, config=config)
            entries = self._of_types(use_type_index=False).annotate(_vector_=self.entry_vector())
            entries = entries.filter(_vector_=search_query)
            return entries if loose else self._with_exact_phrases(entries)

        #: whether the loosened query's matches may be checked in their text
        #: (``text_test``); autocomplete's prefixes and phrases of characters may not
        texts_decide = True

        @cached_property
        def exact_text_test(self):
            """``text_test`` of the query for rows that matched ``loose_query`` through
            GIN, or None (no loosened phrase, or one the text cannot decide)."""
            if not self.texts_decide or self.loose_query is None:
                return None
            test = text_test(self.query, entry_text())
            return None if test is CHECKED else test

        def _with_exact_phrases(self, entries):
            """``entries`` holding each quoted phrase's exact text (its bigrams all
            matched through GIN; the text itself is tested here)."""
            for i, phrase in enumerate(self.plan_context.get("exact", ())):
                entries = entries.alias(**{f"_exact{i}": StrIndex(entry_text(), V(phrase))}).filter(
                    **{f"_exact{i}__gt": 0}
                )
            return entries

        def _exact_among(self, config, keys, always=False):
            """Those of ``keys`` (object keys matching ``loose_query``) that match the
            query itself. Only these rows' vectors are read: the match is wrapped
            (``IS TRUE``) so that the planner takes the rows by key, not through GIN
            again."""
            if not always and self.loose_query is None and not self.plan_context.get("exact"):
                return keys  # they matched the query itself
            entries = self._of_types(use_type_index=False).filter(AnyOf(F("_okey"), keys))
            if always or self.loose_query is not None:
                search_query = self.build_tsquery(self.query, config=config)
                entries = entries.alias(_hit=IsTrue(self.entry_vector(), search_query)).filter(
                    _hit=True
                )
            return list(self._with_exact_phrases(entries).values_list("_okey", flat=True))

        def phrase_bonus(self):
            """Documents with the query's words adjacent and in order first: +2 when the
            title has the phrase, +1 when the body has it (ts_rank stays well below 1)."""
            bonus = V(0.0, output_field=FloatField())
            for run in self.plan_context.get("boosts", ()):
                bonus = bonus + Case(
                    When(GreaterThan(StrIndex("title_text", V(run)), 0), then=V(2.0)),
                    When(GreaterThan(StrIndex("body_text", V(run)), 0), then=V(1.0)),
                    default=V(0.0),
                    output_field=FloatField(),
                )
            return bonus

        def _entries(self, config):
            return self._matching(config).filter(_oid__in=self.queryset.order_by().values("pk"))

        def _newest_matches(self, config, limit):
            """The ``limit`` highest primary keys of the queryset's objects that match,
            highest first, without reading every match of a common word.

            Ranges of the newest objects (by primary key) are searched in turn, each four
            times the last, until one would cover a fifth of the table (then the rest is
            searched whole), reading at most twice the keys still wanted at a time. In
            each, PostgreSQL intersects the GIN index (the word) with the B-tree of
            migration 0003 (the range) and visits only the entries in both, so a word in
            most documents is answered from the newest few thousand, and a rare word's
            few matches are all found in a handful of cheap steps. Plain index
            scans and sequential scans are off for these statements: the planner would
            otherwise walk the range (or, on a small site, the whole table) and test the
            word on each row, unpacking every row's text vector.

            Each range is searched with ``loose_query`` (a phrase's words in any order),
            which GIN answers alone; a phrase would make PostgreSQL read and test every
            candidate row's vector. Only the keys taken from the range are then tested
            against the query itself (``_exact_among``), and the queryset's filters
            applied to those that pass.

            A small queryset (``PAGE_FIRST_MAX``: a small site of a platform, whose pages
            are a few among every site's) is searched page first instead
            (``_newest_matches_page_first``)."""
            cached = getattr(self, "_newest_cache", None)
            if cached and (cached[0] >= limit or len(cached[1]) < cached[0]):
                return cached[1][:limit]  # the count asked first (see count_matches)
            pages = self.queryset.order_by()
            size = self._queryset_size()
            if size <= PAGE_FIRST_MAX:
                found = self._newest_matches_page_first(config, limit)
                self._newest_cache = (limit, found)
                return found
            top = self._top_key()
            # the share of the table a queryset of a known size holds (a larger one:
            # taken as all of it): each batch reads as many more keys as the filter drops
            share = min(1.0, size / top) if top and size <= SIZE_CAP else 1.0
            found, upper, reach = [], None, 4 * limit
            in_text = self.exact_text_test
            while len(found) < limit:
                # a range reaching past the oldest key: search the rest whole
                lower = top - reach if reach < top else None
                entries = self._matching(config, loose=True)
                if upper is not None:
                    entries = entries.filter(_okey__lte=upper)
                if lower is not None:
                    entries = entries.filter(_okey__gt=lower)
                batch = min(max(int(2 * (limit - len(found)) / share), 100), 10 * SIZE_CAP)
                if in_text is not None:
                    # the exact test on the rows the range reads anyway, in the same
                    # statement: no second reading of each key's row and vector
                    entries = self._with_exact_phrases(entries.filter(in_text))
                with planner_settings(enable_indexscan="off", enable_seqscan="off"):
                    keys = list(entries.order_by("-_okey").values_list("_okey", flat=True)[:batch])
                    if in_text is not None:
                        matching = keys
                    else:
                        matching = self._exact_among(config, keys) if keys else []
                # the queryset's own filters (live, column …) on these only, with the
                # planner's usual choices (an index scan of the primary key)
                if matching:
                    kept = set(pages.filter(AnyOf(F("pk"), matching)).values_list("pk", flat=True))
                    found.extend(key for key in keys if key in kept)
                if len(keys) == batch:  # more in this range, below the last key read
                    upper = keys[-1] - 1
                    continue
                if lower is None:
                    break
                upper, reach = lower, next_reach(top - lower, len(found), limit)
            self._newest_cache = (limit, found)
            return found[:limit]

        def _top_key(self):
            """The highest primary key of the model's table, remembered in this worker
            for the publication generation: one taken before newer pages were added only
            makes the first range (open above) a little wider."""
            from portal.core.cache import remembered

            model = self.queryset.model
            return remembered(
                f"search:top:{model._meta.label_lower}",
                lambda: model._base_manager.aggregate(top=Max("pk"))["top"] or 0,
            )

        def _queryset_size(self):
            """How many objects the queryset holds, up to ``SIZE_CAP`` + 1; remembered in
            this worker for the publication generation (by the queryset's SQL)."""
            from django.core.exceptions import EmptyResultSet

            from portal.core.cache import remembered

            keys = self.queryset.order_by().values("pk")
            try:
                sql, params = keys.query.sql_with_params()
            except EmptyResultSet:  # a filter that selects nothing (pk__in=[])
                return 0
            name = f"search:size:{sql}:{params!r}"
            return remembered(name, lambda: keys[: SIZE_CAP + 1].count())

        def _newest_matches_page_first(self, config, limit):
            """``_newest_matches`` for a small queryset: its objects, newest first, a
            chunk at a time, each chunk's entries tested against the query by key —
            the cost follows the queryset, not the words' frequency on the platform."""
            pages = self.queryset.order_by()
            found, upper = [], None
            while len(found) < limit:
                chunk = pages if upper is None else pages.filter(pk__lt=upper)
                ids = list(chunk.order_by("-pk").values_list("pk", flat=True)[:PAGE_FIRST_CHUNK])
                if not ids:
                    break
                with planner_settings(enable_indexscan="off", enable_seqscan="off"):
                    matching = set(self._exact_among(config, ids, always=True))
                found.extend(key for key in ids if key in matching)
                if len(ids) < PAGE_FIRST_CHUNK:
                    break
                upper = ids[-1]
            return found[:limit]

        def entry_vector(self):
            return AllText()

        def entry_rank(self, config):
            """``ts_rank`` of the title (times ``title_norm``) and of the body against
            every term of the query at once (``rank_query``), plus the phrase bonus.

            modelsearch calls ``ts_rank`` once per term and combines the scores (And: a
            product, Or: an average); each call unpacks the row's body vector again —
            eighteen times a row for a word with four synonyms, most of the time spent
            ranking. One call per vector reads it once (30 → 16 ms for 1,000 rows)."""
            terms = self.rank_query(config)
            rank = SearchRank(F("title"), terms, weights=self.sql_weights) * F(
                "title_norm"
            ) + SearchRank(F("body"), terms, weights=self.sql_weights)
            if self.plan_context.get("boosts"):
                rank = rank + self.phrase_bonus()
            return rank

        def rank_query(self, config):
            """The query's terms (words, bigram chains) OR'ed: ``ts_rank`` scores a
            document by how often and where each occurs (an AND query would be scored
            by the terms' distances from each other alone)."""
            leaves = list(_leaves(self.query)) or [self.query]
            query = leaves[0] if len(leaves) == 1 else Or(leaves)
            return self.build_tsquery(query, config=config)

        def search(self, config, start, stop, score_field=None, backend=None):
            if self.fields is not None or isinstance(self.query, MatchAll | Not | Fuzzy):
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            entries = self._entries(config)
            if not (self.order_by_relevance and start is not None):
                queryset = self.queryset.filter(pk__in=entries.values("_oid"))
                if not queryset.query.order_by:
                    queryset = queryset.order_by("-pk")  # stable pages (wagtail #3729)
                if score_field:
                    queryset = queryset.annotate(**{score_field: F("pk")})
                return queryset[start:stop]
            if stop is not None and integer_pk(self.queryset.model):
                # rank the newest RANK_WINDOW matches (all of them when there are fewer)
                newest = self._newest_matches(config, max(RANK_WINDOW, stop))
                # all of them match
                entries = self._of_types().filter(AnyOf(F("_okey"), newest))
            ranked = (
                entries.annotate(_rank=self.entry_rank(config))
                .order_by("-_rank", "-_oid")
                .values_list("_oid", "_rank")[start:stop]
            )
            return objects_in_order(self.queryset, dict(ranked), score_field)

        def count_matches(self, config, cap=None):
            """The number of matches; with ``cap``, at most ``cap + 1`` are counted.
            ``None``: not handled here (modelsearch counts)."""
            if self.fields is not None or isinstance(self.query, MatchAll | Not | Fuzzy):
                return None
            if cap is not None and integer_pk(self.queryset.model):
                # the newest cap + 1 matches: what the first pages of results rank next
                return len(self._newest_matches(config, max(RANK_WINDOW, cap + 1)))
            entries = self._entries(config).values("_oid")
            if cap is not None:
                # the GIN bitmap scan stops after cap + 1 entries instead of rechecking
                # every match of a common word (~300 ms for 70,000 at 100,000 pages)
                entries = entries[: cap + 1]
            return self.queryset.order_by().filter(pk__in=entries).count()

    class ChinesePostgresSearchQueryCompiler(
        SegmentingCompilerMixin, EntryFirstMixin, base.PostgresSearchQueryCompiler
    ):
        pass

    class ChinesePostgresAutocompleteQueryCompiler(
        SegmentingCompilerMixin, EntryFirstMixin, base.PostgresAutocompleteQueryCompiler
    ):
        autocomplete = True

        texts_decide = False

        def entry_vector(self):
            return F("autocomplete")

        def entry_rank(self, config):
            return self.build_tsrank(F("autocomplete"), self.query, config=config)

    class ChinesePostgresSearchResults(CappedCountMixin, base.PostgresSearchResults):
        def _do_count(self):
            count = self.query_compiler.count_matches(self.query_compiler.get_config(self.backend))
            return super()._do_count() if count is None else count

    class ChinesePostgresSearchBackend(base.PostgresSearchBackend):
        index_class = ChinesePostgresIndex
        results_class = ChinesePostgresSearchResults
        query_compiler_class = ChinesePostgresSearchQueryCompiler
        autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler

        def __init__(self, params):
            params = dict(params)
            # 'simple': no English stemming or stop words; segmented Chinese words are kept
            params.setdefault("SEARCH_CONFIG", "simple")
            super().__init__(params)

    return ChinesePostgresSearchBackend


_cache = {}


def ChineseDatabaseSearchBackend(params):  # noqa: N802 - a factory, like Wagtail's
    """The segmenting backend for the default database (what ``SearchBackend`` returns)."""
    vendor = connection.vendor
    if vendor == "postgresql":
        cls = _cache.get(vendor) or _cache.setdefault(vendor, _postgres_classes())
        return cls(params)
    if vendor == "sqlite":
        # once found, FTS5 and its table stay: not checked again on every search (a new
        # in-memory database and a query each time)
        if vendor in _cache or (fts5_available() and fts_table_exists()):
            cls = _cache.get(vendor) or _cache.setdefault(vendor, _sqlite_classes())
            return cls(params)
        raise RuntimeError("Chinese search on SQLite needs FTS5 (modelsearch_indexentry_fts)")
    raise RuntimeError(f"Chinese search is not implemented for {vendor}; use Elasticsearch")


SearchBackend = ChineseDatabaseSearchBackend
