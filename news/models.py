"""News items (动态): 榕江要闻, 部门动态, 乡镇动态, 通知公告 and topic news."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from portal.core.blocks import BodyBlock
from portal.core.models import BasePage


class NewsPage(BasePage):
    source = models.CharField(
        "来源", max_length=100, blank=True, help_text="留空则显示所属单位名称"
    )
    author = models.CharField("作者", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="标题图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="要闻在首页以图片新闻展示时使用",
    )
    body = StreamField(BodyBlock(), verbose_name="正文")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("author"), FieldPanel("unit")], heading="来源与作者"
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("unit"),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = ("news", "general")
    required_fields = ("title", "body")
    body_field = "body"
    type_label = "新闻"
    template = "news/news_page.html"

    class Meta:
        verbose_name = "新闻动态"
        verbose_name_plural = "新闻动态"

    @property
    def display_source(self):
        if self.source:
            return self.source
        unit = self.get_owner_unit()
        return unit.name if unit else ""
