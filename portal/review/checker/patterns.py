"""Built-in pattern checks: 文号, dates and ranges, punctuation, repeats, political set forms.

Each check is a generator ``check(text) -> (start, end, explanation, suggestion)``; the table
``BUILTIN_CHECKS`` in builtin.py gives each a name, category and default severity.
"""

import calendar
import re

HAN = "\u4e00-\u9fff"
CN_DIGITS = "〇零一二三四五六七八九十百"

# --- 文号 ------------------------------------------------------------------------------------
# GB/T 9704-2012《党政机关公文格式》7.2.4：发文字号由发文机关代字、年份、发文顺序号组成；
# 年份用六角括号“〔〕”括入，序号不编虚位（1 不编为 01），不加“第”字，后加“号”。
_WENHAO = re.compile(
    rf"(?P<org>[{HAN}]{{1,10}}?[发办函字令电复通综规呈报秘密]|[{HAN}]{{1,10}}(?=〔))\s*"
    r"(?P<open>[〔【\[［(（{｛<＜〈])\s*(?P<year>(?:19|20)\d{2})\s*"
    r"(?P<close>[〕】\]］)）}｝>＞〉])\s*(?P<di>第)?\s*(?P<num>\d{1,5})(?P<hao>号)?"
)


_LEAD = re.compile(
    r"^.*(?:根据|按照|依据|依照|参照|印发|转发|落实|执行|贯彻|文件|通知|见|经|据|按|依|及|和|与|以)"
)


def _agency(org):
    """The 机关代字 of a matched 文号 without the words before it (根据黔府发 → 黔府发)."""
    m = _LEAD.match(org)
    if m and m.end() < len(org):
        return org[m.end() :], m.end()
    return org, 0


def check_wenhao(text):
    for m in _WENHAO.finditer(text):
        problems = []
        if m["open"] != "〔" or m["close"] != "〕":
            if not m["hao"] and not m["di"]:
                continue  # (2019)3 without 号 is not recognisably a 文号
            problems.append(f"年份应使用六角括号“〔〕”，不能用“{m['open']}{m['close']}”")
        if m["di"]:
            problems.append("序号前不加“第”字")
        if m["num"].startswith("0") and len(m["num"]) > 1:
            problems.append("序号不编虚位（如 1 不编为 01）")
        if not m["hao"]:
            following = text[m.end() : m.end() + 1]
            if following.isdigit():
                continue
            problems.append("序号后应加“号”")
        if problems:
            org, cut = _agency(m["org"])
            fixed = f"{org}〔{m['year']}〕{int(m['num'])}号"
            yield (
                m.start() + cut,
                m.end(),
                "发文字号格式不规范：" + "；".join(problems) + "（GB/T 9704-2012 第7.2.4条）",
                fixed,
            )


# --- dates and ranges -----------------------------------------------------------------------
_FULL_DATE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_ZERO_MONTH = re.compile(r"(?<!\d)(\d{4})年0(\d)月")


def check_dates(text):
    seen = set()
    for m in _FULL_DATE.finditer(text):
        year, month = int(m[1]), int(m[2])
        seen.add(m.start(2))
        if not 1 <= month <= 12:
            yield m.start(), m.end(), f"日期有误：没有{month}月", ""
            continue
        if m[3]:
            day = int(m[3])
            last = calendar.monthrange(year, month)[1] if 1000 <= year else 31
            if not 1 <= day <= last:
                yield (m.start(), m.end(), f"日期有误：{year}年{month}月只有{last}天", "")
    for m in _MONTH_DAY.finditer(text):
        if m.start() in seen or m.start(1) in seen:
            continue
        month, day = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            yield m.start(), m.end(), f"日期有误：没有{month}月", ""
        elif day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            yield m.start(), m.end(), f"日期有误：{month}月没有{day}日", ""


# GB/T 15834-2011《标点符号用法》4.13.3：标示时间、地域的起止用一字线“—”，标示数值范围用
# 浪纹线“～”；半角短横“-”不能用于汉语文本中的起止（GB/T 15835-2011 也要求“1—5月”或“1至5月”）
_RANGE = re.compile(
    r"(?<![\d\-./:])(\d{1,4}(?:\.\d+)?)\s*[-－]\s*(\d{1,4}(?:\.\d+)?)"
    r"(?=\s*(?:年|月|日|时|点|岁|周岁|万|亿|元|人|个|次|家|户|项|名|天|小时|分钟|公里|千米|米|亩|公顷|吨|%|％|倍))"
)


def check_ranges(text):
    for m in _RANGE.finditer(text):
        before = text[max(0, m.start() - 6) : m.start()]
        if re.search(r"\d[-/]$|[A-Za-z]$", before):
            continue  # a date like 2019-03-24 or a code like GB-1
        a, b = m[1], m[2]
        yield (
            m.start(),
            m.end(),
            "表示起止范围不能用半角短横“-”：时间、地域的起止用一字线“—”，数值范围用浪纹线“～”，"
            "也可写“至”（GB/T 15834-2011 第4.13.3条）",
            f"{a}—{b}",
        )


# --- punctuation ----------------------------------------------------------------------------
_HALF_PUNCT = re.compile(rf"(?<=[{HAN}])\s?([,;:?!])\s?(?=[{HAN}“])")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def check_half_width(text):
    for m in _HALF_PUNCT.finditer(text):
        mark = m[1]
        yield (
            m.start(),
            m.end(),
            f"中文文本中应使用全角标点，半角“{mark}”应改为“{_FULL[mark]}”（GB/T 15834-2011）",
            _FULL[mark],
        )


_REPEAT_PUNCT = re.compile(r"([，。、；：！？,])\1+|[，、；：][。，、；：]|。[，、；：]")


def check_repeated_punctuation(text):
    for m in _REPEAT_PUNCT.finditer(text):
        yield (
            m.start(),
            m.end(),
            f"标点重复或连用不当：“{m[0]}”",
            m[0][-1] if m[0][0] == m[0][-1] else "",
        )


#: characters that never double in official writing (的的, 了了 is allowed in 不了了之 …)
_NO_DOUBLE = "的地得与及于并或被把之其在和对为将向由从是了按就也都又所而且"
_DOUBLE_OK = (
    "不了了之",
    "是是非非",
    "地地道道",
    "和和美美",
    "从从容容",
    "明明白白",
    "对对子",
    "在在处处",
    "的的确确",
    "得得",
    "就就",
    "一一",
    "由由",
    "是是",
    "为为",
)
_DOUBLE = re.compile(rf"([{_NO_DOUBLE}])\1")


def check_repeated_characters(text):
    for m in _DOUBLE.finditer(text):
        window = text[max(0, m.start() - 3) : m.end() + 3]
        if any(ok in window for ok in _DOUBLE_OK if len(ok) > 2):
            continue
        if m[0] in ("得得", "就就", "是是", "为为", "由由"):
            continue
        if m[0] == "的的" and text[m.start() - 1 : m.start()] in "目标有别似端":
            continue  # 目的的、标的的: a word ending in 的 followed by 的
        yield m.start(), m.end(), f"字词重复：“{m[0]}”，多了一个“{m[1]}”", m[1]


# --- political set forms --------------------------------------------------------------------
# 党的代表大会和全会的届次用汉字数字（党的十九大、十九届四中全会），不用阿拉伯数字
_CONGRESS = re.compile(
    r"(?:党的|中共)\d{1,2}大|(?<![\d.])\d{1,2}大(?=精神|报告|以来|代表|胜利|召开|期间|部署|开幕|闭幕|上)"
    rf"|[{CN_DIGITS}\d]{{1,3}}届[{CN_DIGITS}\d]{{1,2}}中全会"
    rf"|\d{{1,2}}届(?:全国人大|全国政协|人大|政协)"
    rf"|[{CN_DIGITS}]+\d+届"
    rf"|\d+[{CN_DIGITS}]*届(?=[{CN_DIGITS}\d]中全会|中央|全国人大|全国政协|人大|政协|党代会)"
)
_NUMS = "〇一二三四五六七八九"


def _to_chinese(n):
    n = int(n)
    if n < 10:
        return _NUMS[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else _NUMS[tens] + "十") + (_NUMS[ones] if ones else "")


def check_congress(text):
    for m in _CONGRESS.finditer(text):
        if not re.search(r"\d", m[0]):
            continue
        fixed = re.sub(r"\d+", lambda d: _to_chinese(d[0]), m[0])
        yield (
            m.start(),
            m.end(),
            "党的代表大会、全会和人大、政协的届次应使用汉字数字，不用阿拉伯数字",
            fixed,
        )


_PLACE = "县市区州省乡镇"
# 同一人兼任党政职务时，党内职务在前、政府职务在后（如“县委副书记、县长”）
_TITLE_ORDER = re.compile(
    rf"(?P<gov>(?:副|代理)?(?P<p>[{_PLACE}])长)、(?P<party>(?P=p)(?:党)?委(?:副书记|书记|常委))"
)
_INSTITUTION_ORDER = re.compile(
    rf"(?P<p>[{_PLACE}])(?:人民)?政府、(?P=p)委(?=[，。、；：\s）)]|$|联合|印发|决定|研究|召开|高度)"
)


def check_title_order(text):
    for m in _TITLE_ORDER.finditer(text):
        yield (
            m.start(),
            m.end(),
            "职务排序有误：同一人的党内职务应排在政府职务之前",
            f"{m['party']}、{m['gov']}",
        )
    for m in _INSTITUTION_ORDER.finditer(text):
        p = m["p"]
        yield m.start(), m.end(), "排序有误：党委应排在政府之前", f"{p}委、{p}政府"


_POSTS = re.compile(
    rf"(?P<p>[{_PLACE}]|全国)人大(?P<vice>副)?主任(?!科员|委员)"
    rf"|(?P<p2>[{_PLACE}]|全国)?政协(?P<vice2>副)?主任(?!科员|委员)"
    rf"|人大常委会(?P<vice3>副)?主席"
)


def check_posts(text):
    for m in _POSTS.finditer(text):
        if m["p"] is not None:
            yield (
                m.start(),
                m.end(),
                "人大职务称谓不完整：主任是人大常委会的职务，应写“人大常委会主任”",
                f"{m['p']}人大常委会{m['vice'] or ''}主任",
            )
        elif m[0].startswith("人大常委会"):
            yield (
                m.start(),
                m.end(),
                "人大常委会的负责人称“主任”，不称“主席”",
                f"人大常委会{m['vice3'] or ''}主任",
            )
        else:
            yield (
                m.start(),
                m.end(),
                "政协职务称谓有误：政协的负责人称“主席”“副主席”，不称“主任”",
                f"{m['p2'] or ''}政协{m['vice2'] or ''}主席",
            )
