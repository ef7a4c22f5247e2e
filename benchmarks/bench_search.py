"""Search benchmark: index build time and query latency at 10,000 and 100,000 documents.

Documents are built from the regulations corpus (../shared/corpus/regulations): each is a
政策文件 made of three consecutive articles (条) of one regulation, drawn with a fixed seed.
Page rows are inserted in bulk (the tree is not the thing measured); the index is then
built through the configured Wagtail backend (``add_bulk``, i.e. jieba segmentation plus
FTS5 / tsvector writes), and timed. Queries: 200 words and two-word phrases drawn from the
corpus with a fixed seed; latency = the backend's count (up to search.services.COUNT_CAP,
``count_capped``) plus first page of 10 results (what /search/ asks of it), and separately
the whole /search/ view. The exact number of hits is counted outside the timing.

    python benchmarks/bench_search.py                       # 10k on SQLite (+ PostgreSQL if up)
    python benchmarks/bench_search.py --sizes 10000 100000  # the full run (long)
    python benchmarks/bench_search.py --databases sqlite --sizes 10000

Each (database, size) runs in a fresh database in its own process. Results accumulate in
var/bench_search.json and the table is rewritten into docs/performance.md.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks._common import BASE_DIR, percentile, write_section  # noqa: E402

RESULTS = BASE_DIR / "var" / "bench_search.json"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
SEED = 2026
N_QUERIES = 200
BATCH = 500
_ARTICLE_RE = re.compile(r"^第[一二三四五六七八九十百千零〇]+条")


def corpus_dir():
    return Path(os.environ.get("PORTAL_CORPUS_DIR", BASE_DIR.parent / "shared" / "corpus"))


# --- worker: one database, one size -------------------------------------------------------------
def articles_by_regulation():
    from tests.search.corpus import load_regulations

    grouped = []
    for doc in load_regulations(corpus_dir() / "regulations"):
        articles, current = [], []
        for paragraph in doc.paragraphs:
            if _ARTICLE_RE.match(paragraph) and current:
                articles.append(current)
                current = []
            current.append(paragraph)
        if current:
            articles.append(current)
        if len(articles) >= 3:
            grouped.append((doc, articles))
    return grouped


def make_documents(size, rng):
    grouped = articles_by_regulation()
    docs = []
    for i in range(size):
        doc, articles = rng.choice(grouped)
        start = rng.randrange(len(articles) - 2)
        paragraphs = [p for art in articles[start : start + 3] for p in art]
        docs.append((f"{doc.title}（节选{i + 1}）", doc.date, paragraphs))
    return docs


def draw_queries(docs, rng):
    from search.segmentation import segmenter

    han = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
    queries = []
    while len(queries) < N_QUERIES:
        _title, _date, paragraphs = rng.choice(docs)
        words = segmenter.words(" ".join(paragraphs))
        if len(words) < 3:
            continue
        j = rng.randrange(len(words) - 1)
        if not han.match(words[j]):
            continue
        if len(queries) % 2 and han.match(words[j + 1]):
            queries.append(words[j] + words[j + 1])
        else:
            queries.append(words[j])
    return queries


def worker(db_label, size, reuse_of=None):
    from benchmarks._common import setup_django

    setup_django("portal.settings.dev")
    import io

    from django.core.management import call_command
    from django.test import Client, override_settings
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from disclosure_catalog.models import PolicyDocumentPage
    from portal.core.columns import ColumnKey
    from search.segmentation import segmenter
    from tests.factories import Portal
    from tests.search.corpus import bulk_pages

    call_command("migrate", run_syncdb=True, verbosity=0)
    rng = random.Random(SEED)
    docs = make_documents(size, rng)
    chars = sum(len(t) + sum(len(p) for p in ps) for t, _d, ps in docs)
    segmenter.words("预热")  # load the dictionary outside the timing
    reuse = (reuse_of or {}).get(
        "index_s"
    ) is not None and PolicyDocumentPage.objects.count() >= size
    if reuse:  # --reuse: the database was built by an earlier run; measure queries again
        insert_seconds, index_seconds = reuse_of["insert_s"], reuse_of["index_s"]
    else:
        call_command("bootstrap_portal", stdout=io.StringIO())
        parent = Portal().column(ColumnKey.DISCLOSURE_POLICY)
        started = time.perf_counter()
        pages = bulk_pages(parent, docs)
        insert_seconds = time.perf_counter() - started

        backend = get_search_backend()
        started = time.perf_counter()
        for start in range(0, len(pages), BATCH):
            chunk = list(
                PolicyDocumentPage.objects.filter(
                    pk__in=[p.pk for p in pages[start : start + BATCH]]
                )
            )
            backend.add_bulk(PolicyDocumentPage, chunk)
        index_seconds = time.perf_counter() - started

        # what autovacuum does on a live site: statistics for the planner (PostgreSQL's
        # plans for the new index rows depend on them) before anything is measured
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    queries = draw_queries(docs, random.Random(SEED + 1))
    live = Page.objects.live()
    from search.services import COUNT_CAP

    def one(q):
        t = time.perf_counter()
        results = live.search(q, operator="and")
        # what /search/ asks: the count up to COUNT_CAP ("约有 1000 条以上"), first page
        if hasattr(results, "count_capped"):
            results.count_capped(COUNT_CAP)
        else:
            results.count()
        list(results[:10])
        return (time.perf_counter() - t) * 1000

    # first pass: database pages not yet in memory; second pass: a site in use
    first_ms = [one(q) for q in queries]
    backend_ms = [one(q) for q in queries]
    hits = [live.search(q, operator="and").count() for q in queries]  # exact, untimed
    client = Client()
    view_ms = []
    # the page rendered, never a copy: the page cache (kept in var/cache across runs, under
    # a generation a --reuse run would share) is off
    with override_settings(PAGECACHE_ENABLED=False):
        for q in queries[:100]:
            t = time.perf_counter()
            response = client.get("/search/", {"q": q})
            view_ms.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
    return {
        "database": db_label,
        "size": size,
        "chars": chars,
        "insert_s": round(insert_seconds, 1),
        "index_s": round(index_seconds, 1),
        "docs_per_s": round(size / index_seconds, 1),
        "first_p95_ms": round(percentile(first_ms, 95), 1),
        "p50_ms": round(percentile(backend_ms, 50), 1),
        "p95_ms": round(percentile(backend_ms, 95), 1),
        "view_p50_ms": round(percentile(view_ms, 50), 1),
        "view_p95_ms": round(percentile(view_ms, 95), 1),
        "median_hits": sorted(hits)[len(hits) // 2],
        "queries": len(queries),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


# --- driver ---------------------------------------------------------------------------------
def database_name(size):
    # BENCH_SEARCH_DB: run in a database of one's own (parallel work on one server)
    return os.environ.get("BENCH_SEARCH_DB") or f"bench_search_{size}"


def database_url(label, size):
    name = database_name(size)
    if label == "sqlite":
        path = BASE_DIR / "var" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    admin = PG_URL.rstrip("/") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL.rstrip("/") + "/" + name


def existing_url(label, size):
    name = database_name(size)
    if label == "sqlite":
        return f"sqlite:///{BASE_DIR / 'var' / name}.sqlite3"
    return PG_URL.rstrip("/") + "/" + name


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(PG_URL.rstrip("/") + "/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


ROW_FIELDS = (
    "database", "size", "chars", "index_s", "docs_per_s", "first_p95_ms", "p50_ms", "p95_ms",
    "view_p50_ms", "view_p95_ms", "median_hits", "measured_at",
)  # fmt: skip


def rows_in_doc():
    """The rows of the table in docs/performance.md (a fresh checkout has no
    var/bench_search.json): a run of one size keeps the figures of the others."""
    from benchmarks._common import PERFORMANCE_DOC

    text = PERFORMANCE_DOC.read_text(encoding="utf-8") if PERFORMANCE_DOC.exists() else ""
    section = text.partition("<!-- bench:search:start -->")[2].partition("<!-- bench:search:end")[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != len(ROW_FIELDS) or cells[0] not in ("sqlite", "postgres"):
            continue
        row = dict(zip(ROW_FIELDS, cells, strict=True))
        row["size"] = int(row["size"].replace(",", ""))
        row["chars"] = float(row["chars"]) * 1e6
        rows.append(row)
    return rows


def write_results(rows):
    rows = sorted(rows, key=lambda r: (r["size"], r["database"]))
    lines = [
        "## Search (bench_search.py)",
        "",
        "Documents: 政策文件 of three articles each from the regulations corpus; index built "
        "with the jieba-segmenting backend (`add_bulk`), then `ANALYZE`. Latency = what "
        "/search/ asks of the backend: the count up to 1,000 (`count_capped`) and the first "
        f"10 results by relevance, over {N_QUERIES} corpus words and two-word phrases drawn "
        "with a fixed seed. Each query runs twice: the first pass meets a cold database "
        "cache (its p95 in the column *first pass*), the p50/p95 are of the second pass, "
        "a site in use. View = the whole /search/ page (100 queries). Target: p95 ≤ 100 ms "
        "at 100,000 documents. Median hits: exact count, untimed.",
        "",
        "| database | documents | text (M chars) | index build (s) | docs/s | first pass p95 (ms) "
        "| p50 (ms) | p95 (ms) | view p50 (ms) | view p95 (ms) | median hits | measured |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['size']:,} | {r['chars'] / 1e6:.1f} | {r['index_s']} | "
            f"{r['docs_per_s']} | {r.get('first_p95_ms', '–')} | {r['p50_ms']} | "
            f"{r['p95_ms']} | {r['view_p50_ms']} | {r['view_p95_ms']} | {r['median_hits']} | "
            f"{r['measured_at']} |"
        )
    lines += [
        "",
        "Index build = jieba segmentation + index writes (`add_bulk`, 500 pages a batch); "
        "page rows are bulk-inserted beforehand and not counted. Each row is one fresh "
        "database in its own process; `--reuse` re-measures the queries of a database built "
        "earlier (its build time is kept). How relevance stays fast for words in most "
        "documents (docs/search.md, 'Ranking'): SQLite ranks every match with FTS5's bm25() "
        "alone and joins the filters to the best few; PostgreSQL ranks the newest 1,000 "
        "matches, found through the GIN and object-id indexes without reading the others.",
    ]
    write_section("search", "\n".join(lines))
    print("\n".join(lines))


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--databases", nargs="+", default=None)
    parser.add_argument("--worker", nargs=2, metavar=("DB", "SIZE"))
    parser.add_argument("--timeout", type=int, default=3 * 3600)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep databases built by an earlier run; measure queries only",
    )
    args = parser.parse_args(argv)

    if args.worker:
        previous = json.loads(os.environ.get("BENCH_REUSE", "null"))
        print(
            "RESULT " + json.dumps(worker(args.worker[0], int(args.worker[1]), previous)),
            flush=True,
        )
        return 0

    if not (corpus_dir() / "regulations").is_dir():
        print(f"skipped: no corpus at {corpus_dir() / 'regulations'} (set PORTAL_CORPUS_DIR)")
        return 0
    databases = args.databases or (["sqlite", "postgres"] if postgres_available() else ["sqlite"])
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else rows_in_doc()
    for size in args.sizes:
        for label in databases:
            previous = next((r for r in rows if (r["database"], r["size"]) == (label, size)), None)
            reuse = args.reuse and previous is not None
            env = dict(
                os.environ,
                DJANGO_SETTINGS_MODULE="portal.settings.dev",
                DATABASE_URL=(existing_url(label, size) if reuse else database_url(label, size)),
                BENCH_REUSE=json.dumps(previous if reuse else None),
            )
            env.pop("ELASTICSEARCH_URL", None)
            print(f"-- {label}, {size:,} documents", flush=True)
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", label, str(size)],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                )
                output, error = done.stdout, done.stderr
            except subprocess.TimeoutExpired:
                print(f"   timed out after {args.timeout}s")
                continue
            result = next(
                (
                    json.loads(line[7:])
                    for line in output.splitlines()
                    if line.startswith("RESULT ")
                ),
                None,
            )
            if result is None:
                print(output[-2000:], error[-3000:])
                continue
            print("  ", result, flush=True)
            # re-read: another run (the other database) may have added rows meanwhile
            rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else rows_in_doc()
            rows = [r for r in rows if (r["database"], r["size"]) != (label, size)] + [result]
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(json.dumps(rows, indent=1))
    if rows:
        write_results(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
