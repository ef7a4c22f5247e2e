"""Benchmark (issue 12): page render and search per site on a platform of S sites × M items,
against a single-site installation of M items — same run, same database.

    .venv/bin/python benchmarks/bench_sitecluster_pages.py                 # 3 × 200, cheap
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scratch \\
        nice -n 15 .venv/bin/python benchmarks/bench_sitecluster_pages.py --sites 50 --items 2000

Phase A (single site): a fresh database (the PostgreSQL database of BENCH_DATABASE_URL is
dropped and created again — give it a scratch database of your own; default: a temporary
SQLite file), one site bootstrapped with a small units file, M items bulk-inserted under its
columns (60 % 新闻 over the four 新闻动态 columns, 40 % 政策文件 over 规范性文件 / 其他文件,
published over one year, text from the regulations corpus as in bench_search), the search
index built with the backend's ``add_bulk``, and the site's year of statistics events loaded
through the historical-import API (as bench_sitecluster). Then, in a fresh process, through
the Django test client with the site's HTTP_HOST and the page cache off: home, a listing
(部门动态) and a news article — median wall and CPU of N warm requests, and the median of the
first view after a publication (``bump_generation`` before each, untimed) — the site
search's p95 over corpus queries, and ``annual_report(YEAR, site=…)`` (median of 7).

Phase B (platform): the same database; sites are added up to S (each bootstrapped with its
own small units file, M items, indexed, its statistics loaded), then, in a fresh process,
the same measures for the first site and a middle one, plus the platform search p95
(/search/platform/). ``--deadline HH:MM`` (UTC) stops adding sites in time and measures the
platform as built (the table says how many sites it held).

Each phase runs in a subprocess with a timeout. Writes the "sitecluster-pages" section of
docs/performance.md (BENCH_NO_WRITE=1: print only).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _common import BASE_DIR, median, percentile, write_section  # noqa: E402

YEAR = 2025
SEED = 2026
UNITS_TEMPLATE = BASE_DIR / "portal" / "units" / "data" / "units_congjiang.json"
BATCH = 500


# --- worker helpers (run inside a Django process) ------------------------------------------
def site_spec(i):
    """The key, hostname and name of the platform's i-th site (0 = the default site)."""
    return f"s{i:02d}", f"s{i:02d}.bench.localhost", f"样例{i:02d}县人民政府"


def units_file(i, folder):
    """A small units file for site i: the 9 units of units_congjiang.json with the site's
    place name and codes of its own (统一社会信用代码 are unique in the installation)."""
    from portal.units.codes import uscc_check_char

    data = json.loads(UNITS_TEMPLATE.read_text(encoding="utf-8"))
    place = f"样例{i:02d}县"
    for j, unit in enumerate(data["units"]):
        first17 = f"11522{i:04d}{j + 1:08d}"
        unit["code"] = first17 + uscc_check_char(first17)
        for field in ("name", "short_name", "address"):
            if unit.get(field):
                unit[field] = unit[field].replace("从江县", place).replace("从江", place[:-1])
    path = Path(folder) / f"units_{i:02d}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def bootstrap_site(i, folder):
    import io

    from django.core.management import call_command

    key, hostname, name = site_spec(i)
    options = {"units_file": str(units_file(i, folder)), "stdout": io.StringIO()}
    if i:
        options.update(site_key=key, hostname=hostname, name=name)
    call_command("bootstrap_portal", **options)
    from wagtail.models import Site

    if not i:  # the default site answers to its bench hostname too (Site.find_for_request
        # falls back to the default site for any host)
        Site.objects.filter(is_default_site=True).update(site_name=name)
    return Site.objects.get(hostname=hostname) if i else Site.objects.get(is_default_site=True)


def insert_pages(parent, model, rows):
    """Insert live pages of ``model`` under ``parent`` table by table (no signals, no
    revisions, no indexing), as tests/search/corpus.bulk_pages does for 政策文件, for any
    page model; ``rows``: dicts of the model's own fields plus title and published."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Max
    from wagtail.models import Page

    chain = [*reversed(model._meta.get_parent_list()), model]
    next_id = (Page.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    first_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    content_type = ContentType.objects.get_for_model(model)
    pages = []
    for i, row in enumerate(rows):
        row = dict(row)
        pk = next_id + i
        title, when = row.pop("title")[:255], row.pop("published")
        page = model(
            id=pk,
            path=Page._get_path(parent.path, parent.depth + 1, first_step + i),
            depth=parent.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=f"b{pk}",
            url_path=f"{parent.url_path}b{pk}/",
            live=True,
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            first_published_at=when,
            last_published_at=when,
            **row,
        )
        for m in chain[1:]:
            setattr(page, m._meta.pk.attname, pk)
        pages.append(page)
    for m in chain:
        fields = m._meta.local_concrete_fields
        for start in range(0, len(pages), BATCH):
            m._base_manager._insert(pages[start : start + BATCH], fields=fields)
    Page.objects.filter(pk=parent.pk).update(
        numchild=Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), "
                "(SELECT MAX(id) FROM wagtailcore_page))"
            )
    return pages


NEWS_KEYS = ("news.headlines", "news.departments", "news.townships", "news.notices")
POLICY_KEYS = ("disclosure.policy.normative", "disclosure.policy.other")


def site_documents(i, items):
    from bench_search import make_documents

    return make_documents(items, random.Random(SEED + i))


def fill_site(site, i, items):
    """M items under the site's columns, indexed; its statistics year loaded. Returns
    (insert seconds, index seconds, statistics load seconds)."""
    from datetime import datetime as dt
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.search.backends import get_search_backend

    from disclosure_catalog.models import PolicyDocumentPage
    from home.models import ColumnPage
    from news.models import NewsPage
    from portal.core.sites import site_page_filter
    from tests.search.corpus import body_blocks

    rng = random.Random(SEED * 7 + i)
    columns = {
        c.column_key: c
        for c in ColumnPage.objects.filter(site_page_filter(site)).filter(
            column_key__in=NEWS_KEYS + POLICY_KEYS
        )
    }
    assert len(columns) == len(NEWS_KEYS + POLICY_KEYS), sorted(columns)
    from portal.units.models import Unit

    unit_ids = list(Unit.objects.filter(site=site).values_list("pk", flat=True))
    base = timezone.make_aware(dt(YEAR, 1, 1, 9))
    groups = {}
    for n, (title, _date, paragraphs) in enumerate(site_documents(i, items)):
        when = base + timedelta(minutes=rng.randint(0, 364 * 24 * 60))
        unit_id = rng.choice(unit_ids) if unit_ids else None
        if rng.random() < 0.6:
            key, model = rng.choice(NEWS_KEYS), NewsPage
            row = dict(
                title=f"{site.site_name[:6]}{title}",
                published=when,
                unit_id=unit_id,
                summary=paragraphs[0][:500],
                body=body_blocks(paragraphs),
            )
        else:
            key, model = rng.choice(POLICY_KEYS), PolicyDocumentPage
            row = dict(
                title=title,
                published=when,
                unit_id=unit_id,
                summary=paragraphs[0][:900],
                topic_category="综合政务/政务公开",
                genre="通知",
                document_number=f"样{i:02d}发〔{YEAR}〕{n + 1}号",
                body=body_blocks(paragraphs),
            )
        groups.setdefault((key, model), []).append(row)
    started = time.perf_counter()
    inserted = []
    for (key, model), rows in groups.items():
        inserted.append((model, [p.pk for p in insert_pages(columns[key], model, rows)]))
    insert_s = time.perf_counter() - started

    backend = get_search_backend()
    started = time.perf_counter()
    for model, pks in inserted:
        for start in range(0, len(pks), BATCH):
            backend.add_bulk(model, list(model.objects.filter(pk__in=pks[start : start + BATCH])))
    index_s = time.perf_counter() - started

    from bench_statistics import generate

    from portal.statistics.recorder import record_historical_publications

    records, _ = generate(YEAR, 1, items, 10_000_000 * (i + 1), seed=i)
    for record in records:
        record.site_id = site.pk
    started = time.perf_counter()
    record_historical_publications(records)
    stats_s = time.perf_counter() - started
    return insert_s, index_s, stats_s


def build(first, last, items, deadline):
    """Bootstrap and fill sites first … last−1 (stopping before ``deadline``, a UNIX time,
    when the next site would not be done in time); returns what was built and how long."""
    from django.core.management import call_command
    from django.db import connection

    from search.segmentation import segmenter

    if first == 0:
        call_command("migrate", verbosity=0)
    segmenter.words("预热")  # the dictionary loads outside the timings
    folder = tempfile.mkdtemp(prefix="bench_sitecluster_units_")
    totals = {"bootstrap_s": 0.0, "insert_s": 0.0, "index_s": 0.0, "stats_s": 0.0}
    built, per_site = first, None
    for i in range(first, last):
        if deadline and per_site and time.time() + per_site * 1.2 > deadline:
            print(f"deadline: stopping at {built} sites", file=sys.stderr, flush=True)
            break
        started = time.perf_counter()
        site = bootstrap_site(i, folder)
        boot = time.perf_counter() - started
        insert_s, index_s, stats_s = fill_site(site, i, items)
        totals["bootstrap_s"] += boot
        totals["insert_s"] += insert_s
        totals["index_s"] += index_s
        totals["stats_s"] += stats_s
        per_site = time.perf_counter() - started
        built = i + 1
        print(
            f"site {i}: bootstrap {boot:.1f}s insert {insert_s:.1f}s index {index_s:.1f}s "
            f"stats {stats_s:.1f}s",
            file=sys.stderr,
            flush=True,
        )
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would
        cursor.execute("ANALYZE")
    from wagtail.models import Page

    return {"sites": built, "pages": Page.objects.count(), **totals}


def draw_queries(i, items, count):
    import bench_search

    bench_search.N_QUERIES = count
    return bench_search.draw_queries(site_documents(i, items), random.Random(SEED + 1000 + i))


def timed_get(client, path, host, before=None):
    if before:
        before()
    start, start_cpu = time.perf_counter(), time.thread_time()
    response = client.get(path, HTTP_HOST=host)
    cpu = (time.thread_time() - start_cpu) * 1000
    wall = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, host, response.status_code)
    return wall, cpu


def measure_site(client, i, items, requests, queries):
    from wagtail.models import Site

    from home.models import ColumnPage
    from news.models import NewsPage
    from portal.core.cache import bump_generation
    from portal.core.sites import site_page_filter
    from portal.statistics.reports import annual_report

    _key, host, _name = site_spec(i)
    site = Site.objects.get(is_default_site=True) if i == 0 else Site.objects.get(hostname=host)
    host = site.hostname
    own = site_page_filter(site)
    listing = ColumnPage.objects.filter(own).get(column_key="news.departments")
    article = NewsPage.objects.live().filter(own).order_by("-first_published_at").first()
    targets = {
        "home": "/",
        "listing": listing.relative_url(site),
        "article": article.relative_url(site),
    }
    out = {"site": site.site_name, "paths": targets}
    for label, path in targets.items():
        for _ in range(3):
            timed_get(client, path, host)
        warm = [timed_get(client, path, host) for _ in range(requests)]
        first = [timed_get(client, path, host, bump_generation) for _ in range(requests)]
        out[label] = {
            "wall": median([w for w, _c in warm]),
            "cpu": median([c for _w, c in warm]),
            "first_wall": median([w for w, _c in first]),
            "first_cpu": median([c for _w, c in first]),
        }
    words = draw_queries(i, items, queries)
    for q in words[:3]:
        client.get("/search/", {"q": q}, HTTP_HOST=host)
    walls = []
    for q in words:
        start = time.perf_counter()
        response = client.get("/search/", {"q": q}, HTTP_HOST=host)
        walls.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, q
    out["search_p50"], out["search_p95"] = percentile(walls, 50), percentile(walls, 95)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        report = annual_report(YEAR, site=site)
        times.append((time.perf_counter() - start) * 1000)
    out["stats"], out["stats_total"] = median(times), report["total"]
    return out


def measure(which, items, requests, queries, sites):
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page, Site

    load_before = os.getloadavg()
    client = Client()
    result = {"database": connection.vendor, "load_before": load_before}
    result["first"] = measure_site(client, 0, items, requests, queries)
    if which == "platform":
        middle = sites // 2
        result["middle_index"] = middle
        result["middle"] = measure_site(client, middle, items, requests, queries)
        host = Site.objects.get(is_default_site=True).hostname
        words = draw_queries(0, items, queries)
        walls = []
        for q in words[:3]:
            client.get("/search/platform/", {"q": q}, HTTP_HOST=host)
        for q in words:
            start = time.perf_counter()
            response = client.get("/search/platform/", {"q": q}, HTTP_HOST=host)
            walls.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, q
        result["platform_p50"] = percentile(walls, 50)
        result["platform_p95"] = percentile(walls, 95)
    result["pages"] = Page.objects.count()
    result["sites"] = Site.objects.count()
    result["load_after"] = os.getloadavg()
    return result


def worker(args):
    from _common import setup_django

    setup_django()
    if args.worker == "build":
        deadline = args.deadline_ts or None
        result = build(args.first, args.sites, args.items, deadline)
    else:
        result = measure(args.worker, args.items, args.requests, args.queries, args.sites)
    print("RESULT " + json.dumps(result), flush=True)


# --- driver -------------------------------------------------------------------------------
def fresh_database(url):
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_phase(url, args, worker_name, timeout, **extra):
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        worker_name,
        "--items",
        str(args.items),
        "--requests",
        str(args.requests),
        "--queries",
        str(args.queries),
    ]
    for name, value in extra.items():
        cmd += [f"--{name.replace('_', '-')}", str(value)]
    env = dict(
        os.environ,
        DATABASE_URL=url,
        PAGECACHE_ENABLED="0",  # the uncached render is what is measured
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        MEDIA_ROOT=str(Path(url.removeprefix("sqlite:///")).parent / "media")
        if url.startswith("sqlite")
        else os.environ.get("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench_sc_media_")),
    )
    env.pop("ELASTICSEARCH_URL", None)
    print(f"-- {worker_name} {extra}", flush=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            cmd, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        sys.stderr.write((error.stderr or b"")[-3000:].decode(errors="replace"))
        raise SystemExit(f"{worker_name} timed out after {timeout:.0f} s") from None
    sys.stderr.write(done.stderr[-4000:] if done.returncode else "")
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
            result["elapsed_s"] = time.perf_counter() - started
            print("  ", {k: v for k, v in result.items() if k not in ("first", "middle")})
            return result
    print(done.stdout[-2000:], done.stderr[-4000:])
    raise SystemExit(f"{worker_name} failed")


def ratio(a, b):
    return a / b if b else float("nan")


def report(args, single_build, single, platform_build, platform):
    s, f, m = single["first"], platform["first"], platform["middle"]
    n_sites = platform_build["sites"]
    rows = []
    worst = 0.0

    def row(label, a, b, c, unit="ms"):
        nonlocal worst
        r1, r2 = ratio(b, a), ratio(c, a)
        worst = max(worst, r1, r2)
        mark = " ⚠" if max(r1, r2) > 1.5 else ""
        rows.append(f"| {label} | {a:.1f} | {b:.1f} | {c:.1f} | {r1:.2f}× | {r2:.2f}×{mark} |")

    for page in ("home", "listing", "article"):
        row(f"{page}, warm: wall", s[page]["wall"], f[page]["wall"], m[page]["wall"])
        row(f"{page}, warm: CPU", s[page]["cpu"], f[page]["cpu"], m[page]["cpu"])
        row(
            f"{page}, first view after a publication: wall",
            s[page]["first_wall"],
            f[page]["first_wall"],
            m[page]["first_wall"],
        )
        row(
            f"{page}, first view after a publication: CPU",
            s[page]["first_cpu"],
            f[page]["first_cpu"],
            m[page]["first_cpu"],
        )
    row("site search p50", s["search_p50"], f["search_p50"], m["search_p50"])
    row("site search p95", s["search_p95"], f["search_p95"], m["search_p95"])
    row("yearly statistics (annual_report)", s["stats"], f["stats"], m["stats"])
    db = "PostgreSQL" if platform["database"] == "postgresql" else platform["database"]
    full = n_sites == args.sites
    loads = [single["load_before"], single["load_after"], platform["load_before"]]
    loads.append(platform["load_after"])
    lines = [
        "## Site cluster: render and search per site (bench_sitecluster_pages.py)",
        "",
        f"{db}; {n_sites} sites × {args.items:,} items"
        + ("" if full else f" (asked: {args.sites} sites — stopped by the time bound)")
        + f", {platform['pages']:,} pages in all, against a single site of "
        f"{args.items:,} items ({single['pages']:,} pages) measured first in the same "
        "database. Every site is bootstrapped (`bootstrap_portal --site`, 9 units) and holds "
        "60 % 新闻 over its four 新闻动态 columns and 40 % 政策文件 over 规范性文件 / 其他文件, "
        f"published over {YEAR}, text from the regulations corpus, indexed with the "
        "backend's `add_bulk`, its year of statistics events loaded through the "
        "historical-import API. Measured in a fresh process through Django's test client "
        "with the site's host, page cache off: median of "
        f"{args.requests} warm requests (wall and the process's CPU), median of "
        f"{args.requests} first views after a publication (`bump_generation` before each, "
        f"untimed), /search/ over {args.queries} corpus words and phrases of that site, "
        "`annual_report` median of 7. *first* = the default site, *middle* = site "
        f"{platform['middle_index']} of {n_sites}.",
        "",
        "| measure (ms) | single site | platform: first site | platform: middle site "
        "| first / single | middle / single |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        f"| platform search (/search/platform/, all {n_sites} sites) p50 | – "
        f"| {platform['platform_p50']:.1f} | – | – | – |",
        f"| platform search p95 | – | {platform['platform_p95']:.1f} | – | – | – |",
        "",
        f"- Target: each per-site figure within 1.5× of the single site; worst ratio "
        f"{worst:.2f}×" + (" (⚠ marks those above)." if worst > 1.5 else "."),
        f"- Statistics: the first site's report counts {f['stats_total']:,} items on the "
        f"platform and {s['stats_total']:,} alone"
        + (" (identical)." if f["stats_total"] == s["stats_total"] else " (⚠ they differ)."),
        f"- Build: single site {single_build['bootstrap_s']:.0f} s bootstrap, "
        f"{single_build['insert_s']:.0f} s insert, {single_build['index_s']:.0f} s index; "
        f"the other {n_sites - 1} sites {platform_build['bootstrap_s']:.0f} s bootstrap, "
        f"{platform_build['insert_s']:.0f} s insert, {platform_build['index_s']:.0f} s index, "
        f"{platform_build['stats_s']:.0f} s statistics ({platform_build['elapsed_s'] / 60:.0f}"
        " min in all).",
        "- Load average (1/5/15 min) before/after the single-site and the platform "
        "measurements: "
        + "; ".join(f"{a:.1f} / {b:.1f} / {c:.1f}" for a, b, c in loads)
        + " (a shared 2-CPU machine; the benchmark ran under `nice`"
        + (" — measured under load" if max(x[0] for x in loads) > 2 else "")
        + ").",
        f"- Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC.",
    ]
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=3 * 3600, help="per phase, seconds")
    parser.add_argument("--deadline", help="HH:MM UTC: stop adding sites in time for it")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--deadline-ts", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return 0

    from bench_search import corpus_dir

    if not (corpus_dir() / "regulations").is_dir():
        print(f"skipped: no corpus at {corpus_dir() / 'regulations'} (set PORTAL_CORPUS_DIR)")
        return 0
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='bench_sitecluster_pages_')}/bench.sqlite3"
    deadline_ts, stop = 0.0, None
    if args.deadline:
        hh, mm = (int(x) for x in args.deadline.split(":"))
        now = datetime.now(UTC)
        stop = now.replace(hour=hh, minute=mm, second=0, microsecond=0).timestamp()

    def remaining(reserve):
        if stop is None:
            return args.timeout
        return max(60, stop - time.time() - reserve)

    fresh_database(url)
    single_build = run_phase(url, args, "build", remaining(0), first=0, sites=1)
    single = run_phase(url, args, "single", remaining(0), sites=1)
    # the platform measurement needs a few minutes at the end: keep them for it
    measure_reserve = max(120, 4 * single["elapsed_s"])
    if stop is not None:
        deadline_ts = stop - measure_reserve
    platform_build = run_phase(
        url,
        args,
        "build",
        remaining(measure_reserve) + 600,  # the worker stops itself before; hard bound
        first=1,
        sites=args.sites,
        deadline_ts=deadline_ts,
    )
    platform = run_phase(url, args, "platform", remaining(0) + 300, sites=platform_build["sites"])
    text = report(args, single_build, single, platform_build, platform)
    print(text)
    raw = BASE_DIR / "var" / "bench_sitecluster_pages.json"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(
        json.dumps(
            {
                "args": vars(args),
                "single_build": single_build,
                "single": single,
                "platform_build": platform_build,
                "platform": platform,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    if not os.environ.get("BENCH_NO_WRITE"):
        write_section("sitecluster-pages", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
