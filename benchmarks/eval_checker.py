"""Caught and false-alarm rates of the content checker (portal.review.checker).

    .venv/bin/python benchmarks/eval_checker.py [--verbose] [--corpus-sentences N]

Erroneous sentences: benchmarks/data/checker_eval_errors.txt (written for this evaluation,
not the test fixtures; the 领导职务 ones by the table checker_eval_leaders.tsv). Correct sentences: benchmarks/data/checker_eval_correct.txt plus N
sentences sampled with a fixed seed from the regulations corpus (../shared/corpus, or
PORTAL_CORPUS_DIR), read at run time (the corpus is not copied into the tree). The shipped
default rules are used, without a database. Results: docs/review.md.
"""

import argparse
import datetime
import os
import random
import re
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
DATA = Path(__file__).resolve().parent / "data"
SEED = 13


def read(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        date = None
        if line.startswith("@"):
            date = datetime.date.fromisoformat(line[1:11])
            line = line[12:]
        yield date, line


def eval_leaders():
    """The evaluation's 领导信息 table (fictional leaders), for the 领导职务 check."""
    from portal.review.checker.leaders import leaders_from_rows

    rows = []
    for line in (DATA / "checker_eval_leaders.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, titles, comrade = line.split("\t")
            rows.append(SimpleNamespace(name=name, titles=titles, requires_comrade=comrade == "是"))
    return leaders_from_rows(rows)


def corpus_sentences(count):
    corpus = Path(os.environ.get("PORTAL_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    files = sorted((corpus / "regulations").glob("*.md"))
    if not files:
        print(f"(no corpus at {corpus}: corpus sentences skipped)")
        return []
    rng = random.Random(SEED)
    found = []
    for path in rng.sample(files, min(len(files), count)):
        body = path.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[-1]
        # the item's date: the version date in the file name
        m = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
        date = datetime.date.fromisoformat(m[1]) if m else None
        sentences = [
            s.strip() + "。"
            for s in re.split(r"。", body)
            if 15 <= len(s.strip()) <= 90 and not s.strip().startswith(("#", "<"))
        ]
        if sentences:
            found.append((date, rng.choice(sentences).replace("\n", "")))
    return found[:count]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--corpus-sentences", type=int, default=250)
    args = parser.parse_args()
    import django

    django.setup()
    from portal.review.checker import check_text
    from portal.review.checker.rules import default_rules

    rules = default_rules()
    leaders = eval_leaders()
    errors = list(read("checker_eval_errors.txt"))
    own = list(read("checker_eval_correct.txt"))
    corpus = corpus_sentences(args.corpus_sentences)

    def flagged(date, text):
        return check_text(text, date=date, rules=rules, leaders=leaders)

    missed = [(d, s) for d, s in errors if not flagged(d, s)]
    alarms = []
    for source, items in (("own", own), ("corpus", corpus)):
        for d, s in items:
            found = flagged(d, s)
            if found:
                alarms.append((source, s, found))
    correct = len(own) + len(corpus)
    caught = len(errors) - len(missed)
    print(f"erroneous sentences: {len(errors)}, caught {caught} ({caught / len(errors):.1%})")
    print(
        f"correct sentences: {correct} ({len(own)} written, {len(corpus)} from the corpus), "
        f"flagged {len(alarms)} ({len(alarms) / max(1, correct):.1%})"
    )
    if args.verbose:
        for _d, s in missed:
            print("MISSED  ", s)
        for source, s, found in alarms:
            print("ALARM   ", source, s, [(f.rule, f.text) for f in found])


if __name__ == "__main__":
    main()
