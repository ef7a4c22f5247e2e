"""Public page latency on the demo site (SQLite by default, or DATABASE_URL).

Builds a fresh database with ``migrate`` and ``bootstrap_portal --demo`` in a temporary
folder (unless BENCH_REUSE_DB=1 and it exists), then times requests through Django's full
stack (middleware, routing, templates) in-process, with the anonymous page cache off (so
every request renders): the home page, a column listing, a news item, a catalogue item, a
search, and /health/ as the baseline (a request that touches the database once). Prints
medians (wall and CPU time of the process), p95, the ratio to the baseline and each page's
queries; writes docs/performance.md with the machine's load.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import BASE_DIR, percentile, write_section  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def count_queries(client, path):
    from django.db import connection

    queries = []

    def counter(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(path)
    return len(queries)


def prepare_database():
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], "PostgreSQL" if "postgres" in os.environ[
            "DATABASE_URL"
        ] else "custom"
    folder = Path(tempfile.gettempdir()) / "portal-bench-pages"
    folder.mkdir(exist_ok=True)
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    if not (os.environ.get("BENCH_REUSE_DB") == "1" and (folder / "bench.sqlite3").exists()):
        for suffix in ("", "-wal", "-shm"):
            (folder / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(folder / "media")}
        for args in (["migrate", "-v0"], ["bootstrap_portal", "--demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=BASE_DIR,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    return url, "SQLite"


def main():
    sys.path.insert(0, str(BASE_DIR))
    url, engine = prepare_database()
    os.environ["DATABASE_URL"] = url
    os.environ["PAGECACHE_ENABLED"] = "0"  # the uncached render is what is measured
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.test import Client

    from disclosure_catalog.models import CatalogItemPage
    from news.models import NewsPage

    client = Client()
    from portal.core.sites import default_site

    site = default_site()
    own = dict(path__startswith=site.root_page.path)
    news = NewsPage.objects.live().filter(**own).order_by("-first_published_at").first()
    item = CatalogItemPage.objects.live().filter(**own).order_by("-first_published_at").first()
    targets = [
        ("/health/ (baseline)", "/health/"),
        ("home page", "/"),
        ("column listing 部门动态", "/xwdt/bmdt/"),
        ("news item", news.relative_url(site)),
        ("catalogue item", item.relative_url(site)),
        ("search 乡村振兴", "/search/?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4"),
    ]
    from portal.core.cache import bump_generation

    results = {}
    targets.insert(2, ("home page, first view after a publication", "/"))
    for label, path in targets:
        # after a publication nothing rendered before is reused (fragments, routes): a
        # publication before each of these requests, untimed
        before = bump_generation if "after a publication" in label else (lambda: None)
        for _ in range(5):  # warm caches and renditions
            assert client.get(path).status_code == 200, path
        times, cpu = [], []
        for _ in range(REQUESTS):
            before()
            start, start_cpu = time.perf_counter(), time.thread_time()
            client.get(path)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
        before()
        results[label] = (
            statistics.median(times),
            percentile(times, 95),
            statistics.median(cpu),
            count_queries(client, path),
        )
    baseline = results["/health/ (baseline)"][0]
    load = os.getloadavg()
    lines = [
        f"Public pages, {engine}, demo content, {REQUESTS} requests each, in-process, page"
        " cache off (`python benchmarks/bench_pages.py`). CPU ms: the process's own time,"
        " less disturbed than the wall time by other work on the machine.",
        "",
        "| page | median ms | p95 ms | CPU median ms | × baseline | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, (med, p95, cpu_med, queries) in results.items():
        lines.append(
            f"| {label} | {med:.1f} | {p95:.1f} | {cpu_med:.1f} | {med / baseline:.1f}"
            f" | {queries} |"
        )
        print(
            f"{label:28} median {med:7.1f} ms  p95 {p95:7.1f} ms  CPU {cpu_med:6.1f} ms"
            f"  ×{med / baseline:.1f}  {queries} queries"
        )
    lines += [
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average"
        f" {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) at the end (a shared"
        " 2-CPU machine).",
    ]
    write_section(f"pages-{engine.lower()}", "## Public page latency\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
