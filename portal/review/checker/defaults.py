"""The default rules shipped with the checker, as plain data: seeded into the wording table by
migration 0006, and usable without a database (benchmarks, ``default_rules()``)."""

import datetime
from pathlib import Path

REVIEW = Path(__file__).resolve().parent.parent
BUILTINS = [
    # name, category, severity, description
    ("文号格式", "norm", "block", "发文字号的括号、“第”字、虚位和“号”字（GB/T 9704-2012）"),
    ("日期有误", "typo", "block", "不存在的月份和日期，如 13月、2月30日"),
    ("起止范围", "norm", "warn", "“1-5月”应写“1—5月”或“1至5月”（GB/T 15834-2011）"),
    ("半角标点", "norm", "warn", "汉字之间的半角逗号、冒号、分号、问号、叹号"),
    ("标点重复", "typo", "warn", "“。。”“，，”“，。”等"),
    ("字词重复", "typo", "warn", "“的的”“和和”等多打的字"),
    ("会议届次", "serious", "block", "党代会、全会、人大、政协届次用了阿拉伯数字"),
    ("职务排序", "serious", "block", "同一人党内职务在前：县委副书记、县长；县委、县政府"),
    ("职务全称", "serious", "block", "县人大常委会主任、县政协主席"),
    ("领导职务", "serious", "block", "按“领导信息”表：领导姓名前后的职务、职务顺序和“同志”"),
    ("规范提法", "serious", "block", "重要提法缺字、多字、错字或颠倒"),
    ("错别字识别", "typo", "warn", "与常用词或固定提法只差一个音近形近字的词"),
]
PATTERNS = [
    (
        r"(认真|积极|扎实|切实|深入|稳步|大力|努力|主动|不断|持续|逐步|迅速|及时)的"
        r"(推进|开展|落实|学习|贯彻|做好|抓好|实施|推动|完成|解决|加强|提升|参与|配合|宣传|执行|组织|整改)"
        r"(?=了|着|好|各项|全县|全市|我县|相关|有关|工作)",
        r"\1地\2",
        "状语后用“地”：修饰动词的副词、形容词后用“地”，不用“的”",
    ),
    (
        r"(做|干|办|抓|搞|开展|落实|完成|推进|进行)的"
        r"(很好|非常好|更好|很扎实|十分扎实|有声有色|卓有成效|井井有条|十分出色|很出色|很到位|不到位|不够好)",
        r"\1得\2",
        "补语前用“得”：动词后引出程度、结果的补语用“得”，不用“的”",
    ),
]


def rows_of(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def rows(name):
    return rows_of(REVIEW / "checker" / "data" / name)


def default_rows():
    """Unsaved WordingRule-like rows of every default rule (today's table included)."""
    from types import SimpleNamespace as Row

    out = []
    for fields in rows_of(REVIEW / "data" / "wording_rules.tsv"):
        fields += [""] * (6 - len(fields))
        phrase, correction, category, severity, note, exceptions = fields[:6]
        if phrase == "phrase":
            continue
        out.append(
            Row(
                kind="literal",
                phrase=phrase,
                correction=correction,
                category=category,
                severity=severity,
                note=note,
                exceptions=exceptions,
                effective_from=None,
                source="",
            )
        )
    for name, category, severity, description in BUILTINS:
        out.append(
            Row(
                kind="builtin",
                phrase=name,
                correction="",
                category=category,
                severity=severity,
                note="",
                exceptions="",
                effective_from=None,
                source=description,
            )
        )
    for old, renamed, date, source in rows("renamed_institutions.tsv"):
        out.append(
            Row(
                kind="renamed",
                phrase=old,
                correction=renamed,
                category="norm",
                severity="block",
                note="",
                exceptions="",
                effective_from=datetime.date.fromisoformat(date),
                source=source,
            )
        )
    for wrong, right, note in rows("fixed_phrases.tsv"):
        out.append(
            Row(
                kind="literal",
                phrase=wrong,
                correction=right,
                category="typo",
                severity="block",
                note=note,
                exceptions="",
                effective_from=None,
                source="",
            )
        )
    for pattern, correction, note in PATTERNS:
        out.append(
            Row(
                kind="pattern",
                phrase=pattern,
                correction=correction,
                category="typo",
                severity="warn",
                note=note,
                exceptions="",
                effective_from=None,
                source="",
            )
        )
    return out
