"""Service entries (服务入口): the participation forms and service columns a citizen names
in a search (县长信箱, 留言, 依申请公开, 办事指南). The forms are views, not pages, so
the index does not hold them; the search page shows the matching entries above the
results."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from portal.core.columns import ColumnKey

from .segmentation import normalise


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    keywords: tuple
    url_name: str = ""
    column_key: str = ""

    def url(self, site=None, request=None):
        """The entry's address on ``site`` (default: the default site): a form on the
        visitor's own host, or the column of that key in that site's own tree."""
        if self.url_name:
            try:
                return reverse(self.url_name)
            except NoReverseMatch:
                return ""
        from home.models import column_by_key

        page = column_by_key(self.column_key, site)
        return page.get_url(request) if page else ""


ENTRIES = (
    Entry(
        "我要写信（县长信箱）",
        "向县长信箱提交咨询、投诉、建议，可凭编号查询答复",
        (
            "县长信箱",
            "书记县长信箱",
            "县长邮箱",
            "留言",
            "我要留言",
            "网上留言",
            "写信",
            "咨询",
            "投诉",
            "建议",
        ),
        url_name="participation:message_new",
    ),
    Entry(
        "留言选登",
        "已答复并公开的群众来信",
        ("留言选登", "留言回复", "留言", "答复"),
        url_name="participation:message_list",
    ),
    Entry(
        "依申请公开（在线申请）",
        "在线提交政府信息公开申请",
        ("依申请公开", "政府信息公开申请", "信息公开申请", "申请公开", "申请政府信息公开"),
        url_name="participation:apply",
    ),
    Entry(
        "办理进度查询",
        "凭编号查询信件或政府信息公开申请的办理进度",
        ("进度查询", "办理进度", "查询进度", "查询编号", "受理编号", "办理结果"),
        url_name="participation:status_lookup",
    ),
    Entry(
        "办事服务（办事指南）",
        "各部门、乡镇政务服务事项的办事指南",
        ("办事指南", "办事服务", "服务指南", "办事流程", "政务服务", "怎么办理"),
        column_key=ColumnKey.SERVICES,
    ),
    Entry(
        "政府信息公开指南",
        "政府信息公开的范围、方式和申请办法",
        ("公开指南", "信息公开指南", "政府信息公开指南"),
        column_key=ColumnKey.DISCLOSURE_GUIDE,
    ),
)


def matching_entries(query, limit=3, site=None, request=None):
    """``[(entry, url)]`` whose keywords the query contains (or a synonym of it does), with
    their addresses on ``site`` (the visitor's)."""
    from .synonyms import synonyms

    text = normalise(query).replace(" ", "")
    if len(text) < 2:
        return []
    texts = [text, *synonyms.alternatives(text)]
    found = []
    for entry in ENTRIES:
        if any(k in t for k in entry.keywords for t in texts):
            url = entry.url(site, request)
            if url:
                found.append((entry, url))
        if len(found) >= limit:
            break
    return found
