"""Public page latency on the demo site (SQLite by default, or DATABASE_URL).

Builds a fresh database with ``migrate`` and ``bootstrap_portal --demo`` in a temporary
folder (unless BENCH_REUSE_DB=1 and it exists), then times requests through Django's full
stack (middleware, routing, templates) in-process: the home page, a column listing, a news
item, a catalogue item, and /health/ as the baseline (a request that touches the database
once). Prints medians, p95 and the ratio to the baseline; writes docs/performance.md.
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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.test import Client

    from disclosure_catalog.models import CatalogItemPage
    from news.models import NewsPage

    client = Client()
    news = NewsPage.objects.live().order_by("-first_published_at").first()
    item = CatalogItemPage.objects.live().order_by("-first_published_at").first()
    targets = [
        ("/health/ (baseline)", "/health/"),
        ("home page", "/"),
        ("column listing 部门动态", "/xwdt/bmdt/"),
        ("news item", news.url),
        ("catalogue item", item.url),
    ]
    results = {}
    for label, path in targets:
        for _ in range(5):  # warm caches and renditions
            assert client.get(path).status_code == 200, path
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        results[label] = (statistics.median(times), percentile(times, 95))
    baseline = results["/health/ (baseline)"][0]
    lines = [
        f"Public pages, {engine}, demo content, {REQUESTS} requests each, in-process "
        f"(`python benchmarks/bench_pages.py`).",
        "",
        "| page | median ms | p95 ms | × baseline |",
        "|---|---:|---:|---:|",
    ]
    for label, (med, p95) in results.items():
        lines.append(f"| {label} | {med:.1f} | {p95:.1f} | {med / baseline:.1f} |")
        print(f"{label:28} median {med:7.1f} ms  p95 {p95:7.1f} ms  ×{med / baseline:.1f}")
    write_section(f"pages-{engine.lower()}", "## Public page latency\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
