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
from math import log
from pathlib import Path

import jieba
from django.conf import settings
from django.core.cache import cache
from jieba import finalseg

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DICT = DATA_DIR / "userdict.txt"
VERSION_CACHE_KEY = "portal_search:dictionary_version"
RELOAD_CHECK_SECONDS = 30
#: cap on the query words used, whatever the length of the input
MAX_QUERY_GROUPS = 32

_TOKEN_RE = re.compile(r"[^\W_]+")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PIECE_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\W_\u3400-\u9fff\uf900-\ufaff]+")
_HAN_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: quoted parts of a query: "…", “…”, 「…」, 『…』 require the exact phrase
_QUOTED_RE = re.compile(r'"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?')


#: bigram tokens start with this letter: a bigram is never confused with a word of two
#: characters (jieba never glues a letter to Han characters, so no word looks like one)
BIGRAM_MARK = "z"


def bigrams(run):
    """Overlapping character pairs of a Han run as index tokens (z社保 z保卡)."""
    pairs = [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    return [BIGRAM_MARK + pair for pair in pairs]


def han_bigram_stream(text):
    """Every Han run of ``text`` as overlapping bigrams, in text order. Indexed beside the
    words, so a query word matches the text as a chain of adjacent bigrams however jieba
    cut that text in context."""
    tokens = []
    for run in _HAN_RUN_RE.findall(text):
        if len(run) >= 2:
            tokens.extend(bigrams(run))
    return tokens


def split_quoted(text):
    """``[(part, quoted)]``: the query cut into its quoted and unquoted parts."""
    parts, pos = [], 0
    for match in _QUOTED_RE.finditer(text):
        if match.start() > pos:
            parts.append((text[pos : match.start()], False))
        inner = next((g for g in match.groups() if g is not None), "")
        if inner.strip():
            parts.append((inner, True))
        pos = match.end()
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


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


class Tokenizer(jieba.Tokenizer):
    """jieba's tokenizer with the two loops of its precise mode (``get_DAG``, ``calc``)
    written for speed: the same cuts (tested word for word against jieba's own on the
    regulations corpus), about a third less CPU, most of the time of building the index.
    ``log(freq)`` of each word is remembered; ``add_word`` forgets a changed word's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._log_freq = {}

    def initialize(self, dictionary=None):
        super().initialize(dictionary)
        self._log_freq = {}

    def add_word(self, word, freq=None, tag=None):
        super().add_word(word, freq, tag)
        self._log_freq.pop(word, None)

    def _route(self, sentence):
        """jieba's best path (``get_DAG`` and ``calc`` in one pass, same arithmetic):
        ``route[i]`` = (log probability of the best cut of ``sentence[i:]``, end of its
        first word)."""
        freq, log_freq = self.FREQ, self._log_freq
        n = len(sentence)
        logtotal = log(self.total)
        route = [None] * n + [(0, 0)]
        for idx in range(n - 1, -1, -1):
            best = None
            i = idx
            frag = sentence[idx]
            while i < n:
                f = freq.get(frag)
                if f is None:
                    break
                if f:
                    value = log_freq.get(frag)
                    if value is None:
                        value = log_freq[frag] = log(f)
                    candidate = (value - logtotal + route[i + 1][0], i)
                    if best is None or candidate > best:
                        best = candidate
                i += 1
                frag = sentence[idx : i + 1]
            if best is None:  # no word starts here: the character alone (frequency 1)
                best = (-logtotal + route[idx + 1][0], idx)
            route[idx] = best
        return route

    def _Tokenizer__cut_DAG(self, sentence):  # noqa: N802 - replaces jieba's private method
        self.check_initialized()
        route = self._route(sentence)
        freq = self.FREQ
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._flush_single(buf, freq)
                    buf = ""
                yield word
            x = y
        if buf:
            yield from self._flush_single(buf, freq)

    @staticmethod
    def _flush_single(buf, freq):
        # as jieba: single characters in a row are left to the HMM unless they form a word
        if len(buf) == 1:
            yield buf
        elif not freq.get(buf):
            yield from finalseg.cut(buf)
        else:
            yield from buf


class Segmenter:
    def __init__(self):
        self._lock = threading.RLock()
        self._tokenizer = None
        self._version = None
        self._checked_at = 0.0

    # --- dictionary ------------------------------------------------------------------------
    def _build(self):
        tokenizer = Tokenizer()
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
        """The words (with their sub-words), then the Han bigrams of the text."""
        if not text:
            return ""
        text = normalise(text)
        tokens = []
        freq = self.tokenizer.FREQ
        findall, han = _TOKEN_RE.findall, _HAN_RE.search
        for piece in self.tokenizer.cut(text):
            for word in findall(piece):
                tokens.append(word)
                n = len(word)
                if n > 2 and han(word):  # the dictionary words inside it (``expand``)
                    for size in range(n - 1, 1, -1):
                        for start in range(0, n - size + 1):
                            sub = word[start : start + size]
                            if freq.get(sub, 0) > 0:
                                tokens.append(sub)
        for run in _HAN_RUN_RE.findall(text):  # ``han_bigram_stream``
            if len(run) >= 2:
                tokens.extend([BIGRAM_MARK + run[i : i + 2] for i in range(len(run) - 1)])
        return " ".join(tokens)

    def boundaries(self, run):
        """Offsets where jieba's precise cut of ``run`` starts or ends a word."""
        offsets, pos = {0}, 0
        for word in self.tokenizer.cut(run):
            pos += len(word)
            offsets.add(pos)
        return offsets

    def han_groups(self, run):
        """A Han run of a query cut into word groups: jieba's words, a single character
        joined to the word before it (or after it, at the start), so 社保卡 → [社保卡]
        rather than 社保 + 卡 (a lone 卡 would need jieba to have cut 卡 alone in the
        document too)."""
        groups = []
        pending = ""
        for word in self.tokenizer.cut(run):
            if len(word) == 1:
                if groups:
                    groups[-1] += word
                else:
                    pending += word
                continue
            groups.append(pending + word)
            pending = ""
        if pending:
            if groups:
                groups[0] = pending + groups[0]
            else:
                groups.append(pending)
        return groups

    def query_plan(self, text):
        """What a query asks of the index, independent of how jieba cut the documents.

        ``(required, boosts)``: ``required`` lists groups that must all match —
        ``("term", token)`` for letters/digits or a one-character query, ``("chain",
        word, [bigrams])`` for a Han word (its adjacent bigrams: the exact word, wherever
        jieba cut the text), ``("exact", run, [bigrams])`` for a quoted Han run, ``("chars", run, [chars])``
        for a run in which jieba finds no word (the characters cut alone and adjacent,
        or the run as one word), ``("syn", word, [groups, …])`` for a word of the synonym
        table: one of the alternatives' groups must all match. ``boosts``
        lists ``(run, [bigrams])`` for every unquoted Han run of two words or more: a
        document with the words adjacent and in order ranks above one where they are
        scattered."""
        from .synonyms import synonyms

        required, boosts = [], []
        for part, quoted in split_quoted(normalise(text)):
            for chunk in part.split():
                for piece in _PIECE_RE.findall(chunk):
                    if quoted and _HAN_RE.match(piece) and len(piece) > 1:
                        required.append(("exact", piece, bigrams(piece)))
                        continue
                    parts = (
                        synonyms.split(piece, self.boundaries(piece))
                        if len(piece) > 1
                        else [(piece, [])]
                    )
                    count = 0
                    for text_part, alternatives in parts:
                        if alternatives:
                            choices = [self.name_groups(w) for w in [text_part, *alternatives]]
                            required.append(("syn", text_part, [c for c in choices if c]))
                            count += 1
                        elif len(parts) > 1 and len(text_part) == 1 and _HAN_RE.match(text_part):
                            continue  # 查 in 查社保: only the phrase bonus counts it
                        else:
                            groups = self.word_groups(text_part)
                            required.extend(groups)
                            count += len(groups)
                    if _HAN_RE.match(piece) and count >= 2:
                        boosts.append((piece, bigrams(piece)))
                if len(required) >= MAX_QUERY_GROUPS:
                    return required[:MAX_QUERY_GROUPS], boosts
        return required, boosts

    @staticmethod
    def name_groups(word):
        """A synonym-table word: each Han run of it whole (a name is matched as written)."""
        groups = []
        for piece in _PIECE_RE.findall(normalise(word)):
            if _HAN_RE.match(piece) and len(piece) > 1:
                groups.append(("chain", piece, bigrams(piece)))
            else:
                groups.append(("term", piece))
        return groups

    def word_groups(self, word):
        """Groups that must all match for one word (no synonyms), see ``query_plan``."""
        groups = []
        for piece in _PIECE_RE.findall(normalise(word)):
            if not _HAN_RE.match(piece) or len(piece) == 1:
                groups.append(("term", piece))
            elif all(len(w) == 1 for w in self.words(piece)):
                # no dictionary word: these characters where jieba cut them alone, side by
                # side, or as one word — never inside another word (府召 is not found in
                # 政府召开)
                groups.append(("chars", piece, self.words(piece)))
            else:
                groups.extend(("chain", g, bigrams(g)) for g in self.han_groups(piece))
        return groups

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

    def highlight_words(self, text):
        """What the search page marks in titles and snippets: the whole words the query
        matched (社保卡, not 卡 alone), their synonyms and the adjacent phrase; a single
        Han character only when it is the whole query."""
        required, boosts = self.query_plan(text)
        words = [run for run, _ in boosts]
        for group in required:
            if group[0] == "term":
                if not _HAN_RE.match(group[1]) or len(required) == 1:
                    words.append(group[1])
            elif group[0] == "syn":
                for groups in group[2]:
                    words.append("".join(g[1] for g in groups))
            else:
                words.append(group[1])
        return list(dict.fromkeys(w for w in words if w))

    def query_words(self, text):
        """Every word a query looks for (for highlighting)."""
        words = []
        for kind, value in self.query_groups(text):
            words.append(value if kind == "term" else "".join(value))
        return words


segmenter = Segmenter()
