"""The site's structure: the home page, columns (栏目), overview pages (概况) and topics (专题).

Reads like the column tree of DESIGN §3:

    HomePage
    └─ ColumnPage (走进榕江, 新闻动态, 政府信息公开, 专题专栏, 互动交流, 办事服务)
       ├─ ColumnPage (sub-columns, one per unit where the tree needs it)
       │  └─ items: NewsPage, CatalogItemPage, PolicyDocumentPage, InterpretationPage …
       ├─ OverviewPage
       └─ TopicPage (under 专题专栏) ─ ColumnPage (its own sub-columns)
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BodyBlock
from portal.core.columns import ColumnKey, FreshnessRule, StatsCategory
from portal.core.models import BasePage

LISTING_PAGE_SIZE = 20

#: entry points shown at the top of certain columns: (label, URL name) — the participation
#: app's public forms, looked up by name so that columns do not import it
COLUMN_ACTIONS = {
    ColumnKey.DISCLOSURE_ON_REQUEST: [
        ("在线申请政府信息公开", "participation:apply"),
        ("申请办理进度查询", "participation:status_lookup"),
    ],
    ColumnKey.INTERACTION_MESSAGES: [
        ("我要留言", "participation:message_new"),
        ("留言选登", "participation:message_list"),
    ],
}


class ContentKind(models.TextChoices):
    """What a column holds; decides which page types editors can create in it."""

    NEWS = "news", "动态信息"
    CATALOGUE = "catalogue", "信息公开目录"
    OVERVIEW = "overview", "概况信息"
    TOPICS = "topics", "专题专栏"
    GENERAL = "general", "综合"


class HomePage(BasePage):
    dated_slug = False
    intro = models.CharField("首页导语", max_length=200, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    type_label = "首页"
    template = "home/home_page.html"

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_breadcrumbs(self):
        return []

    def route(self, request, path_components):
        # URL path → page from a cache keyed by the publication generation (one query
        # instead of two per URL level)
        from portal.core.routing import cached_route

        return cached_route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        from .sections import build_home_blocks, build_home_features, build_home_sections

        context = super().get_context(request, *args, **kwargs)
        # built only when the template's cached sections (generation_cache) are missing
        features = SimpleLazyObject(lambda: build_home_features(self))
        context["headline"] = SimpleLazyObject(lambda: features.headline)
        context["sections"] = SimpleLazyObject(lambda: build_home_sections(self, features))
        context["blocks"] = SimpleLazyObject(lambda: build_home_blocks(self))
        return context


#: page numbers above this share one cached listing (the last page's): a visitor cannot make
#: the cache hold a copy of the listing per made-up number
MAX_LISTING_PAGE_KEY = 10_000


def listing_page_key(page_number):
    """The name of the listing page ``page_number`` shows, for its cached render: what
    is not a whole number shows page 1 (Paginator: PageNotAnInteger), a number below 1
    or above MAX_LISTING_PAGE_KEY the last page (EmptyPage)."""
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        return "1"
    if number < 1 or number > MAX_LISTING_PAGE_KEY:
        return "last"
    return str(number)


class ColumnPage(BasePage):
    is_column = True
    dated_slug = False

    column_key = models.CharField(
        "栏目标识",
        max_length=80,
        blank=True,
        db_index=True,
        help_text="系统识别栏目用的固定标识（如 news.headlines），一般无需修改。",
    )
    intro = RichTextField("栏目简介", blank=True, features=["bold", "link", "ol", "ul"])
    content_kind = models.CharField(
        "栏目内容类型", max_length=20, choices=ContentKind.choices, default=ContentKind.NEWS
    )
    #: 信息推送: other sites may push items here (the site's 终审 accepts each; portal/platform)
    accepts_pushes = models.BooleanField(
        "接受其他站点推送",
        default=False,
        help_text="允许其他站点把信息推送到本栏目，经本站终审采用后以转载形式显示",
    )
    stats_category = models.CharField(
        "统计类别", max_length=20, choices=StatsCategory.choices, default=StatsCategory.OTHER
    )
    stats_label = models.CharField(
        "统计子类",
        max_length=40,
        blank=True,
        help_text="如 要闻、部门动态、乡镇动态、财政信息、提案建议；年度报表按此分项统计。",
    )
    freshness_rule = models.CharField(
        "更新要求", max_length=20, choices=FreshnessRule.choices, default=FreshnessRule.NONE
    )
    show_on_home = models.BooleanField("在首页显示", default=False)
    home_order = models.PositiveSmallIntegerField("首页排序", default=100)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("content_kind"),
                FieldPanel("accepts_pushes"),
                FieldPanel("stats_category"),
                FieldPanel("stats_label"),
                FieldPanel("freshness_rule"),
                FieldPanel("show_on_home"),
                FieldPanel("home_order"),
                FieldPanel("column_key"),
            ],
            heading="栏目设置",
        ),
    ] + BasePage.settings_panels

    parent_page_types = ["home.HomePage", "home.ColumnPage", "home.TopicPage"]
    type_label = "栏目"
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def get_sub_columns(self):
        return self.get_children().live().type(ColumnPage).order_by("path")

    def get_items(self):
        """Live items anywhere below this column, newest first."""
        from .listing import items_below

        return items_below(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # building the listing's queryset costs more than a cached render of the listing:
        # built only when the template's cached listing (generation_cache) is missing
        paginator = SimpleLazyObject(lambda: Paginator(self.get_items(), LISTING_PAGE_SIZE))
        page_number = request.GET.get("page", 1)

        def listing_page():
            try:
                return paginator.page(page_number)
            except PageNotAnInteger:
                return paginator.page(1)
            except EmptyPage:
                return paginator.page(paginator.num_pages)

        context["listing_page"] = listing_page_key(page_number)
        context["items"] = SimpleLazyObject(listing_page)
        context["paginator"] = paginator
        context["sub_columns"] = SimpleLazyObject(lambda: list(self.get_sub_columns()))
        context["actions"] = self.get_actions()
        if self.content_kind == ContentKind.TOPICS:
            context["topics"] = SimpleLazyObject(self.get_topics)
        return context

    def get_template(self, request, *args, **kwargs):
        # 专题专栏 lists its topics as cards (banner, description, sub-columns), not articles
        if self.content_kind == ContentKind.TOPICS:
            return "home/topics_column_page.html"
        return super().get_template(request, *args, **kwargs)

    def get_topics(self):
        """The topics (TopicPage) of a 专题专栏 column, in the admin's order, each with its
        live sub-columns as ``topic.sub_column_list``."""
        topics = list(
            TopicPage.objects.child_of(self).live().select_related("cover_image").order_by("path")
        )
        for topic in topics:
            topic.sub_column_list = list(
                ColumnPage.objects.child_of(topic)
                .live()
                .only("id", "title", "url_path", "path")
                .order_by("path")
            )
        return topics

    def get_actions(self):
        from django.urls import NoReverseMatch, reverse

        actions = []
        for label, name in COLUMN_ACTIONS.get(self.column_key, []):
            try:
                actions.append((label, reverse(name)))
            except NoReverseMatch:
                continue
        return actions


class OverviewPage(BasePage):
    """A single page of standing information: 县情概况, 历史沿革, 公开指南 …"""

    dated_slug = False
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    updated_note = models.CharField("信息说明", max_length=200, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("updated_note")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = (ContentKind.OVERVIEW, ContentKind.GENERAL, ContentKind.CATALOGUE)
    required_fields = ("title", "body")
    body_field = "body"
    type_label = "概况"

    class Meta:
        verbose_name = "概况信息"
        verbose_name_plural = "概况信息"


class TopicPage(BasePage):
    """A 专题专栏 with its own sub-columns."""

    dated_slug = False
    intro = models.TextField("专题简介", blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="专题图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name="专题说明", blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = ["home.ColumnPage"]
    allowed_column_kinds = (ContentKind.TOPICS,)
    required_fields = ("title", "intro")
    type_label = "专题"

    class Meta:
        verbose_name = "专题专栏"
        verbose_name_plural = "专题专栏"

    def get_context(self, request, *args, **kwargs):
        from .listing import items_below

        context = super().get_context(request, *args, **kwargs)
        context["sub_columns"] = self.get_children().live().type(ColumnPage).order_by("path")
        context["latest_items"] = items_below(self)[:20]
        return context


def column_by_key(key, site=None):
    """The live default-locale column with this stable key in ``site`` (default: the default
    site), or None. Two sites hold columns with the same keys."""
    from wagtail.models import Locale

    from portal.core.sites import default_site, site_page_filter

    qs = ColumnPage.objects.live().filter(column_key=key, locale=Locale.get_default())
    site = site or default_site()
    if site is not None:
        qs = qs.filter(site_page_filter(site))
    return qs.first()


__all__ = [
    "ColumnKey",
    "ColumnPage",
    "ContentKind",
    "HomePage",
    "OverviewPage",
    "Page",
    "TopicPage",
    "column_by_key",
]
