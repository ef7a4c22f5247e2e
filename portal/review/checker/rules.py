"""The rule table as the checker uses it: WordingRule rows, loaded once and reloaded when an
admin changes the table (the newest ``updated_at`` and the row count are the cache key).

Per site (站群): a site's rules are the platform-wide rows (no site) plus the site's own; a
rule of one county never flags another county's text."""

import datetime
import re
import threading
from dataclasses import dataclass

_cache = {"key": None, "by_site": {}}
_lock = threading.Lock()


@dataclass(frozen=True)
class Rule:
    kind: str
    phrase: str
    correction: str
    category: str
    severity: str
    note: str
    exceptions: tuple
    effective_from: datetime.date | None
    source: str
    regex: object = None

    def find_in(self, text):
        if self.kind == "pattern":
            for m in self.regex.finditer(text):
                if m.end() > m.start():
                    yield m.start(), m.end(), m.expand(self.correction) if self.correction else ""
            return
        start = text.find(self.phrase)
        while start != -1:
            end = start + len(self.phrase)
            if not self._excepted(text, start):
                yield start, end, self.correction
            start = text.find(self.phrase, end)

    def _excepted(self, text, start):
        for exception in self.exceptions:
            offset = exception.find(self.phrase)
            while offset != -1:
                left = start - offset
                if left >= 0 and text.startswith(exception, left):
                    return True
                offset = exception.find(self.phrase, offset + 1)
        return False


def _rule_from(row):
    exceptions = tuple(
        e.strip()
        for e in (row.exceptions or "").replace("，", ",").split(",")
        if e.strip() and row.phrase in e.strip()
    )
    regex = None
    if row.kind == "pattern":
        try:
            regex = re.compile(row.phrase)
        except re.error:
            return None
    return Rule(
        row.kind,
        row.phrase,
        row.correction,
        row.category,
        row.severity,
        row.note,
        exceptions,
        row.effective_from,
        row.source,
        regex,
    )


def site_id_or_default(site):
    """A site id from a Site, an id or None (None: the default site, as for a single
    county)."""
    site_id = getattr(site, "pk", site)
    if site_id is None:
        from portal.core.sites import default_site_id

        site_id = default_site_id()
    return site_id


def current_rules(site=None):
    """The enabled rules (all kinds) applying on ``site`` (a Site or an id; default: the
    default site): the platform-wide ones plus the site's own, cached until the table
    changes."""
    from django.db.models import Count, Max, Q

    from portal.review.models import WordingRule

    site_id = site_id_or_default(site)
    # bulk updates (queryset.update) do not touch updated_at: count what they change too
    key = tuple(
        WordingRule.objects.aggregate(
            n=Count("id"),
            enabled=Count("id", filter=Q(enabled=True)),
            block=Count("id", filter=Q(severity="block")),
            last=Max("updated_at"),
        ).values()
    )
    with _lock:
        if _cache["key"] != key:
            _cache.update(key=key, by_site={})
        rules = _cache["by_site"].get(site_id)
        if rules is None:
            rows = WordingRule.objects.filter(enabled=True).filter(
                Q(site__isnull=True) | Q(site_id=site_id)
            )
            rules = [r for r in (_rule_from(row) for row in rows) if r is not None]
            _cache["by_site"][site_id] = rules
    return rules


def rules_from_rows(rows):
    return [r for r in (_rule_from(row) for row in rows) if r is not None]


def default_rules():
    """The shipped rules without the database (benchmarks and the evaluation set)."""
    from .defaults import default_rows

    return rules_from_rows(default_rows())
