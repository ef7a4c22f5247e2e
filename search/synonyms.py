"""Synonyms and 简称 for every search backend.

``Synonym`` rows (admin: 设置 → 同义词, seeded from ``data/synonyms.json``) become a map
word → the words it also finds. A two-way entry maps each word to all the others; a
one-way entry maps its first word to the rest. The database backends add the alternatives
to the query (search/backends/database.py); Elasticsearch gets the same entries as a
``synonym_graph`` filter of its search analyser (search/backends/elasticsearch.py).
Saving or deleting an entry reloads the map here and, through the cache, in every other
process within ``RELOAD_CHECK_SECONDS``.
"""

import json
import re
import threading
import time
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


def db_entries():
    try:
        from .models import Synonym

        return [(row.word_list(), row.two_way) for row in Synonym.objects.all()]
    except Exception:  # noqa: BLE001 - before migrations, or without a database
        return seed_entries()


class Synonyms:
    def __init__(self):
        self._lock = threading.RLock()
        self._map = None
        self._longest = 0
        self._version = None
        self._checked_at = 0.0

    def _load(self):
        self._map = build_map(db_entries())
        self._longest = max((len(word) for word in self._map), default=0)

    @property
    def map(self):
        now = time.monotonic()
        if self._map is not None and now - self._checked_at < RELOAD_CHECK_SECONDS:
            return self._map
        with self._lock:
            version = cache.get(VERSION_CACHE_KEY)
            if self._map is None or version != self._version:
                self._load()
                self._version = version
            self._checked_at = now
            return self._map

    def reload(self):
        with self._lock:
            version = time.time()
            cache.set(VERSION_CACHE_KEY, version, None)
            self._load()
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
        """The entries in Elasticsearch's synonym format (``a, b`` / ``a => a, b``)."""
        rules = []
        for words, two_way in db_entries():
            words = [w for w in (normalise(w).replace(",", " ").strip() for w in words) if w]
            if len(words) < 2:
                continue
            if two_way:
                rules.append(", ".join(words))
            else:
                rules.append(f"{words[0]} => {', '.join(words)}")
        return rules


synonyms = Synonyms()
