"""Shared helpers for benchmarks: timing, medians, and writing results into
docs/performance.md (each benchmark owns one section between markers)."""

import os
import re
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PERFORMANCE_DOC = BASE_DIR / "docs" / "performance.md"


def setup_django(settings="portal.settings.dev"):
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def median(values):
    return statistics.median(values)


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def write_section(name, markdown):
    """Replace the section ``name`` of docs/performance.md with ``markdown``."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = (
        PERFORMANCE_DOC.read_text(encoding="utf-8")
        if PERFORMANCE_DOC.exists()
        else (
            "# Performance\n\nWritten by `make bench` (benchmarks/). Each section is replaced by "
            "its benchmark's latest run.\n"
        )
    )
    block = f"{start}\n{markdown.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = (
        pattern.sub(lambda _m: block, text)
        if pattern.search(text)
        else (text.rstrip() + "\n\n" + block + "\n")
    )
    PERFORMANCE_DOC.write_text(text, encoding="utf-8")
