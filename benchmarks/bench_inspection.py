"""全站巡检 at scale: ``run_inspection`` (what ``manage.py inspect_site`` runs) over N live pages,
on SQLite and on PostgreSQL — wall time, CPU time, peak memory, and a second run with nothing
changed (it must rescan nothing).

    python benchmarks/bench_inspection.py                       # 1,000 pages (make bench)
    python benchmarks/bench_inspection.py --pages 100000        # the full figure (long)
    python benchmarks/bench_inspection.py --databases sqlite --pages 5000

Pages are 政策文件 of three articles each from the regulations corpus (the generator of
bench_search.py; synthetic sentences from the demo phrase banks when there is no corpus),
bulk-inserted table by table (tests/search/corpus.py ``bulk_pages``) under the portal's 政策文件
column. Each phase runs in a process of its own so its peak RSS (``ru_maxrss``) is the phase's
own: *build* (fresh database, migrate, bootstrap_portal, insert), *first* (every page new:
inspected), *second* (nothing changed: rescans 0 pages). External links are not asked
(``--no-external``; tests and benchmarks use no network) and no mail is sent.
Results accumulate in var/bench_inspection.json; the table is rewritten into
docs/performance.md (section "inspection").
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks._common import BASE_DIR, write_section  # noqa: E402

RESULTS = BASE_DIR / "var" / "bench_inspection.json"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
SEED = 2613
CHUNK = 2000  # pages generated and inserted at a time (the builder's memory stays flat)


def rss_mb():
    """Current resident set size of this process (Linux), MB."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler(threading.Thread):
    """Samples the RSS every 0.5 s: the curve shows whether memory grows with pages."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.5):
            self.samples.append(rss_mb())


# --- phases (each in its own process) -----------------------------------------------------
def synthetic_documents(count, rng):
    from home import demo_text

    sentences = [
        s
        for v in vars(demo_text).values()
        if isinstance(v, list)
        for s in v
        if isinstance(s, str) and "{" not in s
    ]
    import datetime

    for i in range(count):
        paragraphs = ["".join(rng.choice(sentences) for _ in range(4)) for _ in range(5)]
        yield (f"关于做好相关工作的通知（{i + 1}）", datetime.date(2024, 1, 1), paragraphs)


def documents(count):
    """(title, date, paragraphs) of ``count`` pages, generated lazily in chunks."""
    from benchmarks import bench_search

    rng = random.Random(SEED)
    if (bench_search.corpus_dir() / "regulations").is_dir():
        grouped = bench_search.articles_by_regulation()
        for i in range(count):
            doc, articles = rng.choice(grouped)
            start = rng.randrange(len(articles) - 2)
            paragraphs = [p for art in articles[start : start + 3] for p in art]
            yield (f"{doc.title}（节选{i + 1}）", doc.date, paragraphs)
    else:
        yield from synthetic_documents(count, rng)


def build(pages):
    from benchmarks._common import setup_django

    setup_django("portal.settings.dev")
    import io
    import itertools

    from django.core.management import call_command

    from portal.core.columns import ColumnKey
    from tests.factories import Portal
    from tests.search.corpus import bulk_pages

    started = time.perf_counter()
    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("bootstrap_portal", stdout=io.StringIO())
    setup_s = time.perf_counter() - started
    parent = Portal().column(ColumnKey.DISCLOSURE_POLICY)
    chars = 0
    started = time.perf_counter()
    stream = documents(pages)
    while chunk := list(itertools.islice(stream, CHUNK)):
        chars += sum(len(t) + sum(len(p) for p in ps) for t, _d, ps in chunk)
        bulk_pages(parent, chunk)
        parent.refresh_from_db()
    insert_s = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from wagtail.models import Page

    return {
        "setup_s": round(setup_s, 1),
        "insert_s": round(insert_s, 1),
        "chars": chars,
        "live_pages": Page.objects.live().filter(depth__gt=1).count(),
    }


def inspect():
    from benchmarks._common import setup_django

    setup_django("portal.settings.dev")
    from portal.review.checker.typos import vocabulary
    from portal.review.inspection import run_inspection
    from portal.review.models import InspectionFinding

    vocabulary()  # the dictionaries, loaded at startup by the scheduler's process too
    baseline = rss_mb()
    sampler = RssSampler()
    sampler.start()
    cpu = time.process_time()
    started = time.perf_counter()
    run = run_inspection(check_external_links=False, notify=False)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    sampler.stop.set()
    sampler.join()
    samples = sampler.samples or [rss_mb()]
    third = max(1, len(samples) // 3)
    return {
        "pages": run.pages,
        "new_findings": run.new_findings,
        "findings_total": InspectionFinding.objects.count(),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "ms_per_page": round(wall * 1000 / max(1, run.pages), 1),
        "rss_start_mb": round(baseline),
        # memory after the first and the last third of the run: equal when it stays flat
        "rss_first_third_mb": round(max(samples[:third])),
        "rss_last_third_mb": round(max(samples[-third:])),
        "peak_rss_mb": round(peak_mb()),
    }


# --- driver -------------------------------------------------------------------------------
def database_name():
    return os.environ.get("BENCH_INSPECTION_DB") or "bench_inspection"


def fresh_url(label):
    name = database_name()
    if label == "sqlite":
        path = BASE_DIR / "var" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_URL.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL.rstrip("/") + "/" + name


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(PG_URL.rstrip("/") + "/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


def load():
    return os.getloadavg()[0]


def phase(name, url, pages, timeout):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=url)
    env.pop("ELASTICSEARCH_URL", None)
    done = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--pages", str(pages)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"phase {name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def measure(label, pages, timeout, label_suffix=""):
    url = fresh_url(label)
    print(f"-- {label}, {pages:,} pages", flush=True)
    row = {"database": label + label_suffix, "size": pages}
    load_before = load()
    row["build"] = phase("build", url, pages, timeout)
    print("   build", row["build"], flush=True)
    row["first"] = phase("inspect", url, pages, timeout)
    print("   first", row["first"], flush=True)
    row["second"] = phase("inspect", url, pages, timeout)
    print("   second", row["second"], flush=True)
    row["load"] = f"{load_before:.1f}→{load():.1f}"
    row["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return row


def write_results(rows):
    rows = sorted(rows, key=lambda r: (r["size"], r["database"]))
    lines = [
        "## 全站巡检 at scale (bench_inspection.py)",
        "",
        "`run_inspection` (= `manage.py inspect_site --no-external --no-mail`) over N live "
        "政策文件 (three articles of a regulation each, bulk-inserted), each run in a fresh "
        "process: *first* = every page new, *second* = nothing changed since. RSS sampled "
        "every 0.5 s: *start* after Django and the dictionaries are loaded, then the highest "
        "sample of the first and of the last third of the run (equal when memory does not "
        "grow with pages), and the process's peak.",
        "",
        "| database | pages | text (M chars) | first run wall (s) | CPU (s) | ms/page | "
        "findings | RSS start / 1st third / last third / peak (MB) | second run: pages, "
        "wall (s), peak (MB) | load (1 min) | measured |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for r in rows:
        f, s = r["first"], r["second"]
        lines.append(
            f"| {r['database']} | {r['size']:,} | {r['build']['chars'] / 1e6:.1f} | "
            f"{f['wall_s']} | {f['cpu_s']} | {f['ms_per_page']} | {f['findings_total']:,} | "
            f"{f['rss_start_mb']} / {f['rss_first_third_mb']} / {f['rss_last_third_mb']} / "
            f"{f['peak_rss_mb']} | {s['pages']}, {s['wall_s']}, {s['peak_rss_mb']} | "
            f"{r['load']} | {r['measured_at']} |"
        )
    notes = (BASE_DIR / "benchmarks" / "data" / "bench_inspection_notes.md").read_text("utf-8")
    write_section("inspection", "\n".join(lines) + "\n\n" + notes)
    print("\n".join(lines))


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--databases", nargs="+", default=None)
    parser.add_argument("--phase", choices=["build", "inspect"])
    parser.add_argument("--label", default="", help="suffix of the row's database label")
    parser.add_argument("--timeout", type=int, default=2 * 3600, help="seconds per phase")
    args = parser.parse_args(argv)
    if args.phase:
        result = build(args.pages) if args.phase == "build" else inspect()
        print("RESULT " + json.dumps(result), flush=True)
        return 0
    databases = args.databases or (["sqlite", "postgres"] if postgres_available() else ["sqlite"])
    for label in databases:
        try:
            row = measure(label, args.pages, args.timeout, args.label)
        except subprocess.TimeoutExpired:
            print(f"   timed out after {args.timeout}s per phase")
            continue
        rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
        rows = [r for r in rows if (r["database"], r["size"]) != (row["database"], row["size"])]
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(rows + [row], indent=1))
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    if rows:
        write_results(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
