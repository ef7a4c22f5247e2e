"""Benchmark: the annual statistics report at 10k items in one year and 100k items over ten
years (DESIGN §1: plan for ten years of ~9k items a year).

Events are loaded through the historical-import API (the path the migration importer uses),
into a throw-away database: a temporary SQLite file, or BENCH_DATABASE_URL (e.g. a scratch
PostgreSQL database). Prints medians and writes the "statistics" section of
docs/performance.md. Target: a year's report under 1 s at 100k items.
"""

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, median, setup_django, write_section  # noqa: E402

TMP = tempfile.mkdtemp(prefix="bench_stats_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.statistics.models import DailyCount, PublicationEvent  # noqa: E402
from portal.statistics.recorder import (  # noqa: E402
    HistoricalPublication,
    record_historical_publications,
)
from portal.statistics.reports import annual_report, verify  # noqa: E402

NEWS_LABELS = ["要闻", "部门动态", "乡镇动态", "通知公告"]
CATALOGUE_LABELS = [
    "财政信息",
    "提案建议",
    "政策文件",
    "规划计划",
    "部门信息公开目录",
    "乡镇信息公开目录",
    "人事信息",
    "政府采购",
]


def generate(first_year, years, per_year, start_id, seed):
    """Records shaped like the county's year: 59% news, 32% catalogue, 8% other, overview
    republications, a few topics; ~3% republished, ~1% withdrawn."""
    rnd = random.Random(seed)
    records, page_id = [], start_id
    for year in range(first_year, first_year + years):
        base = timezone.make_aware(datetime(year, 1, 1))
        for _ in range(per_year):
            page_id += 1
            when = base + timedelta(minutes=rnd.randint(0, 364 * 24 * 60))
            r = rnd.random()
            if r < 0.59:
                category, label = "news", rnd.choice(NEWS_LABELS)
            elif r < 0.91:
                category, label = "catalogue", rnd.choice(CATALOGUE_LABELS)
            else:
                category, label = "other", ""
            common = dict(category=category, label=label, unit_id=rnd.randint(1, 45), column=None)
            records.append(HistoricalPublication(page_id, when, **common))
            if rnd.random() < 0.03:
                records.append(HistoricalPublication(page_id, when + timedelta(days=2), **common))
            elif rnd.random() < 0.01:
                records.append(
                    HistoricalPublication(
                        page_id, when + timedelta(days=1), event="unpublish", **common
                    )
                )
        for n in range(per_year // 120):  # 概况类 republications of 5 pages
            when = base + timedelta(days=rnd.randint(0, 360))
            records.append(
                HistoricalPublication(
                    start_id - 1 - n % 5, when, category="overview", label="", unit_id=1
                )
            )
        for _ in range(3):
            page_id += 1
            records.append(
                HistoricalPublication(
                    page_id, base + timedelta(days=40), page_kind="topic", unit_id=1
                )
            )
    return records, page_id


def time_report(year, runs=7):
    times = []
    for _ in range(runs):
        with Timer() as t:
            annual_report(year)
        times.append(t.seconds)
    return median(times)


def main():
    call_command("migrate", verbosity=0)
    results = []
    # 10k items in one year
    records, last_id = generate(2019, 1, 10_000, 1_000_000, seed=1)
    with Timer() as load:
        record_historical_publications(records)
    one = time_report(2019)
    with Timer() as ver:
        assert verify(2019) == []
    results.append(("10,000 items, 1 year", len(records), load.seconds, one, ver.seconds))

    # 100k items over ten years (the 10k year above plus nine more)
    loaded_before = len(records)
    records, _ = generate(2010, 9, 10_000, 2_000_000, seed=2)
    with Timer() as load:
        record_historical_publications(records)
    ten = time_report(2019)
    mid = time_report(2014)
    with Timer() as ver:
        assert verify(2014) == []
    all_years = []
    with Timer() as t_all:
        for year in range(2010, 2020):
            all_years.append(annual_report(year)["total"])
    results.append(
        (
            "100,000 items, 10 years",
            loaded_before + len(records),
            load.seconds,
            max(ten, mid),
            ver.seconds,
        )
    )

    events = PublicationEvent.objects.count()
    counters = DailyCount.objects.count()
    vendor = connection.vendor
    rows = [
        f"| {vendor} | {name} | {n:,} | {load_s:.2f} | {report_s:.3f} | {verify_s:.2f} |"
        for name, n, load_s, report_s, verify_s in results
    ]
    summary = (
        f"{vendor}: {events:,} log rows, {counters:,} daily counter rows at the end; "
        f"all ten yearly reports at 100k items in {t_all.seconds:.2f} s; target (a "
        f"year's report under 1 s at 100k items) "
        f"{'met' if max(ten, mid) < 1 else 'NOT met'}."
    )
    return rows, summary


def child_run(url):
    """The same benchmark on another database (BENCH_POSTGRES_URL), in a fresh process."""
    import subprocess

    env = dict(os.environ, BENCH_DATABASE_URL=url, BENCH_CHILD="1")
    out = subprocess.run(
        [sys.executable, __file__], env=env, capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    summary = [line for line in out.splitlines() if line.startswith("SUMMARY ")]
    return rows, summary[0][8:] if summary else ""


def run():
    rows, summary = main()
    if os.environ.get("BENCH_CHILD"):
        print("\n".join(rows))
        print("SUMMARY " + summary)
        return
    summaries = [summary]
    pg = os.environ.get("BENCH_POSTGRES_URL")
    if pg:
        pg_rows, pg_summary = child_run(pg)
        rows += pg_rows
        summaries.append(pg_summary)
    lines = [
        "## Annual statistics (`portal_stats`)",
        "",
        "Events loaded through `record_historical_publications` (the import API) into a "
        "scratch database; report = `annual_report(year)`, median of 7; verify = replay of "
        "the year from the log. Set BENCH_POSTGRES_URL to an empty scratch PostgreSQL "
        "database to add PostgreSQL rows.",
        "",
        "| database | scenario | events in the log | load of the new events (s) "
        "| one year's report (s) | verify one year (s) |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        *[f"- {s}" for s in summaries],
    ]
    text = "\n".join(lines)
    print(text)
    write_section("statistics", text)


if __name__ == "__main__":
    run()
