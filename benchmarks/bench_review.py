"""Benchmark: the automatic check (自动检查) and a whole submission.

An editor on an old office PC waits for the check when submitting, so it must be quick. In a
throw-away database (temporary SQLite, or BENCH_DATABASE_URL) with the bootstrapped tree and
the default wording table (184 rules), this measures:

- ``run_checks`` on a long news item (30 paragraphs, ~3,700 characters, an image, an
  attachment, links) — target: median under 0.3 s;
- the wording rules alone on that text — the part that grows with the table;
- submitting the item into the default workflow (自动检查 runs and approves, 本单位审核
  starts) — target: median under 0.5 s.

Prints medians and writes the "review" section of docs/performance.md.
"""

import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Timer, median, percentile, setup_django, write_section  # noqa: E402

TMP = tempfile.mkdtemp(prefix="bench_review_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{TMP}/media")
setup_django()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

ROUNDS = 15
SENTENCE = (
    "县财政局认真贯彻落实全县经济工作会议精神，围绕预算执行、资金监管和惠民政策落实，"
    "扎实推进各项工作，取得了阶段性成效。"
)


def build():
    from portal.units.models import Unit
    from tests.factories import DocumentFactory, ImageFactory, UserFactory, pdf_bytes

    call_command("migrate", verbosity=0)
    call_command("bootstrap_portal", stdout=io.StringIO())
    unit = Unit.objects.get(slug="czj")
    editor = UserFactory(username="bench_editor", groups=[unit.editors_group])
    image = ImageFactory()
    document = DocumentFactory(file=ContentFile(pdf_bytes(), name="bench.pdf"))
    body = [
        {
            "type": "paragraph",
            "value": f'<p>{SENTENCE * 2}<a href="https://www.gov.cn/">中国政府网</a></p>',
        }
        for _ in range(30)
    ]
    body.append(
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "会议现场", "decorative": False},
                "caption": "会议现场",
            },
        }
    )
    body.append({"type": "attachment", "value": {"document": document.pk, "title": "附件"}})
    return unit.news_column.specific, editor, body


def main():
    from news.models import NewsPage
    from portal.review.checks import check_wording, read_page, run_checks
    from portal.review.models import WordingRule

    column, editor, body = build()
    rules = list(WordingRule.objects.filter(enabled=True))
    page = NewsPage(title="县财政局召开预算执行情况通报会", slug="bench-0", body=body)
    column.add_child(instance=page)
    page.save_revision(user=editor, log_action=False)
    chars = sum(len(t) for _loc, t in read_page(page).texts)

    check_times, wording_times, submit_times = [], [], []
    for _ in range(ROUNDS):
        with Timer() as t:
            findings = run_checks(page)
        check_times.append(t.seconds)
        assert not any(f.blocks for f in findings), findings
        content = read_page(page)
        with Timer() as t:
            check_wording(page, content, rules)
        wording_times.append(t.seconds)
    for n in range(1, ROUNDS + 1):
        item = NewsPage(title=f"县财政局通报会{n}", slug=f"bench-{n}", body=body)
        column.add_child(instance=item)
        item.save_revision(user=editor, log_action=False)
        with Timer() as t:
            state = item.get_workflow().start(item, editor)
        submit_times.append(t.seconds)
        assert state.current_task_state.task.name == "本单位审核"

    rows = [
        ("run_checks, long item", check_times, 0.3),
        (f"wording rules only ({len(rules)} rules, {chars} chars)", wording_times, None),
        ("submit into the workflow (check + next step)", submit_times, 0.5),
    ]
    lines = [
        "## Review (自动检查)",
        "",
        f"{ROUNDS} rounds, {os.environ['DATABASE_URL'].split(':')[0]}; a news item of "
        f"{chars} characters with an image, a PDF attachment and 30 links.",
        "",
        "| measure | median | p90 | target |",
        "|---|---|---|---|",
    ]
    for name, values, target in rows:
        line = (
            f"| {name} | {median(values) * 1000:.0f} ms | "
            f"{percentile(values, 90) * 1000:.0f} ms | "
            f"{f'< {target * 1000:.0f} ms' if target else '—'} |"
        )
        lines.append(line)
        print(line)
    write_section("review", "\n".join(lines))


if __name__ == "__main__":
    main()
