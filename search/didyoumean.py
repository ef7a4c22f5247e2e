"""Did you mean: a word of the site's vocabulary for a query that finds nothing or little.

The vocabulary is what the index holds that people search for: the words of the live
pages' titles (jieba precise mode, the newest ``TITLE_LIMIT`` pages), the synonym table
and the dictionary's own terms (userdict, units, 搜索词典). It is built on the first
call and kept in the cache for ``VOCABULARY_SECONDS``. A candidate is a vocabulary word
with the same pinyin (toneless: 社报 → 社保) or one character off (社保咔 → 社保卡), and it
is suggested only if it finds pages itself; the candidate finding the most wins.
"""

import logging
import re
import threading
import time

from django.core.cache import cache
from pypinyin import Style, lazy_pinyin

from .segmentation import USER_DICT, admin_terms, normalise, segmenter, unit_terms

logger = logging.getLogger(__name__)

TITLE_LIMIT = 20_000
VOCABULARY_SECONDS = 3600
VOCABULARY_CACHE_KEY = "portal_search:didyoumean_vocabulary"
#: a query with at most this many results may get a suggestion
LOW_RESULTS = 2
MAX_CANDIDATES = 8
#: at most this many candidate searches per query (the page must stay fast)
MAX_TRIED = 3
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def pinyin_key(word):
    return " ".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def vocabulary_words():
    from wagtail.models import Page

    from .synonyms import db_entries

    words = set()
    titles = Page.objects.live().order_by("-pk").values_list("title", flat=True)[:TITLE_LIMIT]
    for title in titles:
        words.update(segmenter.words(title))
    for entry_words, _two_way in db_entries():
        words.update(normalise(w) for w in entry_words)
    words.update(normalise(w) for w in unit_terms() + admin_terms())
    if USER_DICT.exists():
        for line in USER_DICT.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.add(normalise(line.split()[0]))
    return sorted(w for w in words if _HAN_WORD.match(w))


class Vocabulary:
    def __init__(self, words):
        self.by_pinyin = {}
        self.by_pattern = {}
        for word in words:
            self.by_pinyin.setdefault(pinyin_key(word), []).append(word)
            for i in range(len(word)):
                self.by_pattern.setdefault(word[:i] + "?" + word[i + 1 :], []).append(word)

    def candidates(self, word):
        """Same pinyin first, then one character off; never the word itself."""
        found = list(self.by_pinyin.get(pinyin_key(word), []))
        for i in range(len(word)):
            found.extend(self.by_pattern.get(word[:i] + "?" + word[i + 1 :], []))
        return [w for w in dict.fromkeys(found) if w != word][:MAX_CANDIDATES]


_lock = threading.Lock()
_local = {"vocabulary": None, "at": 0.0}


def vocabulary():
    now = time.monotonic()
    if _local["vocabulary"] is not None and now - _local["at"] < VOCABULARY_SECONDS:
        return _local["vocabulary"]
    with _lock:
        words = cache.get(VOCABULARY_CACHE_KEY)
        if words is None:
            words = vocabulary_words()
            cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_SECONDS)
        _local["vocabulary"] = Vocabulary(words)
        _local["at"] = now
        return _local["vocabulary"]


def did_you_mean(query, base):
    """A better query than ``query`` (a Han word or a run of them), or ``None``.

    The whole query is tried first, then each of its words replaced in turn."""
    text = normalise(query).strip()
    if not _HAN_WORD.match(text):
        return None
    vocab = vocabulary()
    options = [(c, c) for c in vocab.candidates(text)]
    if not options:
        words = segmenter.words(text)
        for i, word in enumerate(words):
            if len(word) >= 2:
                for c in vocab.candidates(word):
                    options.append(("".join(words[:i] + [c] + words[i + 1 :]), c))
    best, best_count = None, 0
    for candidate, _word in options[:MAX_TRIED]:
        try:
            count, _more = base.search(candidate, order_by_relevance=False).count_capped(100)
        except AttributeError:
            count = base.search(candidate, order_by_relevance=False)[:100].count()
        except Exception:  # noqa: BLE001 - a suggestion must never break the page
            logger.exception("did-you-mean search failed")
            continue
        if count > best_count:
            best, best_count = candidate, count
    return best


def reset():
    """Forget the vocabulary (it is rebuilt at the next call)."""
    cache.delete(VOCABULARY_CACHE_KEY)
    _local["vocabulary"] = None
