"""The 概况, 办事服务 and 互动交流 pages a county portal needs (issue 15):

    ColumnPage 走进榕江
    ├─ UnitDirectoryPage  机构设置: every active unit with its duties and contacts
    └─ LeaderIndexPage    领导之窗 ─ LeaderPage (photo, 职务, 分工, 简历), in the county's order
    ColumnPage 办事服务
    └─ ServiceIndexPage   办事指南 ─ ServiceGuidePage (the elements of a 办事指南)
    ColumnPage 在线访谈
    └─ InterviewPage      guests, time, transcript (speaker turns), pictures

Every type extends BasePage, so review, statistics, search and migration read it through
the BasePage hooks; ``bootstrap_portal`` creates the index pages (home/column_tree.py).
"""

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.core.blocks import AttachmentBlock, ImageWithCaptionBlock
from portal.core.forms import BasePageForm
from portal.core.models import BasePage

TEXT_FEATURES = ["bold", "link", "ol", "ul"]
#: column kinds (home.ContentKind values) where the standing 概况 pages may be created
OVERVIEW_KINDS = ("overview", "general")


class RequiredInChineseForm(BasePageForm):
    """A page form whose required fields say, in Chinese, which element is missing."""

    #: field name → why it is required, appended to the message
    required_reason = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in getattr(self._meta.model, "required_fields", ()):
            field = self.fields.get(name)
            if field is None or name == "title":
                continue
            label = str(field.label or name)
            field.error_messages["required"] = f"请填写“{label}”{self.required_reason}。"

    def clean(self):
        cleaned = super().clean()
        # a rich text editor left empty may still send an empty paragraph ("<p></p>")
        for name in getattr(self._meta.model, "required_fields", ()):
            field = self.fields.get(name)
            if field is None or not field.required or name in self.errors:
                continue
            value = cleaned.get(name)
            if isinstance(value, str) and value and not _visible_text(value):
                self.add_error(name, field.error_messages["required"])
        return cleaned


def _visible_text(html):
    return strip_tags(html).replace("&nbsp;", "").strip()


# --- 机构设置 ------------------------------------------------------------------------------
class UnitDirectoryPage(BasePage):
    """机构设置: lists every active unit (portal.units.Unit) with its duties, address, phone
    and office hours, linked to its 动态 and 信息公开目录 columns. Built from the unit records,
    so it never goes out of date when a unit is added or renamed."""

    dated_slug = False
    is_listing_page = True
    intro = RichTextField("说明", blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = OVERVIEW_KINDS
    required_fields = ("title",)
    type_label = "机构设置"
    template = "government/unit_directory_page.html"

    class Meta:
        verbose_name = "机构设置"
        verbose_name_plural = "机构设置"

    def get_unit_groups(self):
        """(heading, units) for the county's departments and for its townships, each in the
        county's order (Unit.sort_order)."""
        from portal.core.sites import site_id_for_path
        from portal.units.models import Unit, UnitKind

        # 站群: the units of this page's own site
        units = list(
            Unit.objects.filter(is_active=True, site_id=site_id_for_path(self.path))
            .select_related("news_column", "catalogue_column")
            .order_by("sort_order", "pk")
        )
        groups = [
            ("县政府工作部门", [u for u in units if u.kind != UnitKind.TOWNSHIP]),
            ("乡镇人民政府", [u for u in units if u.kind == UnitKind.TOWNSHIP]),
        ]
        return [(heading, members) for heading, members in groups if members]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit_groups"] = self.get_unit_groups()
        return context


# --- 领导之窗 ------------------------------------------------------------------------------
class LeaderIndexPage(BasePage):
    """领导之窗: the county's leaders with photo and 职务, in the order the county lists them."""

    dated_slug = False
    is_listing_page = True
    intro = RichTextField("说明", blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = ["government.LeaderPage"]
    allowed_column_kinds = OVERVIEW_KINDS
    required_fields = ("title",)
    type_label = "领导之窗"
    template = "government/leader_index_page.html"

    class Meta:
        verbose_name = "领导之窗"
        verbose_name_plural = "领导之窗"

    def get_leaders(self):
        return (
            LeaderPage.objects.child_of(self)
            .live()
            .select_related("photo")
            .order_by("sort_order", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.get_leaders()
        return context


class LeaderPage(BasePage):
    """One leader: the page title is the leader's name."""

    position = models.CharField("职务", max_length=120, help_text="如：县委副书记、县人民政府县长")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="标准证件照，建议宽高比 3:4",
    )
    responsibilities = models.TextField(
        "工作分工", help_text="按县人民政府印发的领导工作分工文件填写"
    )
    biography = RichTextField("简历", blank=True, features=TEXT_FEATURES)
    sort_order = models.PositiveSmallIntegerField(
        "排序",
        default=100,
        help_text="按县人民政府公布的领导排序填写，数字越小越靠前（不按姓名排序）。",
    )

    content_panels = [
        FieldPanel("title", heading="姓名"),
        FieldPanel("position"),
        FieldPanel("sort_order"),
        FieldPanel("photo"),
        FieldPanel("responsibilities"),
        FieldPanel("biography"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("position"),
        index.SearchField("responsibilities"),
        index.SearchField("biography"),
    ]

    base_form_class = RequiredInChineseForm
    parent_page_types = ["government.LeaderIndexPage"]
    subpage_types = []
    required_fields = ("title", "position", "responsibilities")
    type_label = "领导"
    template = "government/leader_page.html"

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"


# --- 办事指南 ------------------------------------------------------------------------------
class ServiceIndexPage(BasePage):
    """办事指南: lists the service guides below it."""

    dated_slug = False
    is_listing_page = True
    intro = RichTextField("说明", blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = ["government.ServiceGuidePage"]
    allowed_column_kinds = ("general",)
    required_fields = ("title",)
    type_label = "办事指南目录"
    template = "government/service_index_page.html"

    class Meta:
        verbose_name = "办事指南目录"
        verbose_name_plural = "办事指南目录"

    def get_guides(self):
        return (
            ServiceGuidePage.objects.child_of(self).live().select_related("unit").order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.get_guides()
        return context


class ServiceGuideForm(RequiredInChineseForm):
    required_reason = "（办事指南必备要素）"


class ServiceGuidePage(BasePage):
    """One 办事指南. Its elements — 事项名称, 设定依据, 申请条件, 办理材料, 办理流程, 办理时限,
    收费标准, 办理地点和时间, 咨询方式, 监督投诉 — are the ones a 服务指南 must list
    (source: 国办发〔2015〕86号《关于简化优化公共服务流程方便基层群众办事创业的通知》, as
    issue 15 names them); all are required before publication."""

    item_name = models.CharField("事项名称", max_length=200)
    item_code = models.CharField(
        "事项编码", max_length=80, blank=True, help_text="政务服务事项实施清单中的编码（如有）"
    )
    basis = RichTextField(
        "设定依据", features=TEXT_FEATURES, help_text="法律、法规、规章的名称和条款"
    )
    conditions = RichTextField("申请条件", features=TEXT_FEATURES)
    materials = RichTextField(
        "办理材料", features=TEXT_FEATURES, help_text="材料名称、份数、原件或复印件等要求"
    )
    procedure = RichTextField("办理流程", features=TEXT_FEATURES)
    time_limit = models.CharField(
        "办理时限", max_length=200, help_text="如：法定办结时限20个工作日，承诺办结时限5个工作日"
    )
    fees = models.CharField("收费标准", max_length=300, help_text="不收费的请填写“不收费”")
    location_hours = models.TextField("办理地点和时间")
    consultation = models.TextField("咨询方式", help_text="咨询电话、窗口等")
    complaints = models.TextField("监督投诉", help_text="投诉电话、12345热线等")
    online_url = models.URLField(
        "贵州政务服务网办理链接",
        blank=True,
        max_length=500,
        help_text="本事项在省政务服务网的办事页面地址；填写后显示“在线办理”按钮",
    )
    downloads = StreamField(
        [("attachment", AttachmentBlock())],
        verbose_name="表格下载",
        blank=True,
        help_text="申请表、样表等",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("item_name"), FieldPanel("item_code"), FieldPanel("unit")],
            heading="事项信息",
        ),
        FieldPanel("basis"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("procedure"),
        MultiFieldPanel(
            [FieldPanel("time_limit"), FieldPanel("fees"), FieldPanel("location_hours")],
            heading="时限、收费与地点",
        ),
        MultiFieldPanel(
            [FieldPanel("consultation"), FieldPanel("complaints")], heading="咨询与监督"
        ),
        FieldPanel("online_url"),
        FieldPanel("downloads"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("item_name"),
        index.SearchField("conditions"),
        index.SearchField("materials"),
        index.SearchField("procedure"),
        index.FilterField("unit"),
        index.FilterField("first_published_at"),
    ]

    base_form_class = ServiceGuideForm
    parent_page_types = ["government.ServiceIndexPage"]
    subpage_types = []
    required_fields = (
        "title",
        "item_name",
        "basis",
        "conditions",
        "materials",
        "procedure",
        "time_limit",
        "fees",
        "location_hours",
        "consultation",
        "complaints",
    )
    type_label = "办事指南"
    template = "government/service_guide_page.html"

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    def get_attachment_documents(self):
        """The forms in 表格下载 (the body hook of BasePage walks ``body_field``; a guide has
        none, its elements are separate fields)."""
        found = []
        for child in self.downloads or []:
            document = child.value.get("document")
            if document is not None and document not in found:
                found.append(document)
        return found

    @property
    def elements(self):
        """(label, value, is_rich_text) of the guide's elements, in the order guides list them."""
        rich = {"basis", "conditions", "materials", "procedure"}
        names = (
            "basis",
            "conditions",
            "materials",
            "procedure",
            "time_limit",
            "fees",
            "location_hours",
            "consultation",
            "complaints",
        )
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name), name in rich)
            for name in names
        ]


# --- 在线访谈 ------------------------------------------------------------------------------
class GuestBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="姓名", max_length=40)
    position = blocks.CharBlock(label="职务", max_length=120)

    class Meta:
        icon = "user"
        label = "嘉宾"


class TurnBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(label="发言人", max_length=60, help_text="如：主持人、张明")
    text = blocks.RichTextBlock(label="发言内容", features=TEXT_FEATURES)

    class Meta:
        icon = "openquote"
        label = "发言"
        template = "government/blocks/turn.html"


class TranscriptBlock(blocks.StreamBlock):
    turn = TurnBlock()
    image = ImageWithCaptionBlock()


class InterviewPage(BasePage):
    """在线访谈: who was interviewed, when, and what was said."""

    interview_time = models.DateTimeField("访谈时间")
    summary = models.TextField("访谈简介", blank=True, max_length=500)
    guests = StreamField(
        [("guest", GuestBlock())], verbose_name="访谈嘉宾", help_text="嘉宾姓名和职务"
    )
    host = models.CharField("主持人", max_length=60, blank=True)
    transcript = StreamField(
        TranscriptBlock(), verbose_name="访谈实录", help_text="按发言顺序逐段录入，可插入现场图片"
    )
    photos = StreamField([("image", ImageWithCaptionBlock())], verbose_name="访谈图片", blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("interview_time"), FieldPanel("host"), FieldPanel("unit")],
            heading="访谈信息",
        ),
        FieldPanel("guests"),
        FieldPanel("summary"),
        FieldPanel("transcript"),
        FieldPanel("photos"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("guests"),
        index.SearchField("transcript"),
        index.FilterField("unit"),
        index.FilterField("first_published_at"),
    ]

    base_form_class = RequiredInChineseForm
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = ("news", "general")
    required_fields = ("title", "interview_time", "guests", "transcript")
    body_field = "transcript"
    type_label = "在线访谈"
    template = "government/interview_page.html"

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    @property
    def is_upcoming(self):
        return bool(self.interview_time and self.interview_time > timezone.now())

    @property
    def guest_line(self):
        return "、".join(
            f"{g.value['position']}{g.value['name']}" for g in self.guests or [] if g.value
        )
