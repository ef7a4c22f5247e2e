"""Chinese word segmentation for the search path (jieba).

Both sides of the search go through one ``Segmenter``:

- **indexing** (``index_text``): the text is cut in jieba's precise mode and every word is
  followed by the dictionary words it contains (jieba's "search mode", extended to sub-words
  of every length), so 中华人民共和国国务院 is indexed as that word and as 中华人民共和国,
  人民, 国务院 …;
- **querying** (``query_groups``): the query is cut in precise mode; each word becomes a term
  that must occur, and a run of single characters becomes a phrase whose characters must be
  adjacent, so an unknown word never matches through scattered single characters.

Tokens are reduced to letters and digits (``[^\\W_]+``), lower-cased and NFKC-normalised on
both sides, so no FTS5 or tsquery syntax can come out of the segmenter.

The dictionary is jieba's own plus ``search/data/userdict.txt`` (place names, policy terms),
the names of the county's units (``portal/units/data/units.json``) and the terms editors add
as ``SearchTerm`` snippets. When a term is added, every process reloads its dictionary within
``RELOAD_CHECK_SECONDS``; pages already indexed pick the new word up at the next
``manage.py update_index`` (or when they are next published).
"""

import json
import logging
import re
import threading
import time
import unicodedata
from pathlib import Path

import jieba
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DICT = DATA_DIR / "userdict.txt"
VERSION_CACHE_KEY = "portal_search:dictionary_version"
RELOAD_CHECK_SECONDS = 30
#: cap on the query words used, whatever the length of the input
MAX_QUERY_GROUPS = 32

_TOKEN_RE = re.compile(r"[^\W_]+")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

jieba.setLogLevel(logging.WARNING)


def normalise(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def units_file():
    return Path(settings.BASE_DIR) / "portal" / "units" / "data" / "units.json"


def unit_terms():
    """Names and short names of the county's units, from the units data file."""
    try:
        data = json.loads(units_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    terms = []
    for unit in data.get("units", []):
        for key in ("name", "short_name"):
            if unit.get(key):
                terms.append(unit[key])
    return terms


def admin_terms():
    """Terms added by editors (SearchTerm snippets); empty if the table is not there yet."""
    try:
        from .models import SearchTerm

        return list(SearchTerm.objects.values_list("word", flat=True))
    except Exception:  # noqa: BLE001 - before migrations, or without a database
        return []


class Segmenter:
    def __init__(self):
        self._lock = threading.RLock()
        self._tokenizer = None
        self._version = None
        self._checked_at = 0.0

    # --- dictionary ------------------------------------------------------------------------
    def _build(self):
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if USER_DICT.exists():
            tokenizer.load_userdict(str(USER_DICT))
        for word in unit_terms() + admin_terms():
            self._add(tokenizer, word)
        return tokenizer

    @staticmethod
    def _add(tokenizer, word):
        word = normalise(word).strip()
        if len(word) >= 2 and not any(ch.isspace() for ch in word):
            # a frequency high enough for jieba to keep the term whole
            tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, False), 1000))

    @property
    def tokenizer(self):
        now = time.monotonic()
        if self._tokenizer is not None and now - self._checked_at < RELOAD_CHECK_SECONDS:
            return self._tokenizer
        with self._lock:
            version = cache.get(VERSION_CACHE_KEY)
            if self._tokenizer is None or version != self._version:
                self._tokenizer = self._build()
                self._version = version
            self._checked_at = now
            return self._tokenizer

    def reload(self):
        """Rebuild the dictionary now, and tell other processes to do the same."""
        with self._lock:
            version = time.time()
            cache.set(VERSION_CACHE_KEY, version, None)
            self._tokenizer = self._build()
            self._version = version
            self._checked_at = time.monotonic()

    def is_word(self, word):
        return self.tokenizer.FREQ.get(word, 0) > 0

    # --- cutting ---------------------------------------------------------------------------
    def words(self, text):
        """Precise-mode words of ``text``, reduced to letters and digits."""
        tokens = []
        for piece in self.tokenizer.cut(normalise(text)):
            tokens.extend(_TOKEN_RE.findall(piece))
        return tokens

    def expand(self, word):
        """The word and the dictionary words inside it (search mode, every length)."""
        yield word
        n = len(word)
        if n <= 2 or not _HAN_RE.search(word):
            return
        freq = self.tokenizer.FREQ
        for size in range(n - 1, 1, -1):
            for start in range(0, n - size + 1):
                sub = word[start : start + size]
                if freq.get(sub, 0) > 0:
                    yield sub

    def index_tokens(self, text):
        for word in self.words(text):
            yield from self.expand(word)

    def index_text(self, text):
        if not text:
            return ""
        return " ".join(self.index_tokens(text))

    def query_groups(self, text):
        """Groups that must all match: ``("term", word)`` or ``("phrase", [c1, c2, …])``.

        Consecutive single characters form a phrase, so 鑫龘 (not a word) matches only where
        the two characters stand side by side, never a page that merely contains both.
        """
        groups = []
        for chunk in normalise(text).split():
            run = []
            for word in self.words(chunk):
                if len(word) == 1:
                    run.append(word)
                    continue
                self._flush(run, groups)
                run = []
                groups.append(("term", word))
            self._flush(run, groups)
            if len(groups) >= MAX_QUERY_GROUPS:
                break
        return groups[:MAX_QUERY_GROUPS]

    @staticmethod
    def _flush(run, groups):
        if len(run) == 1:
            groups.append(("term", run[0]))
        elif run:
            groups.append(("phrase", list(run)))

    def query_words(self, text):
        """Every word a query looks for (for highlighting)."""
        words = []
        for kind, value in self.query_groups(text):
            words.append(value if kind == "term" else "".join(value))
        return words


segmenter = Segmenter()
