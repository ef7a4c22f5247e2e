"""Recall on real text: the 683 regulations of ../shared/corpus indexed as 政策文件.

1,000 queries drawn with a fixed seed from the documents' own words (jieba precise mode):
half single words of 2–4 characters, half two-word phrases typed as one string. The
source document must be among the results for ≥ 99 % of queries, and in the top 10 for
≥ 98 % of the queries whose words occur in at most 10 documents. Strings that occur in no
document (not even across punctuation) must return nothing.
"""

import random
import re
import time

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from portal.core.columns import ColumnKey
from search.segmentation import segmenter
from tests.requirements import require_corpus
from tests.search.corpus import bulk_pages, load_regulations

pytestmark = [pytest.mark.django_db, pytest.mark.corpus, pytest.mark.slow]

SEED = 20261124
N_QUERIES = 1000
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def draw_queries(docs, doc_words, rng):
    """(query, source index, kind, words) — words of 2–4 Han characters, or two such words
    standing side by side in the text (not across punctuation), typed as one string."""
    texts = [d.title + "\n" + d.text for d in docs]
    queries = []
    while len(queries) < N_QUERIES:
        i = rng.randrange(len(docs))
        words = doc_words[i]
        if len(words) < 3:
            continue
        j = rng.randrange(len(words) - 1)
        w1, w2 = words[j], words[j + 1]
        if not (_HAN_WORD.match(w1) and 2 <= len(w1) <= 4):
            continue
        if len(queries) % 2 == 0:
            queries.append((w1, i, "word", (w1,)))
        elif _HAN_WORD.match(w2) and 2 <= len(w2) <= 4 and w1 + w2 in texts[i]:
            queries.append((w1 + w2, i, "phrase", (w1, w2)))
    return queries


def test_recall_on_the_regulations_corpus(portal, record_property):
    from disclosure_catalog.models import PolicyDocumentPage

    directory = require_corpus()
    docs = load_regulations(directory)
    assert len(docs) >= 600

    started = time.perf_counter()
    pages = bulk_pages(
        portal.column(ColumnKey.DISCLOSURE_POLICY), [(d.title, d.date, d.paragraphs) for d in docs]
    )
    # index through the configured backend, as `manage.py update_index` does
    backend = get_search_backend()
    for start in range(0, len(pages), 100):
        backend.add_bulk(
            PolicyDocumentPage,
            list(
                PolicyDocumentPage.objects.filter(pk__in=[p.pk for p in pages[start : start + 100]])
            ),
        )
    index_seconds = time.perf_counter() - started

    doc_words = [segmenter.words(d.title + "\n" + d.text) for d in docs]
    doc_sets = [set(ws) for ws in doc_words]

    rng = random.Random(SEED)
    queries = draw_queries(docs, doc_words, rng)

    live = PolicyDocumentPage.objects.live()
    found = rare = rare_top10 = 0
    misses = []
    started = time.perf_counter()
    for q, i, _kind, words in queries:
        source = pages[i].pk
        top10 = [p.pk for p in live.search(q)[:10]]
        hit = source in top10 or bool(list(live.filter(pk=source).search(q)[:1]))
        found += hit
        if not hit:
            misses.append((q, docs[i].title))
        df = sum(1 for s in doc_sets if all(w in s for w in words))
        if df <= 10:
            rare += 1
            rare_top10 += source in top10
    query_seconds = time.perf_counter() - started

    recall = found / len(queries)
    rare_recall = rare_top10 / rare if rare else 1.0
    summary = (
        f"{connection.vendor}: {len(docs)} docs indexed in {index_seconds:.1f}s; "
        f"{len(queries)} queries in {query_seconds:.1f}s; found {found} "
        f"({recall:.2%}); rare {rare}, top-10 {rare_top10} ({rare_recall:.2%}); "
        f"misses {misses[:10]}"
    )
    print(summary)
    record_property("recall", summary)
    assert recall >= 0.99, summary
    assert rare >= 100, summary  # the draw must actually exercise rare words
    assert rare_recall >= 0.98, summary

    # --- strings that occur nowhere return nothing (no match through single characters) ---
    squeezed = "\n".join(re.sub(r"[^\w]", "", d.title + d.text) for d in docs)
    chars = sorted({c for c in squeezed if "\u4e00" <= c <= "\u9fff"})
    absent = []
    while len(absent) < 100:
        candidate = "".join(rng.choice(chars) for _ in range(rng.choice((2, 3, 4))))
        if candidate not in squeezed:
            absent.append(candidate)
    false_matches = {q: [p.title for p in live.search(q)[:3]] for q in absent}
    false_matches = {q: t for q, t in false_matches.items() if t}
    assert not false_matches, false_matches
