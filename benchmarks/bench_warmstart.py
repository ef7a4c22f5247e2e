"""Warm start: the first search in a fresh gunicorn worker vs a warm one, and memory per
worker, with and without portal/gunicorn.conf.py (preload + warm-up in the master).

`python benchmarks/bench_warmstart.py` — a fresh demo portal on SQLite, gunicorn with two
workers, started three times each way; writes its section of docs/performance.md.
"""

import os
import statistics
import time
from datetime import UTC, datetime
from urllib.parse import quote

from _common import setup_django, write_section
from _stack import (
    children,
    demo_portal,
    free_port,
    get,
    load_average,
    memory_mb,
    start_gunicorn,
    stop,
)

QUERIES = ["乡村振兴", "政府信息公开", "教育", "医疗保障", "营商环境", "人民政府"]
ROUNDS = 3


def one_round(env, warm):
    # BENCH_PORT: a port of one's own on a shared machine
    port = int(os.environ.get("BENCH_PORT") or free_port())
    started = time.perf_counter()
    process = start_gunicorn(env, port, workers=2, warm=warm)
    try:
        # ready = a worker answers (with the page cache off, /health/ touches no search code)
        while get(port, "/health/")[0] != 200:
            time.sleep(0.1)
        listening = time.perf_counter() - started
        timings = []
        for query in QUERIES:  # both workers take some: the first two meet fresh workers
            status, _, _, seconds = get(port, "/search/?q=" + quote(query))
            assert status == 200, status
            timings.append(seconds)
        workers = children(process.pid)
        memory = [memory_mb(pid) for pid in workers]
        return {
            "start": listening,
            "first": timings[0],
            "warm": statistics.median(timings[-3:]),
            "rss": statistics.mean(m[0] for m in memory),
            "pss": statistics.mean(m[1] for m in memory),
            "master": memory_mb(process.pid)[0],
        }
    finally:
        stop(process)


def main():
    setup_django()
    workdir, env = demo_portal()
    # the page cache would answer repeated searches: measure the search itself
    env["PAGECACHE_ENABLED"] = "0"
    rows = []
    for warm in (False, True):
        results = [one_round(env, warm) for _ in range(ROUNDS)]
        row = {key: statistics.median(r[key] for r in results) for key in results[0]}
        row["label"] = (
            "`gunicorn -c portal/gunicorn.conf.py` (preload, warm-up in the master)"
            if warm
            else "plain `gunicorn` (dictionary loaded lazily in each worker)"
        )
        rows.append(row)
        print(row, flush=True)
    load = load_average()
    lines = [
        "## Warm start (bench_warmstart.py)",
        "",
        "`python benchmarks/bench_warmstart.py`: a demo portal on SQLite, gunicorn with 2"
        " workers, page cache off; six different searches right after start (the first"
        " meets a fresh worker), median of 3 starts each way. Memory: mean over the two"
        " workers after the searches; PSS counts pages shared with the master (copy-on-write)"
        " once.",
        "",
        "| server | start until a worker answers (s) | first search (s) | warm search (s)"
        " | first / warm | RSS per worker (MB) | PSS per worker (MB) | master RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {r['start']:.2f} | {r['first']:.2f} | {r['warm']:.3f}"
            f" | {r['first'] / r['warm']:.1f}× | {r['rss']:.0f} | {r['pss']:.0f}"
            f" | {r['master']:.0f} |"
        )
    lines += [
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on a shared 2-CPU machine, load"
        f" average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) at the end."
        " Target: first search within 2× of a warm one.",
    ]
    write_section("warmstart", "\n".join(lines))
    import shutil

    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
