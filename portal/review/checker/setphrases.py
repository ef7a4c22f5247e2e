"""Standard political formulations with one character missing, added, changed or two swapped."""

import functools
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "set_phrases.txt"


@functools.lru_cache(maxsize=1)
def phrases():
    found = []
    for line in PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            found.append(line)
    return tuple(found)


def _one_edit(a, b):
    """True when b differs from a by one deletion, insertion, substitution or transposition."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for k in range(len(long_)):
        if long_[:k] + long_[k + 1 :] == short:
            return True
    return False


def _substitutions(text, phrase, taken):
    """Windows of the phrase's length with one confusable character changed."""
    from .typos import confusable

    length = len(phrase)
    starts = set()
    pos = text.find(phrase[:2])
    while pos != -1:
        starts.add(pos)
        pos = text.find(phrase[:2], pos + 1)
    pos = text.find(phrase[-2:])
    while pos != -1:
        if pos - length + 2 >= 0:
            starts.add(pos - length + 2)
        pos = text.find(phrase[-2:], pos + 1)
    for start in sorted(starts):
        window = text[start : start + length]
        if len(window) != length or window == phrase:
            continue
        diff = [k for k in range(length) if window[k] != phrase[k]]
        if len(diff) != 1:
            continue
        # a long formulation with one character changed is wrong whatever the character;
        # a short one only with a confusable character (两个维度 is not 两个维护)
        if length < 6 and not confusable(window[diff[0]], phrase[diff[0]]):
            continue
        if any(s < start + length and start < e for s, e in taken):
            continue
        taken.append((start, start + length))
        yield start, start + length, f"规范提法有误：应为“{phrase}”", phrase


def check_set_phrases(text):
    all_phrases = phrases()
    taken = []
    # longest first, so a longer formulation's finding covers the shorter ones inside it
    for phrase in sorted(all_phrases, key=len, reverse=True):
        if len(phrase) < 4:
            continue
        yield from _substitutions(text, phrase, taken)
        head, tail = phrase[:2], phrase[-2:]
        pos = text.find(head)
        while pos != -1:
            if not text.startswith(phrase, pos):
                for length in (len(phrase) - 1, len(phrase), len(phrase) + 1):
                    segment = text[pos : pos + length]
                    if (
                        len(segment) == length
                        and segment.endswith(tail)
                        and _one_edit(phrase, segment)
                    ):
                        # another standard phrase written correctly here is not an error
                        if any(text.startswith(p, pos) and len(p) >= length for p in all_phrases):
                            break
                        if any(s < pos + length and pos < e for s, e in taken):
                            break
                        taken.append((pos, pos + length))
                        yield pos, pos + length, f"规范提法有误：应为“{phrase}”", phrase
                        break
            pos = text.find(head, pos + 1)
