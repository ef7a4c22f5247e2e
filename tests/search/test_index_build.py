"""Index build: the faster tokenizer cuts exactly as jieba does, and writing index entries
does not rewrite the SQLite FTS5 copy of each entry a second time (issue 14: index build
speed at least as good as before the bigram index; benchmarks/bench_index_build.py)."""

import jieba
import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import segmentation
from tests.factories import make_news, paragraph_body
from tests.requirements import require_corpus, require_postgres
from tests.search.corpus import load_regulations

pytestmark = pytest.mark.django_db

SENTENCES = [
    "县人民政府召开常务会议，研究部署脱贫攻坚成果巩固工作。",
    "榕江县人力资源和社会保障局发布2026年第3号公告：社保卡挂失、补办请到古州镇政务服务中心。",
    "办理最低生活保障（低保）须提交身份证、户口簿；E-mail: rj@example.gov 电话0855-1234567。",
    "中华人民共和国国务院令第711号《政府信息公开条例》自2019年5月15日起施行",
    "推进宜居宜业和美乡村建设，府召开会议，村超火爆，ＡＢＣ１２３全角字符。",
]


def jieba_own():
    """The portal's dictionary built on jieba's own Tokenizer class."""
    fast = segmentation.Tokenizer
    segmentation.Tokenizer = jieba.Tokenizer
    try:
        return segmentation.Segmenter()._build()
    finally:
        segmentation.Tokenizer = fast


def test_the_fast_tokenizer_cuts_as_jieba(settings):
    own = jieba_own()
    fast = segmentation.Segmenter()._build()
    assert type(fast) is segmentation.Tokenizer
    texts = list(SENTENCES)
    try:
        texts += [doc.text for doc in load_regulations(require_corpus())[:60]]
    except pytest.skip.Exception:
        pass  # the sentences above still compare
    for text in texts:
        assert list(fast.cut(text)) == list(own.cut(text))
    # a word added later is cut whole by both (the remembered log frequencies follow)
    for tokenizer in (own, fast):
        tokenizer.add_word("府召开", freq=100000)
    assert list(fast.cut(SENTENCES[-1])) == list(own.cut(SENTENCES[-1]))
    assert "府召开" in list(fast.cut(SENTENCES[-1]))


def test_entries_are_written_with_their_title_norm_and_found_after_a_change(portal):
    column = portal.unit_news_column("xzfb")
    pages = [
        make_news(column, title="古州镇开展森林防火宣传", body=paragraph_body("发放宣传资料。")),
        make_news(column, title="县政府常务会议", body=paragraph_body("研究乡村振兴工作。")),
    ]
    from wagtail.search.models import IndexEntry

    norms = list(
        IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages]).values_list(
            "title_norm", flat=True
        )
    )
    assert len(norms) == 2 and all(norm != 1.0 for norm in norms)  # set, not left at 1.0
    # lavg / this title's length: the shorter title weighs more
    short, long = (
        IndexEntry.objects.get(object_id=str(p.pk)).title_norm for p in (pages[1], pages[0])
    )
    assert short > long
    # the page's text changes: the index follows (the FTS5 copy is rewritten on text)
    page = pages[1].specific
    page.title = "县政府专题会议"
    page.save_revision().publish()
    found = {p.pk for p in Page.objects.live().search("专题会议")}
    assert page.pk in found
    assert page.pk not in {p.pk for p in Page.objects.live().search("常务会议")}
    get_search_backend().add(page)  # indexing again changes nothing
    assert page.pk in {p.pk for p in Page.objects.live().search("专题会议")}


def test_sqlite_title_norm_updates_leave_the_fts5_copy_alone():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 trigger")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'update_wagtailsearch_indexentry_fts'"
        )
        (sql,) = cursor.fetchone()
    assert "AFTER UPDATE OF title, body, autocomplete ON" in sql


def test_postgres_entries_carry_only_the_gin_indexes_searches_read(portal):
    """Every search matches ``title || body`` (or ``autocomplete``), stored as the column
    ``all_text`` (portal_search 0012): Wagtail's separate GIN indexes on ``title`` and on
    ``body`` are dropped (0010), so is the index on the expression, and a search for a word
    still finds its page through the column's index."""
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            " AND indexdef LIKE '%%USING gin%%'"
        )
        gins = sorted(row[0].split("USING gin ")[1] for row in cursor.fetchall())
    assert gins == ["(all_text)", "(autocomplete)"]
    column = portal.unit_news_column("xzfb")
    page = make_news(column, title="古州镇开展森林防火宣传", body=paragraph_body("发放资料。"))
    assert [p.pk for p in Page.objects.live().search("森林防火")] == [page.pk]
    # the column follows every write: a word of the new body is found, the old one not
    page.body = paragraph_body("开展地质灾害隐患排查。")
    page.title = "古州镇开展排查"
    page.save_revision().publish()
    assert [p.pk for p in Page.objects.live().search("地质灾害")] == [page.pk]
    assert not Page.objects.live().search("森林防火").count()


def test_postgres_an_entry_indexed_again_unchanged_is_not_rewritten(portal):
    """update_index over a site whose pages did not change writes nothing; a changed title
    is written."""
    require_postgres()
    from wagtail.search.models import IndexEntry

    column = portal.unit_news_column("xzfb")
    page = make_news(column, title="县政府常务会议", body=paragraph_body("研究乡村振兴。"))
    entry = IndexEntry.objects.filter(object_id=str(page.pk))

    def row_version():
        return entry.extra(select={"version": "ctid::text"}).values_list("version", flat=True)[0]

    before = row_version()
    get_search_backend().add(page.specific)
    assert row_version() == before
    page = page.specific
    page.title = "县政府专题会议"
    page.save_revision().publish()
    assert row_version() != before
    assert [p.pk for p in Page.objects.live().search("专题会议")] == [page.pk]


def test_postgres_entries_hold_the_vectors_modelsearch_would_build(portal):
    """The title, body and autocomplete vectors are written as SQL directly (no Django
    expressions per field): they are the very tsvectors modelsearch's own as_vector makes."""
    require_postgres()
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer
    from wagtail.search.models import IndexEntry

    column = portal.unit_news_column("xzfb")
    page = make_news(
        column,
        title="榕江县社保卡挂失办理指南",
        body=paragraph_body("携带身份证到古州镇政务服务中心办理。E-mail: rj@example.gov"),
    ).specific
    backend = get_search_backend()
    ix = backend.index_class.indexer_class(page, backend)
    ix.as_vector = lambda texts, for_autocomplete=False: texts  # the texts, as given to it
    entry = IndexEntry.objects.filter(object_id=str(page.pk))
    for name, autocomplete in (("title", False), ("body", False), ("autocomplete", True)):
        texts = getattr(ix, name)
        assert texts
        # modelsearch's expression over the same (segmented) texts
        expected = ObjectIndexer.as_vector(ix, texts, for_autocomplete=autocomplete)
        stored, built = entry.annotate(_expected=expected).values_list(name, "_expected")[0]
        assert stored and stored == built, name


def test_postgres_bulk_entries_do_not_wait_in_the_gin_pending_list(portal):
    """Every search reads the whole pending list of the GIN index it matches on: the
    entries a bulk write (update_index, add_bulk) leaves are merged into the index."""
    require_postgres()
    from wagtail.search.backends import get_search_backend

    from news.models import NewsPage
    from search.backends.database import ALL_TEXT_INDEX

    column = portal.unit_news_column("xzfb")
    page = make_news(column, title="古州镇开展森林防火宣传", body=paragraph_body("发放资料。"))
    other = make_news(column, title="春耕生产工作简报", body=paragraph_body("检查农资。"))
    get_search_backend().add_bulk(NewsPage, [page, other])
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute("SELECT pending_tuples FROM pgstatginindex(%s::regclass)", [ALL_TEXT_INDEX])
        assert cursor.fetchone()[0] == 0
    assert [p.pk for p in Page.objects.live().search("森林防火")] == [page.pk]
