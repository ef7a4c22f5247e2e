"""Typo detection that needs no rule per error (错别字识别).

A passage is suspect when it is not a known word but becomes a frequent word or government set
phrase by changing one character to a confusable one — same or similar pinyin (pypinyin), or a
similar shape (SHAPES) — and jieba, segmenting without new-word discovery, cannot read the
changed character as part of a common word. Vocabulary: jieba's dictionary plus
data/gov_vocab.tsv (words and set phrases of the regulations corpus and demo content, built by
build_vocab.py). Everything is local; nothing is downloaded at run time.
"""

import functools
import re
import threading
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")

#: characters often confused by shape (形近字); each group is mutually confusable
SHAPES = [
    "己已巳",
    "未末",
    "戊戌戍",
    "候侯",
    "拨拔",
    "辨辩辫瓣",
    "籍藉",
    "炙灸",
    "赢羸嬴",
    "崇祟",
    "汩汨",
    "鸟乌",
    "日曰",
    "免兔",
    "贷货",
    "侯喉猴",
    "狠狼",
    "晴睛",
    "情清请",
    "即既",
    "微徽",
    "傅傳",
    "冒冐",
    "析折",
    "券卷",
    "综棕",
    "墨默",
    "概慨",
    "暑署",
    "壁璧",
    "载栽裁",
    "幕墓慕暮募",
    "锐税悦",
    "刺剌",
    "肓盲",
    "衷哀衰",
    "逐遂",
    "奕弈",
    "侍待持",
    "泊舶",
    "输愉偷",
    "湿温",
    "坚竖",
    "项顶",
    "杨扬",
    "祝视",
    "祗袛",
    "准淮",
    "治冶",
    "沽沾",
    "没设役投",
    "育肓",
    "贝见",
    "士土",
    "天夭",
    "今令",
    "折拆",
    "延廷",
    "密蜜",
    "汉汗",
    "茶荼",
    "杆秆",
    "浙淅",
    "晰皙",
    "衍衔",
    "钓钩",
    "贫贪",
    "管菅",
    "壶壸",
    "苦若",
    "刀力",
    "历厉",
    "历励",
    "奖将",
    "状壮",
    "传转",
    "详祥",
    "练炼",
    "峰锋蜂",
    "帐账",
    "账胀",
    "划刬",
    "径经",
    "径泾",
    "泡炮",
    "概溉",
    "纪记",
    "绩积",
    "营莹萤",
    "观现",
    "规观",
    "议仪",
    "设沒",
    "治制",
    "申甲由",
    "末未",
    "持特",
    "侍待",
    "诉拆",
    "弛驰",
    "疆僵",
]
_SHAPE = {}
for _group in SHAPES:
    for _c in _group:
        _SHAPE.setdefault(_c, set()).update(set(_group) - {_c})

#: initials and finals confused in many dialects (平翘舌、前后鼻音、n/l、f/h)
_FUZZY = [
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("ang", "an"),
    ("eng", "en"),
    ("ing", "in"),
    ("iang", "ian"),
    ("uang", "uan"),
]

MIN_PHRASE_COUNT = 8  # a target word must occur this often in the government vocabulary
MIN_PAIR_COUNT = 40  # stricter for two-character words
COMMON_TOKEN = 3000
JIEBA_PAIR_FREQ = 100  # pairs inside jieba words this frequent count as seen
JIEBA_TARGET_FREQ = {2: 500, 3: 100, 4: 200}  # jieba words this frequent are targets too
#: function characters: a passage is never a typo because of one of these (的/地/得 has rules)
FUNCTION_CHARS = set(
    "的地得了和与或及在是对为把被将从向以由于而且并其之等但当也就都所着过又还再才第每各"
)
#: place words (县、乡 …) start and end many abbreviations (县卫健局, 我县): never suspect
PLACE_CHARS = set("县乡镇市区省州村组局委办厅院所站处科队署")  # and institutions (县人社局多措并举)
#: what follows a place name: 乡, 镇 … possibly after ethnic names (水族乡, 瑶族水族乡, 苗族侗族自治州)
_PLACE_NAME_FOLLOWS = re.compile(r"(?:[\u4e00-\u9fff]{1,2}族){0,3}(?:自治)?[县乡镇村州区旗]")


@functools.lru_cache(maxsize=20000)
def readings(char):
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=False)[0])


def _fuzz(reading):
    for a, b in _FUZZY:
        if reading.startswith(a) or reading.endswith(a):
            reading = reading.replace(a, b)
    return reading


@functools.lru_cache(maxsize=20000)
def toned(char):
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.TONE3, heteronym=False)[0])


@functools.lru_cache(maxsize=100000)
def confusable(a, b, strict=False, exact=False):
    """Similar shape, or same/similar pinyin. ``exact``: the same pinyin with the same tone
    (two-character words, where a looser match finds too many real words)."""
    if a == b:
        return False
    if b in _SHAPE.get(a, ()):
        return True
    if exact:
        return bool(toned(a) & toned(b))
    ra, rb = readings(a), readings(b)
    if ra & rb:
        return True
    if strict:
        return False
    return bool({_fuzz(r) for r in ra} & {_fuzz(r) for r in rb})


class Vocabulary:
    def __init__(self):
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        self.jieba = jieba
        self.freq = jieba.dt.FREQ  # word → count (0 for prefixes only)
        self.gov = {}
        self.bigrams = set()
        bigrams = DATA / "bigrams.txt.gz"
        if bigrams.exists():
            import gzip

            pairs = gzip.open(bigrams, "rt", encoding="utf-8").read()
            self.bigrams = {pairs[k : k + 2] for k in range(0, len(pairs) - 1, 2)}
        for word, count in self.freq.items():
            if count >= JIEBA_PAIR_FREQ and len(word) >= 2:
                self.bigrams.update(word[k : k + 2] for k in range(len(word) - 1))
        path = DATA / "gov_vocab.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("#") or "\t" not in line:
                    continue
                word, count = line.split("\t", 1)
                self.gov[word] = int(count)
        # wildcard index: "安*" → ["安装", …] for every target word
        self.index = {}
        self.lengths = set()
        targets = {
            word
            for word, count in self.gov.items()
            if 2 <= len(word) <= 8
            and count >= (MIN_PAIR_COUNT if len(word) == 2 else MIN_PHRASE_COUNT)
        }
        # common words, idioms and set phrases of the general dictionary
        targets.update(
            word
            for word, count in self.freq.items()
            if count >= JIEBA_TARGET_FREQ.get(len(word), 10**9)
        )
        for word in targets:
            self._add(word)

    def _add(self, word):
        self.lengths.add(len(word))
        for j in range(len(word)):
            key = word[:j] + "*" + word[j + 1 :]
            self.index.setdefault(key, []).append(word)

    def known(self, word):
        return self.freq.get(word, 0) > 0 or word in self.gov

    def count(self, word):
        return self.gov.get(word, 0) + self.freq.get(word, 0)


_vocab = None
_lock = threading.Lock()


def vocabulary():
    global _vocab
    if _vocab is None:
        with _lock:
            if _vocab is None:
                _vocab = Vocabulary()
    return _vocab


def _token_spans(vocab, run):
    spans, pos = [], 0
    for token in vocab.jieba.cut(run, HMM=False):
        spans.append((pos, pos + len(token), token))
        pos += len(token)
    return spans


def find_typos(text):
    """(start, end, wrong, right) for each suspect passage.

    Only characters next to a pair never seen in correct text are suspects, so ordinary text
    costs one set lookup per character; jieba segments a run only when it has a candidate."""
    vocab = vocabulary()
    lengths = sorted(vocab.lengths, reverse=True)
    for run_match in HAN_RUN.finditer(text):
        run, base = run_match[0], run_match.start()
        unseen = [k for k in range(len(run) - 1) if run[k : k + 2] not in vocab.bigrams]
        if not unseen:
            continue
        suspects = sorted(set(unseen) | {k + 1 for k in unseen})
        unseen = set(unseen)
        segmentation = []
        hits = []
        for p in suspects:
            hit = _best_for(vocab, run, p, lengths, unseen, segmentation)
            if hit:
                hits.append(hit)
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken = []
        for i, e, right in hits:
            if any(s < e and i < t for s, t, _r in taken):
                continue
            taken.append((i, e, right))
        for i, e, right in sorted(taken):
            yield base + i, base + e, run[i:e], right


def _token_at(vocab, run, segmentation):
    if not segmentation:
        token_at = [None] * len(run)
        for s, e, tok in _token_spans(vocab, run):
            for k in range(s, e):
                token_at[k] = (s, e, tok)
        segmentation.append(token_at)
    return segmentation[0]


def _best_for(vocab, run, p, lengths, unseen, segmentation):
    """The longest window around suspect character ``p`` that a confusable change turns into
    a target word: (start, end, right) or None."""
    wrong = run[p]
    if wrong in FUNCTION_CHARS or wrong in PLACE_CHARS:
        return None
    # a typo makes character pairs never seen in correct text: every pair of the window that
    # holds the suspect must be unseen
    left, right_pair = p - 1 in unseen, p in unseen
    for length in lengths:
        if left and right_pair:
            starts = range(max(0, p - length + 1), min(p, len(run) - length) + 1)
        elif right_pair:
            starts = (p,) if p + length <= len(run) else ()
        else:
            starts = (p - length + 1,) if p - length + 1 >= 0 else ()
        for i in starts:
            j = p - i
            window = run[i : i + length]
            if length == 2 and window[1 - j] in PLACE_CHARS:
                continue
            if _PLACE_NAME_FOLLOWS.match(run, i + length):
                continue  # a place name: 塔石乡, 水尾水族乡, 塔石瑶族水族乡
            candidates = vocab.index.get(window[:j] + "*" + window[j + 1 :])
            if not candidates or vocab.known(window):
                continue
            for right in candidates:
                # two characters: the same tone, unless the pair is not even the start of a
                # dictionary word (办实 starts 办实事: not a typo of 办事)
                exact = length == 2 and window in vocab.freq
                if not confusable(wrong, right[j], strict=length <= 3, exact=exact):
                    continue
                token_at = _token_at(vocab, run, segmentation)
                if _reads_fine(vocab, run, i, length, p, token_at, right):
                    continue
                return i, i + length, right
    return None


def _reads_fine(vocab, run, i, length, pos, token_at, right):
    """True when the segmentation reads the window as ordinary words (no typo)."""
    start, end, token = token_at[pos]
    if len(token) >= 2:
        # the suspect character belongs to a word; a typo only if that word is rare and lies
        # inside the window (a frequent word like 主题 in 市场主题 is meant as written)
        if vocab.freq.get(token, 0) >= COMMON_TOKEN or token in vocab.gov:
            return True
        if start < i or end > i + length:
            return True
    if length == 2:
        # two single characters: both must be free, and the pair must be far rarer than the word
        for k in (i, i + 1):
            s, e, tok = token_at[k]
            if len(tok) > 1:
                return True
        if vocab.count(right) < MIN_PAIR_COUNT or right[0] in FUNCTION_CHARS:
            return True
    # a window whose other characters are split across words outside it is a false match
    s, _e, _t = token_at[i]
    _s, e, _t2 = token_at[i + length - 1]
    if s < i or e > i + length:
        return True
    return False
