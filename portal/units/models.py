"""Units (部门 / 乡镇 / 县政府办): who owns columns and content (DESIGN §4)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from .codes import normalize_code, validate_unit_code


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    TOWNSHIP = "township", "乡镇"
    OFFICE = "office", "县政府办"


class Unit(index.Indexed, models.Model):
    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField(
        "类型", max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT
    )
    code = models.CharField(
        "统一社会信用代码",
        max_length=20,
        unique=True,
        help_text="18位统一社会信用代码；历史单位可填9位组织机构代码。用作索引号前缀。",
    )
    slug = models.SlugField(
        "栏目路径名", max_length=60, unique=True, help_text="用于本单位栏目网址，如 czj（财政局）"
    )
    duties = models.TextField(
        "主要职责", blank=True, help_text="在“机构设置”页面公开；按本单位“三定”规定概括填写。"
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    # set once by services.provision_unit
    news_column = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="动态栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    catalogue_column = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="信息公开目录栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    editors_group = models.ForeignKey(
        "auth.Group",
        verbose_name="编辑组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewers_group = models.ForeignKey(
        "auth.Group",
        verbose_name="审核组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="素材库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("slug"),
        FieldPanel("duties"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading="联系方式",
        ),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "id"]
        # 人员与角色 (portal/units/roles.py)
        permissions = [("assign_roles", "分配单位人员角色")]

    def __str__(self):
        return self.name

    @property
    def index_prefix(self):
        """The prefix of this unit's 索引号."""
        return normalize_code(self.code)

    def clean(self):
        super().clean()
        self.code = normalize_code(self.code)
        error = validate_unit_code(self.code)
        if error:
            raise ValidationError({"code": error})

    @property
    def editors_group_name(self):
        return f"{self.name}·编辑"

    @property
    def reviewers_group_name(self):
        return f"{self.name}·本单位审核"
