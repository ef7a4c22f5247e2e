"""Catalogue items (信息公开目录条目), policy documents (政策文件), interpretations (政策解读)
and annual reports (年报).

Every catalogue entry must show 索引, 名称, 内容概述 and 生成日期
(《中华人民共和国政府信息公开条例》第十二条); those fields are required here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.core import clock
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
    "CatalogIndexPage",
    "CatalogItemPage",
    "DisclosureGuidePage",
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
    """政府信息公开工作年度报告: the page renders the year's report from the statistics
    (portal/statistics/annual.py ``disclosure_report``, the data of the DOCX draft): the six
    sections of 国办公开办函〔2021〕30号 with 表二, 表三 and 表四. The office's text of each
    section is editable; a section left blank shows the text generated from the figures."""

    report_year = models.PositiveSmallIntegerField("报告年度")
    overview_text = models.TextField(
        "一、总体情况", blank=True, help_text="留空则使用根据统计数据生成的文字；分段请换行"
    )
    proactive_text = models.TextField(
        "二、主动公开政府信息情况（说明）", blank=True, help_text="表二之前的说明；留空则自动生成"
    )
    requests_text = models.TextField(
        "三、收到和处理政府信息公开申请情况（说明）",
        blank=True,
        help_text="表三之前的说明；留空则自动生成",
    )
    review_text = models.TextField(
        "四、政府信息公开行政复议、行政诉讼情况（说明）",
        blank=True,
        help_text="表四之前的说明；留空则自动生成",
    )
    problems_text = models.TextField(
        "五、存在的主要问题及改进情况", blank=True, help_text="留空则使用年度报表中填写的内容"
    )
    other_text = models.TextField(
        "六、其他需要报告的事项", blank=True, help_text="留空则使用年度报表中填写的内容"
    )

    content_panels = (
        BasePage.content_panels
        + [FieldPanel("report_year")]
        + CatalogItemPage.metadata_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel("overview_text"),
                    FieldPanel("proactive_text"),
                    FieldPanel("requests_text"),
                    FieldPanel("review_text"),
                    FieldPanel("problems_text"),
                    FieldPanel("other_text"),
                ],
                heading="年报正文（表二、表三、表四由统计数据生成）",
            ),
            FieldPanel("body"),
        ]
    )
    # the report's content comes from the statistics: the body (附件 etc.) may stay empty
    required_fields = ("title", "summary", "topic_category", "genre")
    type_label = "年报"
    template = "disclosure_catalog/annual_report_page.html"

    class Meta:
        verbose_name = "政府信息公开年报"
        verbose_name_plural = "政府信息公开年报"

    def report(self):
        """The year's report as data, with the page's own text where the office wrote it."""
        from .annual_page import report_for

        return report_for(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report"] = self.report()
        return context


class DisclosureGuidePage(RoutablePageMixin, BasePage):
    """政府信息公开指南 (条例第十二条). The statutory content — 分类、编排体系、获取方式、
    工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式 — is built from
    the portal's data (guide.py); the editable fields are an introduction, the 传真号码
    (no other record holds it) and notes. ``form-docx/`` and ``form-pdf/`` below the page are
    the application form (Wagtail's page URLs allow no dot; the file name comes with the
    download)."""

    dated_slug = False
    # a standing page rendered from the portal's data (like 机构设置), which bootstrap creates:
    # its publication is no 主动公开 item of the statistics
    is_listing_page = True
    intro = RichTextField("导语", blank=True, features=["bold", "link", "ol", "ul"])
    office_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="政府信息公开工作机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="留空则使用县政府办；地址、电话、办公时间、电子邮箱取自该单位信息",
    )
    office_name = models.CharField(
        "工作机构名称", max_length=100, blank=True, help_text="留空则使用所选单位的名称"
    )
    fax = models.CharField("传真号码", max_length=50, blank=True)
    notes = RichTextField("其他说明", blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("office_unit"), FieldPanel("office_name"), FieldPanel("fax")],
            heading="政府信息公开工作机构",
        ),
        FieldPanel("notes"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = ("catalogue",)
    required_fields = ("title",)
    type_label = "公开指南"
    template = "disclosure_catalog/disclosure_guide_page.html"

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def office(self, request=None):
        from wagtail.models import Site

        from portal.core.models import SiteIdentity

        from .guide import office_for

        if request is not None:
            site = Site.find_for_request(request)
            identity = SiteIdentity.for_request(request)
            site_url = request.build_absolute_uri("/")
        else:
            site = self.get_site()
            identity, site_url = SiteIdentity.for_site(site), ""
        return office_for(self, identity, site_url, site)

    def get_context(self, request, *args, **kwargs):
        from django.apps import apps

        from portal.core.columns import ColumnKey

        from . import guide

        ColumnPage = apps.get_model("home", "ColumnPage")

        context = super().get_context(request, *args, **kwargs)
        disclosure = (
            ColumnPage.objects.live()
            .filter(column_key=ColumnKey.DISCLOSURE, locale_id=self.locale_id)
            .filter(path__startswith=self.path[: self.steplen * 2])
            .first()
        )
        catalogues = list(
            CatalogIndexPage.objects.live()
            .filter(locale_id=self.locale_id, path__startswith=self.path[: self.steplen * 2])
            .only("id", "title", "url_path", "path", "depth", "locale_id", "normative_only")
        )
        office = self.office(request)
        from wagtail.models import Site

        site = Site.find_for_request(request)
        unit = self.office_unit if self.office_unit_id else guide.office_unit(site)
        base_url = self.get_url(request) or ""
        context.update(
            office=office,
            example_index_number=(
                f"{unit.index_prefix}/{clock.today().year}-00001" if unit is not None else ""
            ),
            form_urls={
                "docx": base_url + self.reverse_subpage("form_docx"),
                "pdf": base_url + self.reverse_subpage("form_pdf"),
            },
            classification=guide.classification(),
            column_system=guide.column_system(disclosure),
            catalogues=catalogues,
            flow_steps=guide.FLOW_STEPS,
            flow=guide.flow_chart(),
            form_fields=guide.application_fields(),
            online_url=guide.url_or_blank("participation:apply"),
            status_url=guide.url_or_blank("participation:status_lookup"),
        )
        return context

    def _form_response(self, content, content_type, extension, request):
        response = HttpResponse(content, content_type=content_type)
        filename = f"政府信息公开申请表.{extension}"
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response

    @path("form-docx/", name="form_docx")
    def form_docx(self, request):
        from .application_form import form_docx

        return self._form_response(
            form_docx(self.office(request)),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
            request,
        )

    @path("form-pdf/", name="form_pdf")
    def form_pdf(self, request):
        from .application_form import form_pdf

        return self._form_response(
            form_pdf(self.office(request)), "application/pdf", "pdf", request
        )

    @path("", name="guide")
    def guide(self, request):
        return self.render(request)


class CatalogIndexPage(BasePage):
    """信息公开目录 (or, with ``normative_only``, the 规范性文件 library): every live catalogue
    item of the site, filtered by 主题分类, 体裁, 发布机构, year and 有效性, with 索引号 and
    文号 (条例第十二条: the catalogue shows 索引、名称、内容概述、生成日期)."""

    dated_slug = False
    is_listing_page = True  # it lists the catalogue's items: not counted itself (statistics)
    intro = RichTextField("说明", blank=True, features=["bold", "link", "ol", "ul"])
    normative_only = models.BooleanField(
        "只列行政规范性文件",
        default=False,
        help_text="勾选后为规范性文件库：只列出行政规范性文件，并显示有效性",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("normative_only")]

    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []
    required_fields = ("title",)
    type_label = "信息公开目录"
    template = "disclosure_catalog/catalog_index_page.html"

    class Meta:
        verbose_name = "信息公开目录检索"
        verbose_name_plural = "信息公开目录检索"

    def base_queryset(self):
        model = PolicyDocumentPage if self.normative_only else CatalogItemPage
        queryset = model.objects.live().filter(
            locale_id=self.locale_id, path__startswith=self.path[: self.steplen * 2]
        )
        if self.normative_only:
            queryset = queryset.filter(is_normative=True)
        return queryset

    def get_context(self, request, *args, **kwargs):
        from wagtail.models import Site

        from . import catalogue
        from .guide import site_units

        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        units = list(site_units(site).filter(is_active=True).only("id", "name"))
        filters = catalogue.parse_filters(request.GET, units)
        base = self.base_queryset()
        items = (
            catalogue.filtered(base, filters)
            .only(*catalogue.LISTING_FIELDS)
            .order_by("-first_published_at", "-pk")
        )
        context.update(
            filters=filters,
            units=units,
            topics=catalogue.topic_options(),
            genres=[g for g, _label in genre_choices()],
            validities=[v for v, _label in validity_choices()],
            years=catalogue.years_of(base),
            items=catalogue.page_of(items, request.GET.get("page", 1)),
        )
        return context
