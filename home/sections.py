"""The home page's sections: one per column flagged "在首页显示", newest items first.

Queries are bounded: one for the flagged columns, one per section (plus one for cover
images where a section shows pictures), whatever the number of items.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from portal.core.columns import ColumnKey

from .listing import column_content_types

SECTION_SIZE = 8
PICTURE_SECTIONS = {ColumnKey.NEWS_HEADLINES}


@dataclass
class HomeSection:
    column: Page
    items: list = field(default_factory=list)
    pictures: list = field(default_factory=list)
    style: str = "list"


def build_home_sections(home):
    from news.models import NewsPage

    from .models import ColumnPage, TopicPage

    columns = list(
        ColumnPage.objects.live()
        .descendant_of(home)
        .filter(show_on_home=True)
        .order_by("home_order", "path")
        .only("id", "title", "slug", "url_path", "path", "depth", "column_key", "locale_id")
    )
    excluded = list(column_content_types())
    sections = []
    for column in columns:
        section = HomeSection(column=column)
        if column.column_key == ColumnKey.TOPICS:
            section.style = "topics"
            section.items = list(
                TopicPage.objects.live()
                .child_of(column)
                .order_by("-first_published_at")
                .select_related("cover_image")[:SECTION_SIZE]
            )
        elif column.column_key in PICTURE_SECTIONS:
            section.style = "pictures"
            items = list(
                NewsPage.objects.live()
                .descendant_of(column)
                .order_by("-first_published_at", "-pk")
                .select_related("cover_image")
                .prefetch_related("cover_image__renditions")[:SECTION_SIZE]
            )
            section.pictures = [p for p in items if p.cover_image_id][:4]
            section.items = items
        else:
            section.items = list(
                Page.objects.live()
                .descendant_of(column)
                .exclude(content_type__in=excluded)
                .order_by("-first_published_at", "-pk")
                .only(
                    "id", "title", "url_path", "path", "depth", "first_published_at", "locale_id"
                )[:SECTION_SIZE]
            )
        sections.append(section)
    return sections
