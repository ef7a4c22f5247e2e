"""Writing the publication log and moving the counters.

Two entry points share one state machine (:func:`_decide`):

- :func:`record_page_event` — called by the signal receivers (``signals.py``) for Wagtail's
  ``page_published`` / ``page_unpublished`` and the pages' ``post_delete``; the time is
  ``portal.core.history.event_time()`` so ``publish_with_time`` counts at its historical time.
- :func:`record_historical_publications` (and the one-row :func:`record_historical_publication`)
  — the bulk API for imports of historical items (the migration importer, the benchmarks, the
  full-scale test). It writes the same rows, in bulk, without creating pages.

Counting rules (DESIGN §7; see docs/statistics.md):

- ``updates`` counts every publish event (概况类 uses it: new pages and republished revisions).
- A 转载 (``PageKind.REPRINT``: an alias of another site's item, 信息推送) is counted with the
  same rules under its own kind: the source site counts the item, the receiving site counts
  it as 转载, never in its own 信息发布总数.
- ``new_items`` counts an item once, on the day of its first publication. If the item is taken
  down (unpublished/withdrawn or deleted) in the same calendar year, that first publication is
  taken back (−1 on the day of the first publication); republishing it within that year
  restores it (+1). A removal in a later year changes nothing: a closed year's figures never
  move. Republishing never counts as a new item.

Every event and counter carries the site (站群) of the page: ``site_id_for_path`` of the page
when it is published, the site of its column for a historical import, and the site of its
last event when it is taken down or deleted (a deleted page has left every site's tree).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.core.sites import default_site_id, site_id_for_path

from .models import DailyCount, EventType, PageKind, PublicationEvent

#: page models that are 专题 (topics) rather than items
TOPIC_MODELS = ("home.topicpage",)
#: page models counted as 解读 (interpretations); their ``interpretation_kind`` is the subkind
INTERPRETATION_MODELS = ("disclosure_catalog.interpretationpage",)
#: a page whose first_published_at is older than its first publish event by more than this
#: was published before the log saw it (an import): its first publication is logged then
FIRST_PUBLICATION_TOLERANCE = timedelta(minutes=5)

COUNTED_KINDS = (PageKind.ITEM, PageKind.TOPIC, PageKind.REPRINT)
KEY_FIELDS = ("site_id", "column_id", "unit_id", "category", "label", "page_kind", "subkind")


def local_day(when):
    return timezone.localtime(when).date() if timezone.is_aware(when) else when.date()


# --- facts about a page ---------------------------------------------------------------------
def is_reprint(page):
    """Whether ``page`` is an alias of another site's page (信息推送: 转载). An alias on its own
    site (a translation kept in sync, a page shown in two columns) stays an item."""
    source_id = getattr(page, "alias_of_id", None)
    if not source_id:
        return False
    source_path = (
        apps.get_model("wagtailcore", "Page")
        .objects.filter(pk=source_id)
        .values_list("path", flat=True)
        .first()
    )
    if source_path is None:
        return False
    return site_id_for_path(source_path) != site_id_for_path(page.path or "")


def page_facts(page):
    """Column, unit, category, label and kind of a page, read through BasePage's hooks."""
    specific = page.specific if hasattr(page, "specific") else page
    label_lower = specific._meta.label_lower
    if getattr(specific, "is_column", False) or getattr(specific, "is_listing_page", False):
        kind = PageKind.COLUMN  # columns and index pages list items: not counted
    elif (specific.depth or 0) <= 2:
        kind = PageKind.HOME
    elif label_lower in TOPIC_MODELS:
        kind = PageKind.TOPIC
    elif is_reprint(specific):
        kind = PageKind.REPRINT
    else:
        kind = PageKind.ITEM
    column = specific.get_column() if hasattr(specific, "get_column") else None
    unit = specific.get_owner_unit() if hasattr(specific, "get_owner_unit") else None
    category = specific.get_stats_category() if hasattr(specific, "get_stats_category") else ""
    label = specific.get_stats_label() if hasattr(specific, "get_stats_label") else ""
    if kind == PageKind.REPRINT and column is not None and hasattr(column, "get_owner_unit"):
        # the alias carries the source's unit (another site's): count it for the column's
        unit = column.get_owner_unit()
    if kind == PageKind.TOPIC:
        from portal.core.columns import StatsCategory

        category, label = StatsCategory.TOPIC, ""
    subkind = ""
    if label_lower in INTERPRETATION_MODELS:
        subkind = f"interpretation.{getattr(specific, 'interpretation_kind', '') or 'text'}"
    return {
        "site_id": site_id_for_path(specific.path or "") or 0,
        "column_id": column.pk if column is not None and column.pk else 0,
        "unit_id": unit.pk if unit is not None else 0,
        "category": category or "",
        "label": (label or "")[:40],
        "page_kind": kind,
        "subkind": subkind,
        "title": (specific.title or "")[:255],
    }


def column_facts(column, unit=None):
    """Facts for an item to be counted in ``column`` (a ColumnPage or its id)."""
    if isinstance(column, int):
        column = apps.get_model("wagtailcore", "Page").objects.get(pk=column).specific
    owner = unit if unit is not None else column.get_owner_unit()
    return {
        "site_id": site_id_for_path(column.path or "") or 0,
        "column_id": column.pk,
        "unit_id": owner.pk if owner is not None else 0,
        "category": column.stats_category or "",
        "label": (column.stats_label or "")[:40],
    }


# --- the state machine ----------------------------------------------------------------------
@dataclass
class PageState:
    first: dict | None = None  # the first-publication row's fields
    live: bool = False


@dataclass
class Decision:
    rows: list = field(default_factory=list)  # PublicationEvent field dicts
    counters: list = field(default_factory=list)  # (key dict, new_items, updates)


def _key(row, day=None):
    key = {f: row[f] for f in KEY_FIELDS}
    key["day"] = day or row["day"]
    return key


def _decide(state: PageState, event, when, facts, historical, first_published_at=None):
    """Rows to log and counters to move for one event; updates ``state`` in place."""
    decision = Decision()
    counted = facts["page_kind"] in COUNTED_KINDS
    base = dict(facts, historical=historical)

    if event == EventType.PUBLISH:
        row = dict(
            base,
            event=EventType.PUBLISH,
            at=when,
            day=local_day(when),
            first_publication=False,
            delta=0,
        )
        if state.first is None:
            if (
                first_published_at is not None
                and first_published_at < when - FIRST_PUBLICATION_TOLERANCE
            ):
                # published before the log saw it: log that first publication at its own time
                first = dict(
                    base,
                    event=EventType.PUBLISH,
                    at=first_published_at,
                    day=local_day(first_published_at),
                    first_publication=True,
                    delta=1 if counted else 0,
                )
                decision.rows.append(first)
                if counted:
                    decision.counters.append((_key(first), 1, 1))
                state.first, state.live = first, True
            else:
                row["first_publication"] = True
                row["delta"] = 1 if counted else 0
                state.first = row
        elif not state.live and row["day"].year == state.first["day"].year:
            # withdrawn earlier this year and published again: the first publication counts
            row["delta"] = 1 if counted else 0
        decision.rows.append(row)
        if counted:
            decision.counters.append((_key(row), 0, 1))
            if row["delta"] and not row["first_publication"]:
                decision.counters.append((_key(state.first), 1, 0))
            elif row["first_publication"]:
                decision.counters.append((_key(row), 1, 0))
        state.live = True
        return decision

    # unpublish / withdraw / delete
    if state.first is None:
        return decision  # never published: nothing to count (drafts, rejected items)
    row = dict(base, event=event, at=when, day=local_day(when), first_publication=False, delta=0)
    if state.live and row["day"].year == state.first["day"].year:
        row["delta"] = -1 if counted else 0
        if counted:
            decision.counters.append((_key(state.first), -1, 0))
    state.live = False
    decision.rows.append(row)
    return decision


def _load_states(page_ids):
    """PageState of each page id from the log."""
    states = {}
    ids = list(page_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = (
            PublicationEvent.objects.filter(page_id__in=chunk)
            .order_by("page_id", "at", "id")
            .values("page_id", "event", "at", "day", "first_publication", "delta", *KEY_FIELDS)
        )
        for row in rows:
            state = states.setdefault(row["page_id"], PageState())
            if row["first_publication"] and state.first is None:
                state.first = row
            state.live = row["event"] == EventType.PUBLISH
    return states


def _bump(key, new_items, updates):
    updated = DailyCount.objects.filter(**key).update(
        new_items=F("new_items") + new_items, updates=F("updates") + updates
    )
    if updated:
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(**key, new_items=new_items, updates=updates)
    except IntegrityError:
        DailyCount.objects.filter(**key).update(
            new_items=F("new_items") + new_items, updates=F("updates") + updates
        )


def _apply_counters(counters):
    """Add (key, new_items, updates) deltas, merged per key, in bulk."""
    merged = defaultdict(lambda: [0, 0])
    for key, new_items, updates in counters:
        k = tuple(key[f] for f in ("day", *KEY_FIELDS))
        merged[k][0] += new_items
        merged[k][1] += updates
    if not merged:
        return
    if len(merged) <= 3:
        for k, (new_items, updates) in merged.items():
            _bump(dict(zip(("day", *KEY_FIELDS), k, strict=True)), new_items, updates)
        return
    days = sorted({k[0] for k in merged})
    existing = {}
    for start in range(0, len(days), 300):
        for obj in DailyCount.objects.filter(day__in=days[start : start + 300]):
            existing[(obj.day, *(getattr(obj, f) for f in KEY_FIELDS))] = obj
    to_update, to_create = [], []
    for k, (new_items, updates) in merged.items():
        obj = existing.get(k)
        if obj is not None:
            obj.new_items += new_items
            obj.updates += updates
            to_update.append(obj)
        else:
            to_create.append(
                DailyCount(
                    **dict(zip(("day", *KEY_FIELDS), k, strict=True)),
                    new_items=new_items,
                    updates=updates,
                )
            )
    DailyCount.objects.bulk_update(to_update, ["new_items", "updates"], batch_size=500)
    DailyCount.objects.bulk_create(to_create, batch_size=500)


def _event_model(row):
    return PublicationEvent(**{k: v for k, v in row.items() if k != "id"})


# --- the signal path ------------------------------------------------------------------------
def record_page_event(page, event, when, historical=False):
    """Log one event of a page and move its counters (Wagtail signals call this)."""
    with transaction.atomic():
        state = _load_states([page.pk]).get(page.pk, PageState())
        if event == EventType.PUBLISH:
            facts = page_facts(page)
        else:
            if state.first is None:
                return None
            last = (
                PublicationEvent.objects.filter(page_id=page.pk)
                .order_by("-at", "-id")
                .values(*KEY_FIELDS, "title")
                .first()
            )
            facts = last
        # Only a historical publication may place a first publication in the past (an
        # import of an old page). Live, a page the log has not seen is new now — even a copy
        # of an old page, which keeps the original's first_published_at — so a closed
        # year's figures never move.
        first_published_at = getattr(page, "first_published_at", None) if historical else None
        decision = _decide(state, event, when, facts, historical, first_published_at)
        for row in decision.rows:
            row["page_id"] = page.pk
        PublicationEvent.objects.bulk_create([_event_model(r) for r in decision.rows])
        _apply_counters(decision.counters)
        return decision


# --- the historical-import API --------------------------------------------------------------
@dataclass
class HistoricalPublication:
    """One historical event of an imported page.

    ``column`` (a ColumnPage or its id) gives category, label and unit unless ``category``,
    ``label`` or ``unit_id`` are given; ``page_kind`` is "item" (default) or "topic";
    ``subkind`` e.g. "interpretation.text" for a 解读. The site is the column's, else
    ``site_id``, else the site of the page ``page_id`` if it exists, else the default site.
    """

    page_id: int
    at: datetime
    event: str = EventType.PUBLISH
    column: object = None
    category: str | None = None
    label: str | None = None
    unit_id: int | None = None
    page_kind: str = PageKind.ITEM
    subkind: str = ""
    title: str = ""
    first_published_at: datetime | None = None
    site_id: int | None = None


def record_historical_publication(page_id, at, **kwargs):
    """Record one historical event; see :func:`record_historical_publications`."""
    return record_historical_publications([HistoricalPublication(page_id, at, **kwargs)])


@transaction.atomic
def record_historical_publications(records, column_facts_cache=None):
    """Record imported historical events in bulk, counting them at their original times.

    Idempotent: an event already in the log (same page, event type and time — e.g. because
    the page was also published through ``publish_with_time``) is skipped. Events of one page
    are applied in time order. Returns the number of events logged.
    """
    records = sorted(records, key=lambda r: (_aware(r.at), r.page_id))
    if not records:
        return 0
    cache = column_facts_cache if column_facts_cache is not None else {}
    page_ids = {r.page_id for r in records}
    states = _load_states(page_ids)
    seen = set()
    for start in range(0, len(page_ids), 500):
        chunk = list(page_ids)[start : start + 500]
        seen.update(
            PublicationEvent.objects.filter(page_id__in=chunk).values_list("page_id", "event", "at")
        )
    page_sites = _page_sites({r.page_id for r in records if r.column is None and r.site_id is None})
    default_site = default_site_id()
    rows, counters = [], []
    for record in records:
        at = _aware(record.at)
        if (record.page_id, record.event, at) in seen:
            continue
        seen.add((record.page_id, record.event, at))
        facts = _record_facts(record, cache)
        if not facts["site_id"]:
            # nothing names a site: the page's, else the default site (an import into a
            # single-county installation, as before the platform)
            facts["site_id"] = page_sites.get(record.page_id) or default_site or 0
        state = states.setdefault(record.page_id, PageState())
        first_published_at = (
            _aware(record.first_published_at) if record.first_published_at else None
        )
        decision = _decide(state, record.event, at, facts, True, first_published_at)
        for row in decision.rows:
            row["page_id"] = record.page_id
        rows.extend(decision.rows)
        counters.extend(decision.counters)
    PublicationEvent.objects.bulk_create([_event_model(r) for r in rows], batch_size=1000)
    _apply_counters(counters)
    return len(rows)


def _aware(when):
    return timezone.make_aware(when) if timezone.is_naive(when) else when


def _page_sites(page_ids):
    """{page id: site id} of the pages that exist (one query per 500 pages)."""
    Page = apps.get_model("wagtailcore", "Page")
    out, ids = {}, sorted(i for i in page_ids if i and i > 0)
    for start in range(0, len(ids), 500):
        for pk, path in Page.objects.filter(pk__in=ids[start : start + 500]).values_list(
            "pk", "path"
        ):
            out[pk] = site_id_for_path(path) or 0
    return out


def _record_facts(record, cache):
    facts = {"site_id": record.site_id or 0, "column_id": 0, "unit_id": 0}
    facts.update(category="", label="")
    if record.column is not None:
        column_id = record.column if isinstance(record.column, int) else record.column.pk
        if column_id not in cache:
            cache[column_id] = column_facts(record.column)
        facts.update(cache[column_id])
        if record.site_id and not facts["site_id"]:
            facts["site_id"] = record.site_id
    if record.category is not None:
        facts["category"] = record.category
    if record.label is not None:
        facts["label"] = record.label
    if record.unit_id is not None:
        facts["unit_id"] = record.unit_id
    if record.page_kind == PageKind.TOPIC:
        facts["category"], facts["label"] = "topic", ""
    facts.update(
        page_kind=record.page_kind, subkind=record.subkind, title=(record.title or "")[:255]
    )
    return facts


def assign_missing_sites():
    """Give events logged without a site (``site_id`` 0: copied from a bundle, written by
    older code) the site of their page, else of their column, else of their unit. Returns
    the number of events changed."""
    Page = apps.get_model("wagtailcore", "Page")
    Unit = apps.get_model("units", "Unit")
    missing = PublicationEvent.objects.filter(site_id=0)
    refs = list(missing.values_list("page_id", "column_id", "unit_id").distinct())
    if not refs:
        return 0
    page_ids = {p for p, c, u in refs if p > 0} | {c for p, c, u in refs if c > 0}
    paths = {}
    ids = sorted(page_ids)
    for start in range(0, len(ids), 500):
        paths.update(Page.objects.filter(pk__in=ids[start : start + 500]).values_list("pk", "path"))
    unit_sites = dict(
        Unit.objects.filter(pk__in={u for p, c, u in refs if u}).values_list("pk", "site_id")
    )
    by_site = defaultdict(list)
    for page_id, column_id, unit_id in refs:
        site_id = 0
        for ref in (page_id, column_id):
            if ref in paths:
                site_id = site_id_for_path(paths[ref]) or 0
                if site_id:
                    break
        site_id = site_id or unit_sites.get(unit_id) or 0
        if site_id:
            by_site[site_id].append((page_id, column_id, unit_id))
    changed = 0
    for site_id, keys in by_site.items():
        for start in range(0, len(keys), 300):
            q = _any_of(keys[start : start + 300])
            changed += missing.filter(q).update(site_id=site_id)
    return changed


def _any_of(keys):
    from django.db.models import Q

    q = Q(pk__in=[])
    for page_id, column_id, unit_id in keys:
        q |= Q(page_id=page_id, column_id=column_id, unit_id=unit_id)
    return q


def rebuild_counters(site=None):
    """Recompute the counters from the log (after a repair of the log, or an import).

    Events without a site get theirs first (:func:`assign_missing_sites`). The new counters
    are compared with the stored ones and only the rows that differ are written: a rebuild
    that changes nothing writes nothing, and the counters of a site whose log did not change
    keep their rows (an import of one site into a platform touches no other site's rows).
    With ``site`` (a Site or its id) only that site's counters are recomputed.
    """
    site_id = getattr(site, "pk", site)
    with transaction.atomic():
        assign_missing_sites()
        events = PublicationEvent.objects.all()
        stored = DailyCount.objects.all()
        if site_id is not None:
            events = events.filter(site_id=site_id)
            stored = stored.filter(site_id=site_id)
        counters = []
        states = {}
        for row in (
            events.order_by("page_id", "at", "id")
            .values("page_id", "event", "at", "day", "first_publication", *KEY_FIELDS)
            .iterator(chunk_size=2000)
        ):
            if row["page_kind"] not in COUNTED_KINDS:
                continue
            state = states.setdefault(row["page_id"], PageState())
            if row["event"] == EventType.PUBLISH:
                counters.append((_key(row), 0, 1))
                if row["first_publication"] and state.first is None:
                    state.first = row
                    counters.append((_key(row), 1, 0))
                elif (
                    state.first is not None
                    and not state.live
                    and row["day"].year == state.first["day"].year
                ):
                    counters.append((_key(state.first), 1, 0))
                state.live = True
            else:
                if (
                    state.first is not None
                    and state.live
                    and row["day"].year == state.first["day"].year
                ):
                    counters.append((_key(state.first), -1, 0))
                state.live = False
        wanted = defaultdict(lambda: [0, 0])
        for key, new_items, updates in counters:
            k = tuple(key[f] for f in ("day", *KEY_FIELDS))
            wanted[k][0] += new_items
            wanted[k][1] += updates
        to_update, to_delete = [], []
        for obj in stored.iterator(chunk_size=2000):
            k = (obj.day, *(getattr(obj, f) for f in KEY_FIELDS))
            values = wanted.pop(k, None)
            if values is None:
                to_delete.append(obj.pk)
            elif [obj.new_items, obj.updates] != values:
                obj.new_items, obj.updates = values
                to_update.append(obj)
        for start in range(0, len(to_delete), 500):
            DailyCount.objects.filter(pk__in=to_delete[start : start + 500]).delete()
        DailyCount.objects.bulk_update(to_update, ["new_items", "updates"], batch_size=500)
        DailyCount.objects.bulk_create(
            [
                DailyCount(
                    **dict(zip(("day", *KEY_FIELDS), k, strict=True)),
                    new_items=values[0],
                    updates=values[1],
                )
                for k, values in wanted.items()
            ],
            batch_size=500,
        )
        return len(to_update) + len(to_delete) + len(wanted)
