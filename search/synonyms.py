"""Synonyms and 简称 for every search backend.

``Synonym`` rows (admin: 设置 → 同义词, seeded from ``data/synonyms.json``) become a map
word → the words it also finds. A two-way entry maps each word to all the others; a
one-way entry maps its first word to the rest. The database backends add the alternatives
to the query (search/backends/database.py); Elasticsearch gets the same entries as a
``synonym_graph`` filter of its search analyser (search/backends/elasticsearch.py).
Saving or deleting an entry reloads the map here and, through the cache, in every other
process within ``RELOAD_CHECK_SECONDS``.

Per site (站群): an entry with no site is platform-wide; an entry with a site applies to
that site's searches only. A search runs inside ``for_sites(site ids)`` (the search view,
API v2), and the map in use is the platform-wide entries plus those sites' own; outside
any ``for_sites`` it is the platform-wide entries plus the default site's.
"""

import contextvars
import json
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import cache

from .segmentation import normalise

DATA_FILE = Path(__file__).resolve().parent / "data" / "synonyms.json"
VERSION_CACHE_KEY = "portal_search:synonyms_version"
RELOAD_CHECK_SECONDS = 30
#: at most this many alternatives per word (a query stays small)
MAX_ALTERNATIVES = 6
_SPLIT_RE = re.compile(r"[、,，;；/|\s]+")


def split_words(text):
    words = [normalise(w).strip() for w in _SPLIT_RE.split(text or "")]
    return list(dict.fromkeys(w for w in words if w))


def seed_entries():
    """The entries of the data file: ``[(words, two_way)]``."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return [(entry["words"], bool(entry.get("two_way", True))) for entry in data["entries"]]


def build_map(entries):
    mapping = {}
    for words, two_way in entries:
        words = [normalise(w).strip() for w in words if w and w.strip()]
        if len(words) < 2:
            continue
        sources = words if two_way else words[:1]
        for word in sources:
            alternatives = mapping.setdefault(word, [])
            alternatives.extend(w for w in words if w != word and w not in alternatives)
    return mapping


#: the sites whose own entries the current search uses (a frozenset of ids; None: default)
_sites = contextvars.ContextVar("portal_search_synonym_sites", default=None)


@contextmanager
def for_sites(sites):
    """Searches inside use the platform-wide entries plus these sites' (ids or Sites)."""
    ids = frozenset(getattr(site, "pk", site) for site in sites if site is not None)
    token = _sites.set(ids)
    try:
        yield
    finally:
        _sites.reset(token)


def current_site_ids():
    ids = _sites.get()
    if ids is None:
        from portal.core.sites import default_site_id

        try:
            default = default_site_id()
        except Exception:  # noqa: BLE001 - before migrations, or without a database
            default = None
        ids = frozenset([default] if default else [])
    return ids


def db_entries(site_ids=None, platform_only=False):
    """``[(words, two_way)]``: the platform-wide entries plus those of ``site_ids`` (default:
    the current search's sites, ``current_site_ids``)."""
    try:
        from django.db.models import Q

        from .models import Synonym

        rows = Synonym.objects.filter(site__isnull=True)
        if not platform_only:
            ids = current_site_ids() if site_ids is None else site_ids
            rows = Synonym.objects.filter(Q(site__isnull=True) | Q(site__in=list(ids)))
        return [(row.word_list(), row.two_way) for row in rows]
    except Exception:  # noqa: BLE001 - before migrations, or without a database
        return seed_entries()


class Synonyms:
    def __init__(self):
        self._lock = threading.RLock()
        #: site ids → (map, longest word); all dropped when the table changes
        self._maps = {}
        self._version = None
        self._checked_at = 0.0

    def _entry(self):
        ids = current_site_ids()
        entry = self._maps.get(ids)
        if entry is None:
            mapping = build_map(db_entries(ids))
            entry = self._maps[ids] = (mapping, max((len(w) for w in mapping), default=0))
        return entry

    def _fresh(self):
        now = time.monotonic()
        if now - self._checked_at < RELOAD_CHECK_SECONDS:
            return
        with self._lock:
            version = cache.get(VERSION_CACHE_KEY)
            if version != self._version:
                self._maps = {}
                self._version = version
            self._checked_at = now

    @property
    def map(self):
        self._fresh()
        return self._entry()[0]

    @property
    def _longest(self):
        self._fresh()
        return self._entry()[1]

    def reload(self):
        with self._lock:
            version = time.time()
            cache.set(VERSION_CACHE_KEY, version, None)
            self._maps = {}
            self._version = version
            self._checked_at = time.monotonic()

    def alternatives(self, word):
        return self.map.get(normalise(word), [])[:MAX_ALTERNATIVES]

    def split(self, run, boundaries=None):
        """``run`` cut into ``[(text, alternatives)]``: the longest synonym words found
        in it, left to right, with their alternatives; the text between with ``[]``.
        ``boundaries``: the word boundaries of jieba's cut of the run; a synonym word
        must start and end on one (外资 is not taken out of the word 外资股)."""
        mapping = self.map
        if not mapping:
            return [(run, [])]
        parts, pos, plain = [], 0, ""
        while pos < len(run):
            for size in range(min(self._longest, len(run) - pos), 1, -1):
                word = run[pos : pos + size]
                aligned = boundaries is None or (pos in boundaries and pos + size in boundaries)
                if aligned and word in mapping:
                    if plain:
                        parts.append((plain, []))
                        plain = ""
                    parts.append((word, mapping[word][:MAX_ALTERNATIVES]))
                    pos += size
                    break
            else:
                plain += run[pos]
                pos += 1
        if plain:
            parts.append((plain, []))
        return parts

    def elasticsearch_rules(self):
        """The platform-wide entries in Elasticsearch's synonym format (``a, b`` /
        ``a => a, b``): an index's analyser is shared by every site whose pages it holds."""
        rules = []
        for words, two_way in db_entries(platform_only=True):
            words = [w for w in (normalise(w).replace(",", " ").strip() for w in words) if w]
            if len(words) < 2:
                continue
            if two_way:
                rules.append(", ".join(words))
            else:
                rules.append(f"{words[0]} => {', '.join(words)}")
        return rules


synonyms = Synonyms()
