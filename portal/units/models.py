"""Units (部门 / 乡镇 / 县政府办): who owns columns and content (DESIGN §4)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site
from wagtail.search import index

from .codes import normalize_code, validate_unit_code


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    TOWNSHIP = "township", "乡镇"
    OFFICE = "office", "县政府办"


class UnitForm(WagtailAdminModelForm):
    """The unit form: a new unit belongs to the site of the person creating it; someone who
    works on several sites (a platform administrator) chooses the site."""

    site_choice = forms.ModelChoiceField(
        label="所属站点",
        queryset=Site.objects.none(),
        required=True,
        empty_label=None,
        error_messages={"invalid_choice": "请选择您管理的站点。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.core.sites import sites_for_user

        self._sites = Site.objects.none()
        if self.for_user is not None:
            self._sites = sites_for_user(self.for_user).order_by("pk")
        if self.instance.pk is None and self._sites.count() > 1:
            self.fields["site_choice"].queryset = self._sites
            self.fields["site_choice"].initial = self.instance.site_id
        else:
            del self.fields["site_choice"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            chosen = cleaned.get("site_choice") if "site_choice" in self.fields else None
            site = chosen or self._sites.first()
            if site is None:
                raise ValidationError("您没有可以添加单位的站点。")
            self.instance.site = site
        return cleaned


def _default_site_id():
    from portal.core.sites import default_site_id

    return default_site_id()


class Unit(index.Indexed, models.Model):
    #: the site (county portal) the unit belongs to; names and slugs are unique per site
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="所属站点",
        on_delete=models.PROTECT,
        related_name="units",
        default=_default_site_id,
        editable=False,
    )
    name = models.CharField("单位名称", max_length=100)
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
        "栏目路径名", max_length=60, help_text="用于本单位栏目网址，如 czj（财政局）"
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

    base_form_class = UnitForm

    panels = [
        FieldPanel("site_choice"),
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
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unit_name_unique_per_site"),
            models.UniqueConstraint(fields=["site", "slug"], name="unit_slug_unique_per_site"),
        ]
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

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        # the per-site constraints, with the field's own message (the site is not on the form)
        for field, label in (("name", "单位名称"), ("slug", "栏目路径名")):
            value = getattr(self, field)
            others = Unit.objects.filter(site_id=self.site_id, **{field: value})
            if self.pk:
                others = others.exclude(pk=self.pk)
            if value and others.exists():
                raise ValidationError({field: f"本站点已有{label}为“{value}”的单位。"})

    def validate_constraints(self, exclude=None):
        # covered by validate_unique with a message naming the field
        pass

    @property
    def editors_group_name(self):
        from portal.core.sites import group_name

        return group_name(self.site, f"{self.name}·编辑")

    @property
    def reviewers_group_name(self):
        from portal.core.sites import group_name

        return group_name(self.site, f"{self.name}·本单位审核")
