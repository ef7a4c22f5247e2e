"""Relevance ranking without ranking every match (search/backends/database.py).

SQLite ranks with FTS5 alone and applies the queryset's filters to the best matches; the
pages it returns must be exactly those of a ranking of every match. PostgreSQL ranks the
newest ``RANK_WINDOW`` matches (all of them when there are fewer). Both count words in the
title above words in the body."""

import pytest
from django.db import connection
from wagtail.models import Page

from search.backends import database as backend
from tests.factories import make_news, paragraph_body
from tests.requirements import require_postgres

pytestmark = pytest.mark.django_db

WORD = "脱贫攻坚"


@pytest.fixture
def word_pages(portal):
    """Twelve news items that mention WORD between one and twelve times; the oldest
    mentions it most. Returned oldest first."""
    column = portal.unit_news_column("xzfb")
    pages = []
    for i in range(12):
        times = 12 - i
        text = "，".join([f"全县推进{WORD}工作"] * times) + f"。第{i + 1}期简报。"
        pages.append(make_news(column, title=f"工作简报第{i + 1}期", body=paragraph_body(text)))
    return pages


def pks(results):
    return [page.pk for page in results]


@pytest.fixture
def small_windows(monkeypatch):
    """Windows small enough for a dozen pages to go through every step."""
    monkeypatch.setattr(backend, "FIRST_WINDOW", 2)
    monkeypatch.setattr(backend, "RANK_WINDOW_MAX", 20)


def test_pages_of_results_equal_the_full_ranking(word_pages, small_windows):
    live = Page.objects.live()
    everything = pks(live.search(WORD))  # no slice: every match ranked in one query
    assert sorted(everything) == sorted(p.pk for p in word_pages)
    for start in (0, 3, 6, 9):
        assert pks(live.search(WORD)[start : start + 3]) == everything[start : start + 3]


def test_a_narrow_filter_keeps_the_order_of_the_full_ranking(word_pages, small_windows):
    # the best matches are filtered out: the window has to widen (and, past
    # RANK_WINDOW_MAX, the filter is joined into the ranking query)
    kept = [p.pk for p in word_pages[-4:]]
    narrow = Page.objects.live().filter(pk__in=kept)
    everything = pks(narrow.search(WORD))
    assert sorted(everything) == sorted(kept)
    assert pks(narrow.search(WORD)[:2]) == everything[:2]
    assert pks(narrow.search(WORD)[2:4]) == everything[2:4]


def test_unpublished_pages_are_not_ranked_in(word_pages, small_windows):
    best = word_pages[0]
    best.unpublish()
    first = pks(Page.objects.live().search(WORD)[:3])
    assert best.pk not in first
    assert len(first) == 3


def test_a_title_word_outranks_a_body_mention(portal):
    column = portal.unit_news_column("xzfb")
    body_only = make_news(
        column,
        title="县政府常务会议召开",
        body=paragraph_body(f"会议听取了{WORD}工作汇报，研究部署下一步工作。"),
    )
    in_title = make_news(
        column,
        title=f"{WORD}工作推进会召开",
        body=paragraph_body(f"会议听取了{WORD}工作汇报，研究部署下一步工作。"),
    )
    assert pks(Page.objects.live().search(WORD)[:2]) == [in_title.pk, body_only.pk]


@pytest.fixture(params=["index first", "page first"])
def strategy(request, monkeypatch):
    """PostgreSQL finds the newest matches through GIN (a large queryset) or by testing the
    queryset's pages newest first (a small one, ``PAGE_FIRST_MAX``): both must agree."""
    if request.param == "index first":
        monkeypatch.setattr(backend, "PAGE_FIRST_MAX", 0)
    else:
        monkeypatch.setattr(backend, "PAGE_FIRST_CHUNK", 4)  # several chunks for a dozen
    return request.param


def test_postgres_ranks_the_newest_matches_of_a_common_word(word_pages, monkeypatch, strategy):
    require_postgres()
    monkeypatch.setattr(backend, "RANK_WINDOW", 3)
    live = Page.objects.live()
    newest = [p.pk for p in word_pages[-3:]]
    first = pks(live.search(WORD)[:3])
    # the three newest, best first: of those, the oldest mentions the word most often
    assert first == newest
    assert word_pages[0].pk not in first
    # the capped count reads no further than it needs
    assert live.search(WORD).count_capped(5) == (5, True)
    assert live.search(WORD).count() == 12
    # with no more matches than the window, every match is ranked: the oldest is best
    few = live.filter(pk__in=[p.pk for p in word_pages[:3]])
    assert pks(few.search(WORD)[:1]) == [word_pages[0].pk]


def test_postgres_object_key_expression_matches_its_index(word_pages):
    require_postgres()
    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'portal_search_entry_object_key'"
        )
        definition = cursor.fetchone()[0]
        assert "CASE" in definition and "(object_id)::bigint" in definition
    top = max(p.pk for p in word_pages)
    query = IndexEntry.objects.annotate(key=backend.ObjectKey("object_id")).filter(key__gt=top - 3)
    sql, params = query.values("pk").query.sql_with_params()
    with backend.planner_settings(enable_seqscan="off"), connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # if ObjectKey and migration 0003 drift apart, searches silently read every match
    assert "portal_search_entry_object_key" in plan


def test_planner_settings_are_restored_after_an_error():
    require_postgres()

    def current():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
            )
            return cursor.fetchone()

    assert current() == ("on", "on")
    with (
        pytest.raises(RuntimeError),
        backend.planner_settings(enable_indexscan="off", enable_seqscan="off"),
    ):
        assert current() == ("off", "off")
        raise RuntimeError
    assert current() == ("on", "on")


def test_windows_are_used_only_for_integer_primary_keys():
    from django.contrib.sessions.models import Session

    from news.models import NewsPage

    # page types reach wagtailcore_page's integer id through their parent link
    assert backend.integer_pk(Page) and backend.integer_pk(NewsPage)
    # a text primary key falls back to ranking every match in SQL
    assert not backend.integer_pk(Session)


def test_loosened_queries_are_supersets_or_nothing():
    from modelsearch.query import And, Not, Or, Phrase, PlainText

    phrase = Phrase("z主管 z管部 z部门")
    loose = backend.loosened(Or([phrase, PlainText("主管部门")]))
    assert isinstance(loose.subqueries[0], backend.AnyOrder)
    assert loose.subqueries[0].query_string == phrase.query_string
    assert isinstance(loose.subqueries[1], PlainText)
    assert backend.loosened(And([PlainText("z岗位"), PlainText("z招聘")])) is None  # unchanged
    # NOT (a phrase) loosened would match less, not more: left alone
    assert backend.loosened(And([phrase, Not(Phrase("z部门 z门户"))])) is None


def test_postgres_window_drops_scattered_words_of_a_phrase(portal, monkeypatch, strategy):
    """The newest-matches window first takes pages holding a phrase's words in any order
    (what GIN answers alone); those with the words apart must not reach the results or
    the count, however many of them are newer."""
    require_postgres()
    monkeypatch.setattr(backend, "RANK_WINDOW", 3)
    column = portal.unit_news_column("xzfb")
    adjacent = [
        make_news(column, title=f"通知第{i}号", body=paragraph_body("请各主管部门做好安排。"))
        for i in range(4)
    ]
    scattered = [  # 主管 … 管部 … 部门: every bigram of 主管部门, never side by side
        make_news(
            column,
            title=f"简报第{i}期",
            body=paragraph_body("由主管领导负责，只管部分事务，并与有关部门协调。"),
        )
        for i in range(6)
    ]
    live = Page.objects.live()
    found = pks(live.search("主管部门"))
    assert sorted(found) == sorted(p.pk for p in adjacent)
    assert sorted(pks(live.search("主管部门")[:3])) == sorted(p.pk for p in adjacent[1:])
    assert live.search("主管部门").count_capped(10) == (4, False)
    assert not set(found) & {p.pk for p in scattered}


def test_next_range_reaches_as_far_as_the_rate_seen_predicts():
    # none of the newest 4,000 matched: a rare word, whose few matches are read at once
    assert backend.next_reach(4_000, 0, 1_001) == 64_000
    # 100 of 1,001 in the newest 4,000: the rest expected within 36,036 more, plus half
    assert backend.next_reach(4_000, 100, 1_001) == 4_000 + int(1.5 * 4_000 * 901 / 100)
    # nearly there: still at least twice as far as already read
    assert backend.next_reach(4_000, 1_000, 1_001) == 8_000


def test_postgres_sparse_matches_are_found_across_ranges(portal, monkeypatch, strategy):
    """A word in one page of four: the newest-matches window has to reach back over
    several ranges of keys; what it finds must be the newest matches, counted exactly."""
    require_postgres()
    monkeypatch.setattr(backend, "RANK_WINDOW", 2)
    column = portal.unit_news_column("xzfb")
    matching = []
    for i in range(24):
        text = f"全县推进{WORD}工作。" if i % 4 == 0 else "全县推进春耕生产工作。"
        page = make_news(column, title=f"工作简报第{i + 1}期", body=paragraph_body(text))
        if i % 4 == 0:
            matching.append(page)
    live = Page.objects.live()
    assert live.search(WORD).count_capped(3) == (3, True)
    assert live.search(WORD).count_capped(10) == (6, False)
    assert sorted(pks(live.search(WORD)[:2])) == sorted(p.pk for p in matching[-2:])


def test_postgres_synonyms_with_scattered_bigrams_are_checked_in_the_text(
    portal, monkeypatch, strategy
):
    """社保卡 OR 社会保障卡: a page holding every bigram of 社会保障卡 apart (社会 … 会保 …
    保障 … 障卡) matches the loosened query through GIN; the exact test — the word in the
    text, not the vector — must drop it, in the results and in the count."""
    require_postgres()
    from search.synonyms import synonyms

    synonyms.reload()
    assert "社会保障卡" in synonyms.alternatives("社保卡")
    monkeypatch.setattr(backend, "RANK_WINDOW", 2)
    column = portal.unit_news_column("xzfb")
    full = make_news(column, title="申领指南", body=paragraph_body("携带社会保障卡到窗口办理。"))
    short = make_news(column, title="挂失须知", body=paragraph_body("社保卡遗失后及时挂失。"))
    scattered = [
        make_news(
            column,
            title=f"工作简报第{i}期",
            body=paragraph_body("做好社会工作，开会保密，保障有力，清理路障卡口。"),
        )
        for i in range(5)
    ]
    live = Page.objects.live()
    assert sorted(pks(live.search("社保卡"))) == sorted([full.pk, short.pk])
    assert sorted(pks(live.search("社保卡")[:2])) == sorted([full.pk, short.pk])
    assert live.search("社保卡").count_capped(10) == (2, False)
    assert not set(pks(live.search("社会保障卡")[:5])) & {p.pk for p in scattered}


def test_text_test_answers_only_what_the_text_can():
    from modelsearch.query import And, Not, Or, Phrase, PlainText

    text = backend.entry_text()
    chain = backend.WordChain([Phrase("z主管 z管部 z部门"), PlainText("主管部门")], "主管部门")
    # a required term was matched by GIN; the chain is the word in the text
    test = backend.text_test(And([PlainText("2024"), chain]), text)
    assert test is not backend.CHECKED and test is not None
    assert backend.text_test(PlainText("z规定"), text) is backend.CHECKED
    # under an OR a bigram is tested in the text, a word of letters is not
    assert backend.text_test(Or([chain, PlainText("z社保")]), text) is not None
    assert backend.text_test(Or([chain, PlainText("zip")]), text) is None
    # characters cut alone, and NOT, only the vector can answer
    assert backend.text_test(Or([Phrase("府 召"), PlainText("府召")]), text) is None
    assert backend.text_test(And([chain, Not(PlainText("z通知"))]), text) is None
