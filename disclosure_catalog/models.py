"""Catalogue items (信息公开目录条目), policy documents (政策文件), interpretations (政策解读)
and annual reports (年报).

Every catalogue entry must show 索引, 名称, 内容概述 and 生成日期
(《中华人民共和国政府信息公开条例》第十二条); those fields are required here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from portal.core.blocks import BodyBlock
from portal.core.models import BasePage
from portal.desk.chooser import PolicyChooser

from .classification import (
    disclosure_attribute_choices,
    genre_choices,
    topic_choices,
    validity_choices,
)
from .index_numbers import IndexNumberSequence, allocate_index_number

__all__ = [
    "AnnualReportPage",
    "CatalogItemPage",
    "IndexNumberSequence",
    "InterpretationPage",
    "PolicyDocumentPage",
]


class Validity(models.TextChoices):
    VALID = "有效", "有效"
    EXPIRED = "失效", "失效"
    REPEALED = "废止", "废止"


class CatalogItemPage(BasePage):
    index_number = models.CharField(
        "索引号", max_length=64, unique=True, null=True, blank=True, editable=False
    )
    publisher = models.CharField(
        "发布机构", max_length=100, blank=True, help_text="留空则使用所属单位名称"
    )
    document_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    written_date = models.DateField("成文日期", null=True, blank=True)
    topic_category = models.CharField(
        "主题分类", max_length=60, choices=topic_choices(), blank=True
    )
    genre = models.CharField("体裁（文种）", max_length=20, choices=genre_choices(), blank=True)
    validity = models.CharField(
        "有效性", max_length=4, choices=validity_choices(), default=Validity.VALID
    )
    effective_date = models.DateField("生效日期", null=True, blank=True)
    invalid_date = models.DateField("失效或废止日期", null=True, blank=True)
    keywords = models.CharField(
        "关键词", max_length=200, blank=True, help_text="多个关键词用空格或逗号分隔"
    )
    summary = models.TextField(
        "内容概述", max_length=1000, help_text="条例第十二条要求目录载明内容概述"
    )
    disclosure_attribute = models.CharField(
        "公开属性", max_length=10, choices=disclosure_attribute_choices(), default="主动公开"
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("unit")]),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_date")]),
                FieldRowPanel([FieldPanel("topic_category"), FieldPanel("genre")]),
                FieldRowPanel(
                    [
                        FieldPanel("validity"),
                        FieldPanel("effective_date"),
                        FieldPanel("invalid_date"),
                    ]
                ),
                FieldPanel("keywords"),
                FieldPanel("disclosure_attribute"),
            ],
            heading="目录信息（索引号在首次发布时自动生成）",
        ),
    ]
    content_panels = (
        BasePage.content_panels
        + metadata_panels
        + [
            FieldPanel("summary"),
            FieldPanel("body"),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("index_number", boost=5),
        index.SearchField("document_number", boost=5),
        index.SearchField("summary"),
        index.SearchField("keywords", boost=2),
        index.SearchField("body"),
        index.FilterField("index_number"),
        index.FilterField("document_number"),
        index.FilterField("unit"),
        index.FilterField("first_published_at"),
        index.FilterField("validity"),
    ]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = ("catalogue",)
    required_fields = ("title", "summary", "topic_category", "genre", "body")
    body_field = "body"
    type_label = "信息公开"
    exclude_fields_in_copy = ["index_number"]
    template = "disclosure_catalog/catalog_item_page.html"

    class Meta:
        verbose_name = "信息公开目录条目"
        verbose_name_plural = "信息公开目录条目"

    def clean(self):
        super().clean()
        errors = {}
        if self.validity != Validity.VALID and not self.invalid_date:
            errors["invalid_date"] = "有效性为失效或废止时，请填写失效或废止日期。"
        if self.invalid_date and self.effective_date and self.invalid_date < self.effective_date:
            errors["invalid_date"] = "失效或废止日期不能早于生效日期。"
        if errors:
            raise ValidationError(errors)

    # --- 索引号 ----------------------------------------------------------------------------
    def save(self, *args, **kwargs):
        if not self.publisher:
            unit = self.get_owner_unit() if self.depth else None
            if unit is not None:
                self.publisher = unit.name
        # "published" = live with a publication time (Wagtail sets first_published_at in the
        # publish action just before saving); a new page saved live=True by the tree API
        # before its first publication gets no number yet.
        if self.live and self.first_published_at and not self.index_number:
            self.assign_index_number()
        return super().save(*args, **kwargs)

    def assign_index_number(self):
        unit = self.get_owner_unit()
        if unit is None:
            raise ValidationError("无法生成索引号：该条目没有所属单位。")
        self.index_number = allocate_index_number(
            unit.index_prefix,
            when=self.first_published_at or timezone.now(),
            is_taken=lambda number: CatalogItemPage.objects.filter(index_number=number).exists(),
        )
        return self.index_number

    def with_content_json(self, content):
        """Revisions never carry the 索引号: the stored number always wins."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        return obj

    # --- display ---------------------------------------------------------------------------
    @property
    def generated_date(self):
        """生成日期 (条例第十二条): the written date, or the publication date."""
        if self.written_date:
            return self.written_date
        return (
            timezone.localtime(self.first_published_at).date() if self.first_published_at else None
        )

    def metadata_rows(self):
        """(label, value) rows of the public metadata table."""
        published = (
            timezone.localtime(self.first_published_at).strftime("%Y-%m-%d")
            if self.first_published_at
            else ""
        )
        topic = self.topic_category.split("/")[-1] if self.topic_category else ""
        validity = self.validity
        if self.validity != Validity.VALID and self.invalid_date:
            validity = f"{self.validity}（{self.invalid_date:%Y-%m-%d}）"
        return [
            ("索引号", self.index_number or "（发布时生成）"),
            ("发布机构", self.publisher),
            ("文号", self.document_number),
            ("成文日期", self.written_date.strftime("%Y-%m-%d") if self.written_date else ""),
            ("发布日期", published),
            ("主题分类", topic),
            ("体裁", self.genre),
            ("有效性", validity),
            ("关键词", self.keywords),
            ("内容概述", self.summary),
        ]


class PolicyDocumentPage(CatalogItemPage):
    """政策文件: a catalogue item with a 文号; shows the interpretations that explain it."""

    is_normative = models.BooleanField(
        "行政规范性文件",
        default=False,
        help_text="年报表二按“行政规范性文件”统计本年制发、废止和现行有效件数",
    )

    content_panels = (
        BasePage.content_panels
        + CatalogItemPage.metadata_panels
        + [
            FieldPanel("is_normative"),
            FieldPanel("summary"),
            FieldPanel("body"),
        ]
    )
    required_fields = CatalogItemPage.required_fields + ("document_number",)
    type_label = "政策文件"
    template = "disclosure_catalog/policy_document_page.html"

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def clean(self):
        super().clean()
        if not (self.document_number or "").strip():
            raise ValidationError({"document_number": "政策文件必须填写文号。"})

    def live_interpretations(self):
        if self.pk is None:  # the admin's preview of a page not created yet
            return InterpretationPage.objects.none()
        return self.interpretations.live().order_by("-first_published_at")


class InterpretationKind(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    PRESS = "press", "答记者问"


class InterpretationPage(CatalogItemPage):
    """政策解读: explains one or more policy documents, and each shows the other."""

    interpretation_kind = models.CharField(
        "解读形式",
        max_length=10,
        choices=InterpretationKind.choices,
        default=InterpretationKind.TEXT,
    )
    policies = ParentalManyToManyField(
        PolicyDocumentPage,
        verbose_name="解读的政策文件",
        related_name="interpretations",
        blank=True,
    )

    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("interpretation_kind"),
            # search by title or 文号, not a checkbox per document (portal/desk/chooser.py)
            FieldPanel("policies", widget=PolicyChooser),
        ]
        + CatalogItemPage.metadata_panels
        + [FieldPanel("summary"), FieldPanel("body")]
    )
    required_fields = CatalogItemPage.required_fields + ("policies",)
    type_label = "政策解读"
    template = "disclosure_catalog/interpretation_page.html"

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def live_policies(self):
        """The policy documents the page shows. A form's or a revision's selection (the
        admin's previews) is held in memory: show every selected document, since 三同步
        publishes the interpretation only together with them."""
        selected = self.policies.all()
        if isinstance(selected, models.QuerySet):
            return selected.live().order_by("-first_published_at")
        pks = [policy.pk for policy in selected]
        return PolicyDocumentPage.objects.filter(pk__in=pks).order_by("-first_published_at")


class AnnualReportPage(CatalogItemPage):
    """政府信息公开工作年度报告."""

    report_year = models.PositiveSmallIntegerField("报告年度")

    content_panels = (
        BasePage.content_panels
        + [FieldPanel("report_year")]
        + CatalogItemPage.metadata_panels
        + [FieldPanel("summary"), FieldPanel("body")]
    )
    type_label = "年报"
    template = "disclosure_catalog/catalog_item_page.html"

    class Meta:
        verbose_name = "政府信息公开年报"
        verbose_name_plural = "政府信息公开年报"
