"""Did you mean: a word of the site's vocabulary for a query that finds nothing or little.

The vocabulary is what the index holds that people search for: the words of the live
pages' titles (jieba precise mode, the newest ``TITLE_LIMIT`` pages), the synonym table
and the dictionary's own terms (userdict, units, 搜索词典). It is built on the first
call and kept in the cache for ``VOCABULARY_SECONDS``. A candidate is a vocabulary word
with the same pinyin (toneless: 社报 → 社保) or one character off (社保咔 → 社保卡), and it
is suggested only if it finds pages itself; the candidate finding the most wins.

Per site (站群): the titles are the searched sites' own (a county's place names are not
offered on another county's search) and the synonyms those its search uses (platform-wide
plus its own); the dictionary terms are shared. One vocabulary per set of sites.
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


def vocabulary_words(sites=None):
    """The vocabulary of ``sites`` (Site objects; None: every page, with the default
    synonyms)."""
    from wagtail.models import Page

    from .synonyms import db_entries

    words = set()
    pages = Page.objects.live()
    site_ids = None
    if sites is not None:
        from .services import sites_filter

        pages = pages.filter(sites_filter(sites))
        site_ids = frozenset(site.pk for site in sites)
    titles = pages.order_by("-pk").values_list("title", flat=True)[:TITLE_LIMIT]
    for title in titles:
        words.update(segmenter.words(title))
    for entry_words, _two_way in db_entries(site_ids):
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
#: per set of site ids (None: every page): {"vocabulary": …, "at": …}
_local = {}


def _key(sites):
    if sites is None:
        return None, VOCABULARY_CACHE_KEY
    ids = tuple(sorted(site.pk for site in sites))
    return ids, f"{VOCABULARY_CACHE_KEY}:{'-'.join(map(str, ids))}"


def vocabulary(sites=None):
    ids, cache_key = _key(sites)
    now = time.monotonic()
    entry = _local.get(ids)
    if entry is not None and now - entry["at"] < VOCABULARY_SECONDS:
        return entry["vocabulary"]
    with _lock:
        words = cache.get(cache_key)
        if words is None:
            words = vocabulary_words(sites)
            cache.set(cache_key, words, VOCABULARY_SECONDS)
        _local[ids] = {"vocabulary": Vocabulary(words), "at": now}
        return _local[ids]["vocabulary"]


def did_you_mean(query, base, sites=None):
    """A better query than ``query`` (a Han word or a run of them), or ``None``; the
    vocabulary is that of ``sites`` (the sites ``base`` searches).

    The whole query is tried first, then each of its words replaced in turn."""
    text = normalise(query).strip()
    if not _HAN_WORD.match(text):
        return None
    vocab = vocabulary(sites)
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
    """Forget the vocabularies (they are rebuilt at the next call)."""
    cache.delete(VOCABULARY_CACHE_KEY)
    for ids in list(_local):
        if ids is not None:
            cache.delete(_key_for_ids(ids))
    _local.clear()


def _key_for_ids(ids):
    return f"{VOCABULARY_CACHE_KEY}:{'-'.join(map(str, ids))}"
