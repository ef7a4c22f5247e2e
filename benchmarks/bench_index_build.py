"""Index build speed: this code against an older revision, same corpus, same run.

The documents are bench_search.py's (政策文件 of three articles of a regulation, fixed
seed); page rows are bulk-inserted (untimed), then the index is built with the backend's
``add_bulk`` in batches of 500 (timed), as in bench_search.py. ``--code REV`` runs the
indexing path of an older commit: its ``search/segmentation.py`` and
``search/backends/database.py`` are loaded in place of the current ones (the rest of the
project is today's). Each run is a fresh database in its own process; the runs alternate
(old, new, old, new …) so that a change in the machine's load hits both.

    python benchmarks/bench_index_build.py --size 2000 --code 0541a42^ --rounds 2
    python benchmarks/bench_index_build.py --size 2000 --profile    # cProfile of today's

Reports wall and CPU seconds of the build, the share spent in ``segmenter.index_text``
and the size of the index.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks._common import BASE_DIR  # noqa: E402

OVERLAID = ("search/segmentation.py", "search/backends/database.py")


def overlay(rev_dir):
    """Load the older revision's modules under the current names."""
    import importlib.util

    for rel in OVERLAID:
        name = rel[:-3].replace("/", ".")
        spec = importlib.util.spec_from_file_location(name, Path(rev_dir) / rel)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


def worker(size, rev_dir, profile):
    from benchmarks._common import setup_django

    setup_django("portal.settings.dev")
    if rev_dir:
        overlay(rev_dir)
    import io

    from django.core.management import call_command
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from benchmarks.bench_search import BATCH, SEED, make_documents
    from disclosure_catalog.models import PolicyDocumentPage
    from portal.core.columns import ColumnKey
    from search import segmentation
    from tests.factories import Portal
    from tests.search.corpus import bulk_pages

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("bootstrap_portal", stdout=io.StringIO())
    docs = make_documents(size, random.Random(SEED))
    pages = bulk_pages(Portal().column(ColumnKey.DISCLOSURE_POLICY), docs)
    segmenter = segmentation.segmenter
    segmenter.words("预热")  # the dictionary, outside the timing
    spent = [0.0]
    index_text = segmenter.index_text

    def timed(text):
        t = time.perf_counter()
        try:
            return index_text(text)
        finally:
            spent[0] += time.perf_counter() - t

    segmenter.index_text = timed
    backend = get_search_backend()
    chunks = [
        list(PolicyDocumentPage.objects.filter(pk__in=[p.pk for p in pages[i : i + BATCH]]))
        for i in range(0, len(pages), BATCH)
    ]
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    wall, cpu = time.perf_counter(), time.process_time()
    for chunk in chunks:
        backend.add_bulk(PolicyDocumentPage, chunk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages_n = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            db_mb = pages_n * cursor.fetchone()[0] / 1e6
        else:
            from wagtail.search.models import IndexEntry

            cursor.execute("SELECT pg_total_relation_size(%s)", [IndexEntry._meta.db_table])
            db_mb = cursor.fetchone()[0] / 1e6
    return {
        "size": size,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "segment_s": round(spent[0], 2),
        "db_mb": round(db_mb, 1),
    }


def run(label, size, rev_dir, database, profile=False):
    name = f"bench_index_{os.getpid()}"
    if database == "sqlite":
        path = BASE_DIR / "var" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
        with psycopg.connect(base.rstrip("/") + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = base.rstrip("/") + "/" + name
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    env.pop("ELASTICSEARCH_URL", None)
    args = [sys.executable, __file__, "--worker", str(size), rev_dir or "-"]
    if profile:
        args.append("--profile")
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
    finally:
        if database == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    if profile:
        print(done.stderr[-20000:])
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        print(done.stdout[-2000:], done.stderr[-4000:])
        return None
    result = dict(json.loads(line[7:]), code=label, database=database)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--code", default=None, help="an older revision to compare with")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--worker", nargs=2)
    args = parser.parse_args(argv)
    if args.worker:
        size, rev_dir = int(args.worker[0]), args.worker[1]
        result = worker(size, None if rev_dir == "-" else rev_dir, args.profile)
        print("RESULT " + json.dumps(result), flush=True)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.code:
            for rel in OVERLAID:
                target = Path(tmp) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(
                    subprocess.run(
                        ["git", "show", f"{args.code}:{rel}"],
                        cwd=BASE_DIR,
                        capture_output=True,
                        check=True,
                    ).stdout
                )
            # the dictionary files of today (the older segmenter looks for them beside it)
            (Path(tmp) / "search" / "data").symlink_to(BASE_DIR / "search" / "data")
        print("load before:", os.getloadavg(), flush=True)
        for _ in range(args.rounds):
            if args.code:
                run(args.code, args.size, tmp, args.database)
            run("current", args.size, None, args.database, profile=args.profile)
        print("load after:", os.getloadavg(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
