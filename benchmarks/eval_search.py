"""Search quality on the regulations corpus: found / top-1 / top-10 per kind of query.

The 683 regulations of ../shared/corpus/regulations (PORTAL_CORPUS_DIR) are indexed as
政策文件 through the configured database backend; queries are generated *by rule* from the
texts with a fixed seed (no query is chosen by hand):

- ``phrase``: two words standing side by side in a document (jieba precise mode, 2–4 Han
  characters each, not across punctuation), typed as one string, whose joined string occurs
  in at most ``PHRASE_MAX_DOCS`` documents;
- ``rare``: a word of 2–4 Han characters (precise mode) occurring in at most
  ``RARE_MAX_DOCS`` documents;
- ``cut-alone``: a word of a document's cut that jieba cuts differently when it is typed
  alone (segmenter.words(w) != [w]);
- ``cut-context``: a dictionary word (jieba keeps it whole when typed alone) that occurs in
  a document's text but never as a word of that document's cut (jieba cut across it there).

Relevant documents of a query = the documents whose title + text contain the query string.
*found*: the source document (the one the query was drawn from) is among the results (a
search limited to it); *top-1* / *top-10*: a relevant document is the first result / among
the first ten. The same rules measure any corpus (``--corpus DIR``).

    python benchmarks/eval_search.py                      # SQLite (+ PostgreSQL if up)
    python benchmarks/eval_search.py --databases sqlite --label before

Results accumulate in var/eval_search.json; ``--write-doc`` rewrites the table in
docs/search.md between the ``eval`` markers.
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

from benchmarks._common import BASE_DIR  # noqa: E402

RESULTS = Path(os.environ.get("EVAL_RESULTS", BASE_DIR / "var" / "eval_search.json"))
SEARCH_DOC = BASE_DIR / "docs" / "search.md"
PG_URL = os.environ.get("EVAL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
PG_DB = os.environ.get("EVAL_POSTGRES_DB", "wt_search_rank")
SEED = 20261201
PER_KIND = 300
PHRASE_MAX_DOCS = 3
RARE_MAX_DOCS = 5
KINDS = ("phrase", "rare", "cut-alone", "cut-context")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def corpus_dir(arg=None):
    if arg:
        return Path(arg)
    return Path(os.environ.get("PORTAL_CORPUS_DIR", BASE_DIR.parent / "shared" / "corpus"))


def draw(docs, seg_words, is_word, rng):
    """{kind: [(query, source index)]}, at most PER_KIND each, by the rules above."""
    texts = [d.title + "\n" + d.text for d in docs]

    def doc_freq(s, limit):
        n = 0
        for t in texts:
            if s in t:
                n += 1
                if n > limit:
                    break
        return n

    doc_words = [seg_words(t) for t in texts]
    doc_sets = [set(ws) for ws in doc_words]
    out = {kind: [] for kind in KINDS}
    seen = set()
    attempts = 0
    while any(len(v) < PER_KIND for v in out.values()) and attempts < 400_000:
        attempts += 1
        i = rng.randrange(len(docs))
        words = doc_words[i]
        if len(words) < 3:
            continue
        j = rng.randrange(len(words) - 1)
        w1, w2 = words[j], words[j + 1]
        if not _HAN.match(w1):
            continue
        kind = KINDS[attempts % len(KINDS)]
        if len(out[kind]) >= PER_KIND:
            continue
        if kind == "phrase":
            q = w1 + w2
            if not _HAN.match(w2) or q not in texts[i]:
                continue
            if doc_freq(q, PHRASE_MAX_DOCS) > PHRASE_MAX_DOCS:
                continue
        elif kind == "rare":
            q = w1
            if doc_freq(q, RARE_MAX_DOCS) > RARE_MAX_DOCS:
                continue
        elif kind == "cut-alone":
            q = w1
            if seg_words(q) == [q]:
                continue
        else:  # cut-context: a dictionary word inside the text, never a word of this cut
            text = texts[i]
            start = text.find(w1)
            pos = start + rng.randrange(len(w1))
            size = rng.choice((2, 3, 4))
            q = text[pos : pos + size]
            if not _HAN.match(q) or not is_word(q) or seg_words(q) != [q]:
                continue
            if q in doc_sets[i]:
                continue
        if (kind, q) in seen:
            continue
        seen.add((kind, q))
        out[kind].append((q, i))
    return out


def worker(label, corpus):
    from benchmarks._common import setup_django

    setup_django("portal.settings.dev")
    import io

    from django.core.management import call_command
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from disclosure_catalog.models import PolicyDocumentPage
    from portal.core.columns import ColumnKey
    from search.segmentation import segmenter
    from tests.factories import Portal
    from tests.search.corpus import bulk_pages, load_regulations

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("bootstrap_portal", stdout=io.StringIO())
    docs = load_regulations(corpus / "regulations")
    parent = Portal().column(ColumnKey.DISCLOSURE_POLICY)
    pages = bulk_pages(parent, [(d.title, d.date, d.paragraphs) for d in docs])
    segmenter.words("预热")
    backend = get_search_backend()
    started = time.perf_counter()
    for start in range(0, len(pages), 100):
        chunk = PolicyDocumentPage.objects.filter(pk__in=[p.pk for p in pages[start : start + 100]])
        backend.add_bulk(PolicyDocumentPage, list(chunk))
    index_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    queries = draw(docs, segmenter.words, segmenter.is_word, random.Random(SEED))
    texts = [d.title + "\n" + d.text for d in docs]
    pk_of = [p.pk for p in pages]
    live = PolicyDocumentPage.objects.live()
    result = {"database": connection.vendor, "label": label, "docs": len(docs)}
    result["index_s"] = round(index_seconds, 1)
    misses = {}
    started = time.perf_counter()
    for kind, items in queries.items():
        found = top1 = top10 = 0
        for q, i in items:
            relevant = {pk_of[k] for k, t in enumerate(texts) if q in t}
            ranked = [p.pk for p in live.search(q)[:10]]
            hit = pk_of[i] in ranked or bool(list(live.filter(pk=pk_of[i]).search(q)[:1]))
            found += hit
            top1 += bool(ranked) and ranked[0] in relevant
            in10 = bool(relevant & set(ranked))
            top10 += in10
            if not in10:
                misses.setdefault(kind, []).append(q)
        n = len(items)
        result[kind] = {"n": n, "found": found, "top1": top1, "top10": top10}
    result["query_s"] = round(time.perf_counter() - started, 1)
    result["misses"] = {k: v[:15] for k, v in misses.items()}
    result["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return result


def database_url(label):
    if label == "sqlite":
        path = BASE_DIR / "var" / "eval_search.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_URL.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}"')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return PG_URL.rstrip("/") + "/" + PG_DB


def pct(part, whole):
    return f"{part / whole:.1%}" if whole else "–"


def table(rows):
    lines = [
        "| code | database | kind | queries | found | top-1 | top-10 |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: (r["label"] != "before", r["label"], r["database"])):
        for kind in KINDS:
            k = r.get(kind)
            if not k:
                continue
            lines.append(
                f"| {r['label']} | {r['database']} | {kind} | {k['n']} | "
                f"{pct(k['found'], k['n'])} | {pct(k['top1'], k['n'])} | "
                f"{pct(k['top10'], k['n'])} |"
            )
    return "\n".join(lines)


def write_doc(rows):
    start, end = "<!-- eval:start -->", "<!-- eval:end -->"
    text = SEARCH_DOC.read_text(encoding="utf-8")
    block = f"{start}\n{table(rows)}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    SEARCH_DOC.write_text(text, encoding="utf-8")


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--label", default="after")
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--worker", metavar="DB")
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--write-doc", action="store_true")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    if args.worker:
        print("RESULT " + json.dumps(worker(args.label, corpus), ensure_ascii=False), flush=True)
        return 0
    if not (corpus / "regulations").is_dir():
        print(f"skipped: no corpus at {corpus / 'regulations'} (set PORTAL_CORPUS_DIR)")
        return 0
    for db in args.databases:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev")
        env["DATABASE_URL"] = database_url(db)
        env.pop("ELASTICSEARCH_URL", None)
        print(f"-- {db} ({args.label})", flush=True)
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--worker", db, "--label", args.label]
                + (["--corpus", args.corpus] if args.corpus else []),
                env=env,
                capture_output=True,
                text=True,
                timeout=args.timeout,
            )
        except subprocess.TimeoutExpired:
            print(f"   timed out after {args.timeout}s")
            continue
        result = next(
            (json.loads(ln[7:]) for ln in done.stdout.splitlines() if ln.startswith("RESULT ")),
            None,
        )
        if result is None:
            print(done.stdout[-2000:], done.stderr[-3000:])
            continue
        print("  ", json.dumps(result, ensure_ascii=False), flush=True)
        rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
        rows = [r for r in rows if (r["database"], r["label"]) != (result["database"], args.label)]
        rows.append(result)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    print(table(rows))
    if args.write_doc and rows:
        write_doc(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
