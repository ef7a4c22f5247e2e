"""Benchmark: 表三 and the deadline lists of 依申请公开.

A county receives a few dozen applications a year (DESIGN: 8 in the reference year); this
measures a pessimistic 1,000 a year over ten years (10,000 records) plus 300 open ones, in a
throw-away database (temporary SQLite, or BENCH_DATABASE_URL). Prints medians and writes the
"participation" section of docs/performance.md. Targets: 表三 of a year under 0.5 s; the
overdue / due-soon list (deadline of every open application on the holiday calendar) under
0.5 s.
"""

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, median, setup_django, write_section  # noqa: E402

TMP = tempfile.mkdtemp(prefix="bench_participation_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
setup_django()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.participation import outcomes, stats  # noqa: E402
from portal.participation.admin_views import overdue_and_due_soon  # noqa: E402
from portal.participation.models import (  # noqa: E402
    ApplicationStatus,
    ClockPause,
    DisclosureApplication,
)
from portal.participation.workdays import WorkCalendar  # noqa: E402

PER_YEAR = 1000
YEARS = range(2016, 2026)
OPEN = 300
KINDS = [("natural", "")] * 6 + [
    ("organisation", k) for k in ("business", "research", "welfare", "legal", "other")
]
REPLY_TYPES = list(outcomes.REPLY_TYPE_LABELS)


def build():
    call_command("migrate", verbosity=0)
    rnd = random.Random(7)
    cal = WorkCalendar({})
    rows = []
    n = 0
    for year in YEARS:
        for _ in range(PER_YEAR):
            n += 1
            received = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randint(0, 364))
            replied = cal.add_working_days(received, rnd.randint(3, 38))
            kind = rnd.choice(KINDS)
            rows.append(
                DisclosureApplication(
                    tracking_number=f"B{n:08d}",
                    query_code_hash="x",
                    applicant_type=kind[0],
                    organisation_kind=kind[1],
                    name="甲",
                    id_type="resident_id",
                    id_number="110105194912310021",
                    phone="13900000000",
                    address="县",
                    description="d",
                    delivery_form="electronic",
                    delivery_way="email",
                    status=ApplicationStatus.ARCHIVED,
                    received_on=received,
                    clock_start=received,
                    replied_on=replied,
                    reply_type=rnd.choice(REPLY_TYPES),
                )
            )
    today = timezone.localdate()
    for i in range(OPEN):
        n += 1
        received = today - dt.timedelta(days=rnd.randint(0, 40))
        rows.append(
            DisclosureApplication(
                tracking_number=f"B{n:08d}",
                query_code_hash="x",
                applicant_type="natural",
                name="乙",
                id_type="resident_id",
                id_number="110105194912310021",
                phone="13900000000",
                address="县",
                description="d",
                delivery_form="electronic",
                delivery_way="email",
                status=ApplicationStatus.PROCESSING,
                received_on=received,
                clock_start=received,
                extension_days=10 if i % 5 == 0 else 0,
            )
        )
    DisclosureApplication.objects.bulk_create(rows, batch_size=1000)
    paused = DisclosureApplication.objects.filter(status=ApplicationStatus.PROCESSING)[:50]
    ClockPause.objects.bulk_create(
        ClockPause(application=a, started_on=a.received_on) for a in paused
    )


def measure(fn, repeat=5):
    times = []
    for _ in range(repeat):
        with Timer() as t:
            fn()
        times.append(t.seconds)
    return median(times)


def main():
    with Timer() as t_build:
        build()
    table_s = measure(lambda: stats.table3(2024))
    balance = stats.check_balance(stats.table3(2024))
    lists_s = measure(lambda: overdue_and_due_soon())
    calendar_s = measure(lambda: WorkCalendar().add_working_days(dt.date(2026, 2, 9), 40), 20)
    total = DisclosureApplication.objects.count()
    lines = [
        f"Data: {total:,} applications ({PER_YEAR:,}/year × {len(YEARS)} years + {OPEN} open, "
        f"50 with a third-party pause); built in {t_build.seconds:.1f} s.",
        "",
        "| measure | median | target |",
        "|---|---|---|",
        f"| 表三 of one year (`stats.table3(2024)`) | {table_s * 1000:.0f} ms | < 500 ms |",
        f"| overdue + due-soon lists ({OPEN} open applications) | {lists_s * 1000:.0f} ms "
        "| < 500 ms |",
        f"| one 40-working-day deadline across Spring Festival 2026 | "
        f"{calendar_s * 1000:.2f} ms | — |",
        "",
        f"表三 balance check: {'ok' if not balance else 'FAILED ' + ', '.join(balance)}.",
    ]
    text = "\n".join(lines)
    print(text)
    write_section(
        "participation",
        "## Participation (依申请公开)\n\n`python benchmarks/bench_participation.py`\n\n" + text,
    )
    return 0 if not balance and table_s < 0.5 and lists_s < 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
