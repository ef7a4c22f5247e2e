"""The built-in checks (程序实现的检查). Each has a row of kind 内置检查 in the wording table, where
site admins switch it on or off and change its severity, category and explanation."""

from . import patterns
from .finding import BLOCK, NORM, SERIOUS, TYPO, WARN
from .leaders import check_leaders
from .setphrases import check_set_phrases
from .typos import find_typos


def check_typos(text):
    for start, end, wrong, right in find_typos(text):
        yield start, end, f"疑似错别字：“{wrong}”可能应为“{right}”", right


#: name → (function, category, severity, description); a function takes the text (and, for
#: 领导职务, the leaders)
BUILTIN_CHECKS = {
    "文号格式": (patterns.check_wenhao, NORM, BLOCK, "发文字号的括号、“第”字、虚位和“号”字"),
    "日期有误": (patterns.check_dates, TYPO, BLOCK, "不存在的月份和日期，如 13月、2月30日"),
    "起止范围": (patterns.check_ranges, NORM, WARN, "“1-5月”应写“1—5月”或“1至5月”"),
    "半角标点": (
        patterns.check_half_width,
        NORM,
        WARN,
        "汉字之间的半角逗号、冒号、分号、问号、叹号",
    ),
    "标点重复": (patterns.check_repeated_punctuation, TYPO, WARN, "“。。”“，，”“，。”等"),
    "字词重复": (patterns.check_repeated_characters, TYPO, WARN, "“的的”“和和”等多打的字"),
    "会议届次": (patterns.check_congress, SERIOUS, BLOCK, "党代会、全会届次用阿拉伯数字，如“19大”"),
    "职务排序": (patterns.check_title_order, SERIOUS, BLOCK, "党内职务在前：县委副书记、县长"),
    "职务全称": (patterns.check_posts, SERIOUS, BLOCK, "人大常委会主任、政协主席"),
    # reads the leader table too (check_text passes it): see leaders.py
    "领导职务": (check_leaders, SERIOUS, BLOCK, "领导姓名前后的职务、职务顺序和“同志”"),
    "规范提法": (check_set_phrases, SERIOUS, BLOCK, "重要提法缺字、多字、错字、颠倒"),
    "错别字识别": (check_typos, TYPO, WARN, "不在词表中、与常用词或固定提法只差一个音近形近字"),
}
assert SERIOUS and WARN
