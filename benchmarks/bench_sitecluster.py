"""Benchmark (issue 12): one site's yearly statistics on a platform of N sites × M items,
against a single-site installation of M items — measured in the same run, on the same
database: first with one site loaded, then after the other N−1 sites are added.

    .venv/bin/python benchmarks/bench_sitecluster.py [--sites 5] [--items 2000]
    BENCH_DATABASE_URL=postgres://…/scratch …  --sites 50 --items 2000   (the issue's figure)

Events go through the historical-import API (``record_historical_publications``, the path of
the migration importer) with ``site_id``; the sites are Wagtail ``Site`` rows. Measured: one
site's ``annual_report`` (median of 7), its ``verify`` (the replay from the log), and the
platform desk's counter query for every site (``portal.platform.desk.published_counts``).
Page rendering per site (home, listing, article) and site / platform search are measured
by bench_sitecluster_pages.py, on bootstrapped sites with their trees.
Writes the "sitecluster" section of docs/performance.md with the machine's load.
"""

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, median, setup_django, write_section  # noqa: E402

TMP = tempfile.mkdtemp(prefix="bench_sites_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from portal.statistics.recorder import record_historical_publications  # noqa: E402
from portal.statistics.reports import annual_report, verify  # noqa: E402

YEAR = 2025


def make_sites(count):
    from wagtail.models import Page, Site

    root = Page.objects.filter(depth=2).first() or Page.objects.first()
    existing = list(Site.objects.order_by("pk"))
    sites = existing[:count]
    for i in range(len(sites), count):
        sites.append(
            Site.objects.create(
                hostname=f"s{i}.localhost", port=80, root_page=root, site_name=f"站点{i}"
            )
        )
    return sites


def load_site(site, items, seed):
    from bench_statistics import generate  # the county-shaped year of the statistics bench

    records, _ = generate(YEAR, 1, items, 10_000_000 * (seed + 1), seed=seed)
    for record in records:
        record.site_id = site.pk
    with Timer() as t:
        record_historical_publications(records)
    return len(records), t.seconds


def measure(site):
    times = []
    for _ in range(7):
        with Timer() as t:
            report = annual_report(YEAR, site=site)
        times.append(t.seconds)
    with Timer() as v:
        assert verify(YEAR, site=site) == []
    return report["total"], median(times), v.seconds


def desk_counts():
    from portal.platform.desk import published_counts

    times = []
    for _ in range(5):
        with Timer() as t:
            published_counts(date(YEAR, 12, 31))
        times.append(t.seconds)
    return median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=5)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    sites = make_sites(args.sites)
    first = sites[0]
    n_events, _load = load_site(first, args.items, seed=0)
    single_total, single_report, single_verify = measure(first)
    single_desk = desk_counts()
    loaded = n_events
    with Timer() as load_all:
        for i, site in enumerate(sites[1:], start=1):
            loaded += load_site(site, args.items, seed=i)[0]
    total, platform_report, platform_verify = measure(first)
    assert total == single_total, "the other sites changed this site's figures"
    last_total, last_report, _ = measure(sites[-1])
    platform_desk = desk_counts()
    load = os.getloadavg()
    vendor = connection.vendor
    ratio = platform_report / single_report if single_report else float("nan")
    rows = [
        f"| {vendor} | 1 site × {args.items:,} items | {n_events:,} | {single_report * 1000:.1f} "
        f"| {single_verify * 1000:.0f} | {single_desk * 1000:.1f} |",
        f"| {vendor} | {args.sites} sites × {args.items:,} items | {loaded:,} "
        f"| {platform_report * 1000:.1f} (last site {last_report * 1000:.1f}) "
        f"| {platform_verify * 1000:.0f} | {platform_desk * 1000:.1f} |",
    ]
    lines = [
        "## Site cluster: one site's yearly statistics (bench_sitecluster.py)",
        "",
        f"One site's `annual_report({YEAR}, site=…)` (median of 7) and `verify`, first on a "
        f"database holding that site alone, then after {args.sites - 1} more sites of the "
        f"same size were loaded (same run, same database); desk = the platform desk's "
        f"counter query for every site. Events through the historical-import API "
        f"({load_all.seconds:.1f} s for the other sites). Load average during the run: "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (2 cores shared"
        f"{' — measured under load' if load[0] > 2 else ''}).",
        "",
        "| database | installation | events | one site's report (ms) | verify (ms) "
        "| desk counters, all sites (ms) |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Platform / single-site report time: {ratio:.2f}× (target ≤ 1.5×); the site's "
        f"figures are identical in both ({single_total:,} 信息发布总数).",
        "- Home, listing and article render per site, site and platform search p95: the "
        "next section (bench_sitecluster_pages.py).",
    ]
    text = "\n".join(lines)
    print(text)
    if not os.environ.get("BENCH_NO_WRITE"):
        write_section("sitecluster", text)


if __name__ == "__main__":
    main()
