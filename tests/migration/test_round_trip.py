"""Acceptance: the demo site plus the 683 regulations, exported and imported into an empty
database (a freshly migrated one, driven through manage.py in subprocesses), gives the same
tree, URLs, fields, 索引号, publication times, live states, translations, byte-identical
files and the same statistics for every year; importing it twice changes nothing."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.requirements import require_corpus

from .helpers import EmptyTarget, export, manifest, normalised, read_stream, translate

TITLE = re.compile(r"^(?P<title>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$")


def add_regulations(directory, column):
    """The corpus as live 政策文件 with their historical dates (created directly, and counted
    through the statistics app's bulk historical API) — fast enough for every test run."""
    from disclosure_catalog.models import PolicyDocumentPage
    from portal.statistics.recorder import HistoricalPublication, record_historical_publications

    pages, events = [], []
    for i, path in enumerate(sorted(Path(directory).glob("*.md"))):
        match = TITLE.match(path.name)
        raw = path.read_text(encoding="utf-8")
        head, _, body = raw.partition("<!-- INFO END -->")
        paragraphs = [ln.lstrip("#").strip() for ln in (body or raw).splitlines() if ln.strip()]
        date = datetime.date.fromisoformat(match["date"]) if match else datetime.date(2020, 1, 1)
        when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
        page = PolicyDocumentPage(
            title=(match["title"] if match else path.stem)[:255],
            slug=f"fg{i:04d}",
            summary=(paragraphs[0] if paragraphs else path.stem)[:900],
            topic_category="综合政务/政务公开",
            genre="通知",
            document_number=f"国务院令第{i + 1}号",
            body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs[:40]],
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        column.add_child(instance=page)
        pages.append(page)
        events.append(
            HistoricalPublication(
                page.pk, when, column=column, first_published_at=when, title=page.title
            )
        )
    record_historical_publications(events)
    return pages


def first_difference(left, right):
    if len(left) != len(right):
        return f"{len(left)} records != {len(right)} records"
    for i, (x, y) in enumerate(zip(left, right, strict=True)):
        if x != y:
            if isinstance(x, dict) and isinstance(y, dict):
                keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
                detail = {k: (x.get(k), y.get(k)) for k in keys}
                if "fields" in detail:
                    fx, fy = x.get("fields") or {}, y.get("fields") or {}
                    detail["fields"] = {
                        k: (fx.get(k), fy.get(k))
                        for k in set(fx) | set(fy)
                        if fx.get(k) != fy.get(k)
                    }
                return f"record {i} ({x.get('key') or x.get('title')}): {detail}"
            return f"record {i}: {x!r} != {y!r}"
    return ""


def stats_code(years):
    return (
        "import json\nfrom portal.statistics.reports import annual_report\n"
        f"print(json.dumps({{y: annual_report(y) for y in {sorted(years)!r}}}, "
        "default=str, ensure_ascii=False, sort_keys=True))"
    )


@pytest.mark.slow
@pytest.mark.corpus
def test_round_trip_into_an_empty_database(portal, tmp_path):
    from home.demo import DemoBuilder
    from portal.core.columns import ColumnKey
    from portal.statistics.models import PublicationEvent
    from portal.statistics.reports import annual_report

    regulations = require_corpus()
    DemoBuilder().run()
    corpus = add_regulations(regulations, portal.column(ColumnKey.DISCLOSURE_POLICY_OTHER))
    assert len(corpus) == 683
    english = translate(corpus[0], "en")  # wagtail-localize
    source = tmp_path / "source"
    export(source)

    years = {d.year for d in PublicationEvent.objects.dates("at", "year")} | {timezone.now().year}
    expected_stats = json.loads(
        json.dumps(
            {str(y): annual_report(y) for y in years},
            default=str,
            ensure_ascii=False,
            sort_keys=True,
        )
    )

    target = EmptyTarget(tmp_path)
    try:
        first = target.manage("import_site", str(source), "--quiet-progress").stdout
        assert "导入完成" in first
        second = target.manage("import_site", str(source), "--quiet-progress").stdout
        assert "共 0 项新建或更新" in second, second
        copy = tmp_path / "copy"
        target.manage("export_site", str(copy), "--quiet-progress")
        target_stats = json.loads(target.python(stats_code(years)).strip().splitlines()[-1])
    finally:
        target.drop()

    a, b = normalised(source), normalised(copy)
    for stream in a:
        assert a[stream] == b[stream], (
            f"{stream} differs after the round trip:\n" + first_difference(a[stream], b[stream])
        )

    pages = read_stream(copy, "pages")
    assert len(pages) == len(read_stream(source, "pages")) > 683 + 300
    by_title = {r["title"]: r for r in pages}
    assert by_title[corpus[0].title]["index_number"] == corpus[0].index_number
    assert (
        by_title[corpus[0].title]["first_published_at"]
        == corpus[0].first_published_at.astimezone(datetime.UTC).isoformat()
    )
    assert any(
        r["locale"] == "en" and r["translation_key"] == str(english.translation_key) for r in pages
    )
    assert Locale.objects.filter(language_code="en").exists()
    # files: same bytes (the manifests' SHA-256 of every image and document)
    media = {f["sha256"] for f in manifest(source)["files"] if f["path"].startswith("files/")}
    assert media and media == {
        f["sha256"] for f in manifest(copy)["files"] if f["path"].startswith("files/")
    }
    assert target_stats == expected_stats
