"""Interface words of the public templates in the second language.

Chinese is the source; English pages (DESIGN §11) show these instead. A small table rather
than gettext catalogues, so nothing needs compiling on a fresh machine.
"""

ENGLISH = {
    "首页": "Home",
    "站内搜索": "Search this site",
    "搜索": "Search",
    "搜索政策、通知、新闻": "Search policies, notices, news",
    "大字": "Large text",
    "高对比": "High contrast",
    "无障碍工具": "Accessibility",
    "主导航": "Main navigation",
    "当前位置：": "You are here: ",
    "跳到主要内容": "Skip to main content",
    "发布时间：": "Published: ",
    "来源：": "Source: ",
    "作者：": "Author: ",
    "打印本页": "Print",
    "主办：": "Sponsor: ",
    "承办：": "Run by: ",
    "地址：": "Address: ",
    "邮编：": "Postcode: ",
    "联系电话：": "Phone: ",
    "网站标识码：": "Website ID: ",
    "更多": "More",
    "暂无信息": "Nothing published yet",
    "本栏目暂无信息。": "Nothing published in this column yet.",
    "中文": "中文",
    "菜单": "Menu",
    "长者模式": "Senior mode",
    "朗读全文": "Read aloud",
    "指读": "Read on point",
    "大鼠标": "Large cursor",
    "十字线": "Reading guide",
    "重置": "Reset",
}


def translate(text, language_code):
    if language_code and language_code.startswith("en"):
        return ENGLISH.get(text, text)
    return text
