"""The 信息发布 block of the 年度报表: read from the counters, or recomputed from the log.

:func:`annual_report` reads ``DailyCount`` (a sum over the year's counter rows);
:func:`annual_report_from_log` replays ``PublicationEvent`` with the definitions of DESIGN §7
stated directly (an item counts in year Y if it was first published in Y and its last event
up to the end of Y is a publication); :func:`verify` compares the two. Both build the same
dict through :func:`_assemble`, whose keys are documented in docs/statistics.md and stable.

Every figure is one site's (站群): ``site`` is a Site, its id, or None for the default site.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Sum
from django.db.models.functions import ExtractMonth

from portal.core.columns import StatsCategory

from .models import DailyCount, EventType, PageKind, PublicationEvent

#: labels always listed (zero if nothing was published), as the 年度报表 names them
FIXED_LABELS = {
    StatsCategory.NEWS: ("要闻", "部门动态", "乡镇动态"),
    StatsCategory.CATALOGUE: ("财政信息", "提案建议"),
}
UNLABELLED = "未分项"
INTERPRETATION_GROUPS = {
    # 解读材料: written interpretations and press Q&A; 解读产品: graphics and videos
    "interpretation.text": "materials",
    "interpretation.press": "materials",
    "interpretation.graphic": "products",
    "interpretation.video": "products",
}
CATEGORY_KEYS = {
    StatsCategory.OVERVIEW: "overview_updates",
    StatsCategory.NEWS: "news",
    StatsCategory.CATALOGUE: "catalogue",
}


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def resolve_site(site=None):
    """The Site a report is about: ``site`` (a Site or its id), else the default site."""
    from wagtail.models import Site

    if site is None:
        # read, not the per-worker memo: the report prints the site's current address
        return Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if isinstance(site, Site):
        return site
    return Site.objects.filter(pk=site).first()


def site_pk(site=None):
    resolved = resolve_site(site)
    return resolved.pk if resolved is not None else 0


def _unit_id(unit):
    if unit is None:
        return None
    return unit if isinstance(unit, int) else unit.pk


# --- from the counters ----------------------------------------------------------------------
def _counter_rows(year, unit_id=None, site_id=0):
    start, end = year_bounds(year)
    qs = DailyCount.objects.filter(site_id=site_id, day__gte=start, day__lte=end)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = (
        qs.annotate(month=ExtractMonth("day"))
        .values("month", "unit_id", "category", "label", "page_kind", "subkind")
        .annotate(new=Sum("new_items"), upd=Sum("updates"))
        .order_by()
    )
    return [
        (
            r["month"],
            r["unit_id"],
            r["category"],
            r["label"],
            r["page_kind"],
            r["subkind"],
            r["new"] or 0,
            r["upd"] or 0,
        )
        for r in rows
    ]


def _known_labels(site_id=0):
    rows = (
        DailyCount.objects.filter(site_id=site_id)
        .values_list("category", "label")
        .distinct()
        .order_by()
    )
    labels = defaultdict(set)
    for category, label in rows:
        labels[category].add(label or UNLABELLED)
    return labels


def annual_report(year, unit=None, site=None):
    unit_id, site_id = _unit_id(unit), site_pk(site)
    return _assemble(
        year,
        _counter_rows(year, unit_id, site_id),
        _topics_maintained(year, unit_id, site_id),
        unit_id,
        site_id,
    )


# --- from the log ---------------------------------------------------------------------------
def _log_rows(year, unit_id=None, site_id=0):
    """The counter rows of ``year`` recomputed from the log, by the definitions."""
    start, end = year_bounds(year)
    # Only the year's own events are needed: an item first published in the year has no
    # earlier event, and updates count only inside the year.
    events = PublicationEvent.objects.filter(
        site_id=site_id,
        page_kind__in=(PageKind.ITEM, PageKind.TOPIC, PageKind.REPRINT),
        day__gte=start,
        day__lte=end,
    )
    acc = defaultdict(lambda: [0, 0])
    by_page = defaultdict(list)
    for ev in events.order_by("page_id", "at", "id").values(
        "page_id",
        "event",
        "day",
        "first_publication",
        "unit_id",
        "category",
        "label",
        "page_kind",
        "subkind",
    ):
        by_page[ev["page_id"]].append(ev)
    for evs in by_page.values():
        first = next((e for e in evs if e["first_publication"]), None)
        for ev in evs:
            if ev["event"] == EventType.PUBLISH:
                key = (
                    ev["day"].month,
                    ev["unit_id"],
                    ev["category"],
                    ev["label"],
                    ev["page_kind"],
                    ev["subkind"],
                )
                acc[key][1] += 1
        # counted as a new item: first published in the year, still published at its end
        if first is not None and evs[-1]["event"] == EventType.PUBLISH:
            key = (
                first["day"].month,
                first["unit_id"],
                first["category"],
                first["label"],
                first["page_kind"],
                first["subkind"],
            )
            acc[key][0] += 1
    rows = [(*key, new, upd) for key, (new, upd) in acc.items()]
    if unit_id is not None:
        rows = [r for r in rows if r[1] == unit_id]
    return rows


def _topics_maintained(year, unit_id=None, site_id=0):
    """Topics live at any time during the year: a publication before the year's end not
    followed, before the year began, by a removal without republication."""
    start, end = year_bounds(year)
    qs = PublicationEvent.objects.filter(site_id=site_id, page_kind=PageKind.TOPIC, day__lte=end)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    live_in_year = set()
    state = {}
    for page_id, event, day in qs.order_by("at", "id").values_list("page_id", "event", "day"):
        live_before = state.get(page_id, False)
        is_live = event == EventType.PUBLISH
        if day >= start and (is_live or live_before):
            live_in_year.add(page_id)
        state[page_id] = is_live
    live_in_year.update(p for p, live in state.items() if live)
    return len(live_in_year)


def annual_report_from_log(year, unit=None, site=None):
    unit_id, site_id = _unit_id(unit), site_pk(site)
    return _assemble(
        year,
        _log_rows(year, unit_id, site_id),
        _topics_maintained(year, unit_id, site_id),
        unit_id,
        site_id,
    )


def verify(year, unit=None, site=None):
    """Differences between one site's counters and its log, as readable lines (empty =
    agree)."""
    site = resolve_site(site)
    return diff(annual_report(year, unit, site), annual_report_from_log(year, unit, site))


def diff(a, b, prefix=""):
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            out += diff(a.get(key), b.get(key), f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += diff(x, y, f"{prefix}[{i}]")
    elif a != b:
        out.append(f"{prefix}: 计数器 {a!r}，发布记录重算 {b!r}")
    return out


# --- assembling the report ------------------------------------------------------------------
def _blank_breakdown():
    # ``reprints`` (转载, 信息推送 from other sites) is shown beside, never in ``total``
    return {
        "total": 0,
        "overview_updates": 0,
        "news": 0,
        "catalogue": 0,
        "other": 0,
        "reprints": 0,
    }


def _assemble(year, rows, topics_maintained, unit_id=None, site_id=0):
    from portal.units.models import Unit

    known = _known_labels(site_id)
    news_labels = {label: 0 for label in FIXED_LABELS[StatsCategory.NEWS]}
    news_labels.update({lbl: 0 for lbl in sorted(known.get(StatsCategory.NEWS, ()))})
    cat_labels = {label: 0 for label in FIXED_LABELS[StatsCategory.CATALOGUE]}
    cat_labels.update({lbl: 0 for lbl in sorted(known.get(StatsCategory.CATALOGUE, ()))})
    months = {m: _blank_breakdown() for m in range(1, 13)}
    units = defaultdict(_blank_breakdown)
    interp = {
        "total": 0,
        "materials": 0,
        "products": 0,
        "by_kind": {"text": 0, "graphic": 0, "video": 0, "press": 0},
    }
    topics_opened = 0

    for month, row_unit, category, label, page_kind, subkind, new, upd in rows:
        if page_kind == PageKind.TOPIC:
            topics_opened += new
            continue
        if page_kind == PageKind.REPRINT:
            months[month]["reprints"] += new
            units[row_unit]["reprints"] += new
            continue
        if page_kind != PageKind.ITEM:
            continue
        if category == StatsCategory.OVERVIEW:
            key, amount = "overview_updates", upd
        elif category == StatsCategory.NEWS:
            key, amount = "news", new
            news_labels[label or UNLABELLED] = news_labels.get(label or UNLABELLED, 0) + new
        elif category == StatsCategory.CATALOGUE:
            key, amount = "catalogue", new
            cat_labels[label or UNLABELLED] = cat_labels.get(label or UNLABELLED, 0) + new
        else:  # 其他, and items inside topics
            key, amount = "other", new
        for bucket in (months[month], units[row_unit]):
            bucket[key] += amount
            bucket["total"] += amount
        if subkind.startswith("interpretation."):
            interp["total"] += new
            kind = subkind.split(".", 1)[1]
            interp["by_kind"][kind] = interp["by_kind"].get(kind, 0) + new
            group = INTERPRETATION_GROUPS.get(subkind)
            if group:
                interp[group] += new

    totals = _blank_breakdown()
    for bucket in months.values():
        for key in totals:
            totals[key] += bucket[key]
    unit_rows = []
    unit_names = {
        u.pk: (u.code, u.name, u.sort_order)
        for u in Unit.objects.filter(pk__in={uid for uid in units} | {unit_id or 0})
    }
    for uid, bucket in units.items():
        if not any(bucket.values()):
            continue
        code, name, order = unit_names.get(
            uid, ("", "（无所属单位）" if not uid else f"单位{uid}", 10**6)
        )
        unit_rows.append((order, name, {"unit_id": uid, "code": code, "name": name, **bucket}))
    unit_rows.sort(key=lambda t: (t[0], t[1]))
    selected = None
    if unit_id is not None:
        code, name, _order = unit_names.get(unit_id, ("", "", 0))
        selected = {"unit_id": unit_id, "code": code, "name": name}
    return {
        "year": year,
        "unit": selected,
        "total": totals["total"],
        "overview_updates": totals["overview_updates"],
        "news": {"total": totals["news"], "labels": news_labels},
        "catalogue": {"total": totals["catalogue"], "labels": cat_labels},
        "other": totals["other"],
        "reprints": totals["reprints"],
        "topics": {"opened": topics_opened, "maintained": topics_maintained},
        "interpretations": interp,
        "months": [{"month": m, **months[m]} for m in range(1, 13)],
        "units": [row for _o, _n, row in unit_rows],
    }
