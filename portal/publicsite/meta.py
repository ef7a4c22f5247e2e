"""The meta tags that the national monitoring crawlers read (《政府网站发展指引》,
国办发〔2017〕47号, 附件 政府网站页面元数据): SiteName, SiteDomain, SiteIDCode on every page;
ColumnName, ColumnDescription, ColumnKeywords, ColumnType on column pages; ArticleTitle,
PubDate, ContentSource, Keywords, Description on content pages (which also carry their
column's tags)."""

from django.utils import timezone
from django.utils.html import strip_tags


def plain_text(value, limit=200):
    return " ".join(strip_tags(str(value or "")).split())[:limit]


def column_tags(column):
    kind = column.get_content_kind_display() if hasattr(column, "get_content_kind_display") else ""
    intro = getattr(column, "intro", "") or getattr(column, "search_description", "")
    return [
        ("ColumnName", column.title),
        ("ColumnDescription", plain_text(intro) or column.title),
        ("ColumnKeywords", column.title),
        ("ColumnType", kind or column.title),
    ]


def content_source(page):
    """来源: the item's own (新闻 source, or its unit: NewsPage.display_source), the 发布机构
    of a catalogue item, else the owning unit."""
    source = getattr(page, "display_source", "") or getattr(page, "publisher", "")
    if source:
        return source
    unit = page.get_owner_unit() if hasattr(page, "get_owner_unit") else None
    return getattr(unit, "name", "") or ""


def page_description(page):
    """A short plain description: the SEO description, else the summary or intro."""
    return plain_text(
        page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
    )


def item_tags(page):
    published = getattr(page, "publication_time", None) or page.first_published_at
    keywords = getattr(page, "keywords", "") or ""
    tags = [("ArticleTitle", page.title)]
    if published:
        tags.append(("PubDate", timezone.localtime(published).strftime("%Y-%m-%d %H:%M")))
    tags += [
        ("ContentSource", content_source(page)),
        ("Keywords", plain_text(keywords, 100) or page.title),
        ("Description", page_description(page) or page.title),
    ]
    return tags


def page_tags(page):
    """(name, content) pairs for ``page`` beyond the site-wide ones."""
    if page is None or not hasattr(page, "get_column"):
        return []
    if getattr(page, "is_column", False):
        return column_tags(page)
    if page.depth is not None and page.depth <= 2:  # the home page: site tags only
        return []
    column = page.get_column()
    tags = column_tags(column) if column is not None else []
    return tags + item_tags(page)
