"""Speed of the content checker: ``check_text`` on a 10,000-character document.

    .venv/bin/python benchmarks/bench_checker.py [--chars 10000] [--runs 21]

The document mixes the demo phrase banks with the evaluation set's erroneous sentences (so
findings are made too). The shipped default rules are used without a database. Prints the
one-time vocabulary load and the median/p90 per call (the demo's 领导信息 table included). Target: median < 300 ms (docs/review.md).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")


def document(chars):
    from home import demo_text

    sentences = [
        s for v in vars(demo_text).values() if isinstance(v, list) for s in v if isinstance(s, str)
    ]
    errors = [
        line.split(" ", 1)[-1]
        for line in (ROOT / "benchmarks/data/checker_eval_errors.txt")
        .read_text("utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    rng = random.Random(7)
    parts, size = [], 0
    while size < chars:
        s = rng.choice(errors) if rng.random() < 0.1 else rng.choice(sentences)
        s = s.replace("{unit}", "县财政局").replace("{topic}", "乡村振兴")
        parts.append(s if s.endswith(("。", "！", "？")) else s + "。")
        size += len(parts[-1])
    return "".join(parts)[:chars]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    import django

    django.setup()
    import resource

    from portal.review.checker import check_text
    from portal.review.checker.leaders import demo_leaders
    from portal.review.checker.rules import default_rules
    from portal.review.checker.typos import vocabulary

    rules = default_rules()
    leaders = demo_leaders()  # the 领导职务 check runs with the demo's 领导信息 table
    import jieba

    jieba.initialize()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    vocabulary()
    load = time.perf_counter() - started
    memory = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    text = document(args.chars)
    times, findings = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        findings = len(check_text(text, rules=rules, leaders=leaders))
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"vocabulary load (once per process): {load * 1000:.0f} ms, +{memory:.0f} MB")
    print(
        f"check_text on {len(text)} characters: median {statistics.median(times) * 1000:.0f} ms, "
        f"p90 {times[int(len(times) * 0.9)] * 1000:.0f} ms, {findings} findings, {args.runs} runs"
    )


if __name__ == "__main__":
    main()
