"""The home page's sections: one per column flagged "在首页显示", in listing order, and the
home page's 头条 slot and picture carousel, driven by the items' flags (PagePlacement, see
portal/core/placement.py).

Queries are bounded: one for the flagged columns, one per section (plus one for cover
images where a section shows pictures), one for the flagged items (头条 and carousel, plus
one for the carousel's pictures when any is flagged), whatever the number of items.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from portal.core import placement
from portal.core.columns import ColumnKey

from .listing import column_content_types

SECTION_SIZE = 8
CAROUSEL_SIZE = 5
FLAGGED_LIMIT = 50
PICTURE_SECTIONS = {ColumnKey.NEWS_HEADLINES}
LISTING_FIELDS = ("id", "title", "url_path", "path", "depth", "first_published_at", "locale_id")


@dataclass
class HomeSection:
    column: Page
    items: list = field(default_factory=list)
    pictures: list = field(default_factory=list)
    style: str = "list"


@dataclass
class HomeFeatures:
    """What the items' flags put on the home page: the 头条 and the carousel's page ids."""

    headline: Page | None = None
    carousel_ids: list = field(default_factory=list)


def build_home_features(home):
    """One query: the live items below ``home`` flagged 首页头条 or 首页轮播, in listing order."""
    from django.db.models import F, Q

    flagged = placement.listing_order(
        Page.objects.live()
        .descendant_of(home)
        .filter(Q(placement__headline=True) | Q(placement__carousel=True))
        .exclude(content_type__in=list(column_content_types()))
    ).annotate(flag_headline=F("placement__headline"), flag_carousel=F("placement__carousel"))
    features = HomeFeatures()
    for page in flagged.only(*LISTING_FIELDS, "search_description")[:FLAGGED_LIMIT]:
        if page.flag_headline and features.headline is None:
            features.headline = page
        if page.flag_carousel:
            features.carousel_ids.append(page.pk)
    return features


def build_home_sections(home, features=None):
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
                placement.listing_order(TopicPage.objects.live().child_of(column)).select_related(
                    "cover_image"
                )[:SECTION_SIZE]
            )
        elif column.column_key in PICTURE_SECTIONS:
            section.style = "pictures"
            items = list(
                placement.listing_order(NewsPage.objects.live().descendant_of(column))
                .select_related("cover_image")
                .prefetch_related("cover_image__renditions")[:SECTION_SIZE]
            )
            section.items = items
            # the carousel shows the news flagged 首页轮播 (with a picture) anywhere on the
            # site; until an editor flags any, the section's newest pictures
            if features is None:
                features = build_home_features(home)
            flagged = []
            if features.carousel_ids:  # no query while nothing is flagged
                flagged = list(
                    placement.listing_order(
                        NewsPage.objects.filter(
                            pk__in=features.carousel_ids, cover_image__isnull=False
                        )
                    )
                    .select_related("cover_image")
                    .prefetch_related("cover_image__renditions")[:CAROUSEL_SIZE]
                )
            section.pictures = flagged or [p for p in items if p.cover_image_id][:4]
        else:
            section.items = list(
                placement.listing_order(
                    Page.objects.live().descendant_of(column).exclude(content_type__in=excluded)
                ).only(*LISTING_FIELDS)[:SECTION_SIZE]
            )
        sections.append(section)
    return sections


#: column keys a leaders' column may carry (the key is added with the leader page type; until
#: then the 领导之窗 page under 走进… is found by its title)
LEADERS_KEYS = tuple(
    key for key in (getattr(ColumnKey, "LEADERS", None), "overview.leaders", "leaders") if key
)
LEADERS_TITLE = "领导之窗"
BLOCK_SIZE = 6


@dataclass
class HomeBlock:
    """One of the home page's fixed blocks (政策解读, 互动交流, 办事服务)."""

    key: str
    title: str
    column: Page | None = None
    items: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, url)


@dataclass
class HomeBlocks:
    policy: HomeBlock | None = None
    interaction: HomeBlock | None = None
    services: HomeBlock | None = None
    leaders: Page | None = None  # where the 领导之窗 entry leads

    def __bool__(self):
        return any((self.policy, self.interaction, self.services, self.leaders))


def _items_below(column, size=BLOCK_SIZE):
    excluded = list(column_content_types())
    return list(
        placement.listing_order(
            Page.objects.live().descendant_of(column).exclude(content_type__in=excluded)
        ).only(*LISTING_FIELDS)[:size]
    )


def _participation_links(keys):
    """The participation app's public forms, looked up by URL name (no import of the app)."""
    from django.urls import NoReverseMatch, reverse

    from .models import COLUMN_ACTIONS

    links = []
    for key in keys:
        for label, name in COLUMN_ACTIONS.get(key, []):
            try:
                links.append((label, reverse(name)))
            except NoReverseMatch:
                continue
    return links


def build_home_blocks(home):
    """The blocks every county portal's home page has, from the columns found by their keys
    below ``home`` (one query), each degrading to nothing when its column is missing."""
    from .models import ColumnPage

    keys = [
        ColumnKey.DISCLOSURE_INTERPRETATION,
        ColumnKey.INTERACTION,
        ColumnKey.SERVICES,
        ColumnKey.OVERVIEW,
        *LEADERS_KEYS,
    ]
    found = {}
    for column in (
        ColumnPage.objects.live()
        .descendant_of(home)
        .filter(column_key__in=keys)
        .order_by("depth", "path")
        .only("id", "title", "url_path", "path", "depth", "column_key", "locale_id")
    ):
        found.setdefault(column.column_key, column)
    blocks = HomeBlocks()

    policy = found.get(ColumnKey.DISCLOSURE_INTERPRETATION)
    if policy is not None:
        blocks.policy = HomeBlock("policy", "政策解读", policy, _items_below(policy))

    interaction = found.get(ColumnKey.INTERACTION)
    if interaction is not None:
        subs = list(
            ColumnPage.objects.live()
            .child_of(interaction)
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "column_key")
        )
        links = _participation_links([ColumnKey.INTERACTION_MESSAGES])
        links += _participation_links([ColumnKey.DISCLOSURE_ON_REQUEST])[:1]
        if links:  # 我要留言 and 留言选登 stand for the messages column
            subs = [sub for sub in subs if sub.column_key != ColumnKey.INTERACTION_MESSAGES]
        blocks.interaction = HomeBlock("interaction", "互动交流", interaction, subs, links)

    services = found.get(ColumnKey.SERVICES)
    if services is not None:
        blocks.services = HomeBlock("services", "办事服务", services, _items_below(services, 8))

    leaders = next((found[key] for key in LEADERS_KEYS if key in found), None)
    if leaders is None and ColumnKey.OVERVIEW in found:
        children = found[ColumnKey.OVERVIEW].get_children().live()
        fields = ("id", "title", "url_path", "path", "depth", "locale_id")
        # the 领导之窗 page type (government app, looked up softly), else a page so titled
        try:
            from django.apps import apps

            index_model = apps.get_model("government", "LeaderIndexPage")
        except LookupError:
            index_model = None
        if index_model is not None:
            leaders = children.type(index_model).only(*fields).first()
        if leaders is None:
            leaders = children.filter(title=LEADERS_TITLE).only(*fields).first()
    blocks.leaders = leaders
    return blocks
