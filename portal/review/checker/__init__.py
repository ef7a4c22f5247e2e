"""The content checker (内容纠错): one entry point, ``check_text(text, date=None)``.

Rule kinds, all rows of the admin-editable wording table (``WordingRule.kind``):

- 固定词语 (literal): the phrase matched as written, with exceptions;
- 正则表达式 (pattern): a Python regular expression, the correction may use ``\\1``;
- 机构更名 (renamed): an old institution name, wrong in items dated on/after ``effective_from``
  (the item's 成文日期 or first publication; ``date``), right before it;
- 内置检查 (builtin): checks written in code (builtin.py) — 文号, dates, ranges, punctuation,
  repeats, congress numerals, title order, post names, leaders' titles (the 领导信息
  table, leaders.py), set formulations, typo detection.

A finding of the typo detector never overlaps one of a rule: the rule's explanation is better.
"""

import datetime

from .finding import CATEGORY_LABELS, SEVERITY_LABELS, Finding, context_of

__all__ = ["CATEGORY_LABELS", "SEVERITY_LABELS", "Finding", "check_text"]

#: words around an old institution name saying the text speaks of the old body on purpose
HISTORY_WORDS = ("原", "更名", "改革前", "组建", "撤销", "不再保留", "划入", "整合", "前身", "挂牌")
_CLAUSE_END = "。；！？\n"


def _clause(text, start, end):
    left = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    rights = [p for p in (text.find(c, end) for c in _CLAUSE_END) if p != -1]
    return text[left : min(rights) if rights else len(text)], left


def _historical(text, start, end, rule):
    clause, left = _clause(text, start, end)
    before = text[max(left, start - 8) : start]
    if "原" in before or "前" in before[-2:]:
        return True
    return any(word in clause for word in HISTORY_WORDS[1:]) or (
        rule.correction and rule.correction in clause
    )


def _occurrences(text, word):
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + len(word))


def _today():
    from portal.core.clock import today

    return today()


def check_text(text, date=None, rules=None, leaders=None, site=None):
    """Findings in ``text``, sorted by position. ``date`` is the item's date (成文日期 or first
    publication) deciding whether an old institution name is still right; default today.
    ``rules`` and ``leaders`` (the 领导信息 table) default to the database's rows that apply
    on ``site`` (a Site or an id; default: the default site): the platform-wide rows plus
    that site's own (站群)."""
    from .builtin import BUILTIN_CHECKS
    from .rules import current_rules

    if not text:
        return []
    if rules is None:
        rules = current_rules(site)
    if isinstance(date, datetime.datetime):
        date = date.date()
    if date is None:
        date = _today()
    ruled, detected = [], []
    for rule in rules:
        if rule.kind == "builtin":
            entry = BUILTIN_CHECKS.get(rule.phrase)
            if entry is None:
                continue
            check = entry[0]
            target = detected if rule.phrase == "错别字识别" else ruled
            if rule.phrase == "领导职务":
                if leaders is None:
                    from .leaders import current_leaders

                    leaders = current_leaders(site)
                found = check(text, leaders)
            else:
                found = check(text)
            for start, end, explanation, suggestion in found:
                target.append(
                    Finding(
                        rule.phrase,
                        rule.category,
                        rule.severity,
                        start,
                        end,
                        text[start:end],
                        context_of(text, start, end),
                        explanation + (f"。{rule.note}" if rule.note else ""),
                        suggestion,
                        kind="builtin",
                    )
                )
            continue
        for start, end, suggestion in rule.find_in(text):
            if rule.kind == "renamed":
                if rule.effective_from and date < rule.effective_from:
                    continue
                if _historical(text, start, end, rule):
                    continue
                when = rule.effective_from
                explanation = (
                    f"机构名称已变更：{when.year}年{when.month}月{when.day}日起"
                    f"“{rule.phrase}”改为“{rule.correction}”，本稿日期在此之后，应使用新名称"
                    + (f"（依据：{rule.source}）" if rule.source else "")
                    + "。如确指改革前的机构，可写“原……”"
                )
            else:
                explanation = (
                    rule.note
                    or f"“{text[start:end]}”为{CATEGORY_LABELS.get(rule.category, '')}用语"
                )
                if suggestion:
                    explanation = f"“{text[start:end]}”应改为“{suggestion}”：{explanation}"
            name = rule.phrase
            if rule.kind == "pattern":
                name = (rule.note or "正则规则").split("：")[0]
            ruled.append(
                Finding(
                    name,
                    rule.category,
                    rule.severity,
                    start,
                    end,
                    text[start:end],
                    context_of(text, start, end),
                    explanation,
                    suggestion,
                    kind=rule.kind,
                )
            )
    # a longer match wins over a shorter one inside it (台湾总统府 over 台湾总统)
    ruled.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept = []
    for f in ruled:
        if any(k.start <= f.start and f.end <= k.end and k.rule != f.rule for k in kept):
            continue
        if any(k.start == f.start and k.end == f.end and k.rule == f.rule for k in kept):
            continue
        kept.append(f)
    if detected:
        # a leader's name is a known word, not a typo (钱进 is not 前进)
        if leaders is None:
            from .leaders import current_leaders

            leaders = current_leaders(site)
        names = [
            (m, m + len(leader.name)) for leader in leaders for m in _occurrences(text, leader.name)
        ]
        for f in detected:
            if any(a < f.end and f.start < b for a, b in names):
                continue
            if not any(k.start < f.end and f.start < k.end for k in kept):
                kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end))
    return kept
