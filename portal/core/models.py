"""BasePage, which every page type extends, and the site identity settings.

Cross-cutting apps (review, statistics, search, migration) learn what they need about a page
type from the attributes and methods declared here, so a new page type joins them without
editing those apps:

- ``required_fields``     fields the automatic check requires (review)
- ``body_field``          the StreamField holding the page's content (review, search)
- ``get_column()``        the column the page belongs to: its statistics category, label, unit
- ``get_owner_unit()``    the unit that owns the page
- ``is_listing_page``     an index page: its publications are not counted (statistics)
- ``publication_time``    the real first publication time shown to the public
"""

import copy
from functools import cached_property

from django.conf import settings
from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from .forms import BasePageForm, generated_slug


def column_models():
    """The concrete page types that are columns (``is_column = True``)."""
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if getattr(m, "is_column", False) and not m._meta.abstract]


class BasePage(Page):
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空则沿用所在栏目的单位",
    )

    # --- hooks read by the cross-cutting apps --------------------------------------------
    #: a column page (栏目) rather than an item
    is_column = False
    #: a page that lists other pages or records (领导之窗, 办事指南目录, 机构设置) rather than
    #: publishing information itself: statistics does not count its publications
    is_listing_page = False
    #: items get a dated, never-colliding slug (forms.generated_slug) whatever the form sent
    dated_slug = True
    #: fields that must not be empty before publication (checked by review's automatic check)
    required_fields: tuple[str, ...] = ()
    #: name of the StreamField that holds the page's content, or None
    body_field: str | None = None
    #: short Chinese name of the content type, shown in lists and search results
    type_label = "页面"
    #: the column kinds (ColumnPage.content_kind) this type may be created in; empty = any
    allowed_column_kinds: tuple[str, ...] = ()

    #: every page type indexes the text of the documents attached in its body (search)
    search_fields = Page.search_fields + [index.SearchField("search_attachment_text")]

    base_form_class = BasePageForm

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="链接与搜索引擎",
        ),
    ]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # 先审后发: review decides who publishes, unpublishes and deletes (looked up by name,
        # as core does not import review at module level; portal/review/permissions.py)
        from portal.review.permissions import ReviewPagePermissionTester

        return ReviewPagePermissionTester(user, self)

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        if not cls.allowed_column_kinds:
            return True
        kind = getattr(parent.specific, "content_kind", None)
        return kind in cls.allowed_column_kinds

    def full_clean(self, *args, **kwargs):
        self._ensure_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):  # Wagtail's validation when a draft is saved
        self._ensure_slug()
        super().minimal_clean()

    def _ensure_slug(self):
        if not self.slug:
            # Chinese titles make no ASCII slug: give a dated one (see forms.generated_slug)
            self.slug = generated_slug(self.get_parent() if self.path else None)

    def save(self, *args, **kwargs):
        if not self.unit_id and self.depth and self.depth > 1 and self.path:
            self.inherit_unit_from_parent()
        return super().save(*args, **kwargs)

    # --- relationships ---------------------------------------------------------------------
    def get_column(self):
        """The nearest column (this page if it is one), or None."""
        if self.is_column:
            return self
        return self._parent_column

    @cached_property
    def _parent_column(self):
        """One query: the deepest ancestor whose type is a column type."""
        if not self.path or not self.depth or self.depth < 2:
            return None
        step = self.steplen
        ancestor_paths = [self.path[:i] for i in range(step, len(self.path), step)]
        best = None
        for model in column_models():
            found = model.objects.filter(path__in=ancestor_paths).order_by("-depth").first()
            if found is not None and (best is None or found.depth > best.depth):
                best = found
        return best

    def get_owner_unit(self):
        if self.unit_id:
            return self.unit
        column = self.get_column()
        if column is not None and column is not self:
            return column.get_owner_unit()
        return None

    def inherit_unit_from_parent(self, parent=None):
        """Default the owning unit to the parent's, so items in a unit's column belong to it."""
        if self.unit_id:
            return
        if parent is None and self.path and self.depth and self.depth > 1:
            parent = Page.objects.filter(path=self.path[: -self.steplen]).first()
        if parent is None:
            return
        unit_id = getattr(parent.specific_deferred, "unit_id", None)
        if unit_id:
            self.unit_id = unit_id

    # --- publication time ------------------------------------------------------------------
    @property
    def publication_time(self):
        """The real first publication time (发布时间). Editors cannot set it: Wagtail fills
        ``first_published_at`` on first publication; only the migration import keeps a
        historical value."""
        return self.first_published_at

    def get_neighbours(self):
        """上一篇 / 下一篇: the live public items beside this one in its column, by
        publication time (``newer`` is shown first in the listing, ``older`` after).
        Kept under the publication generation: they change only when something is published."""
        from .cache import cached_fragment

        if self.is_column or not self.first_published_at or not self.pk:
            return {"newer": None, "older": None}
        return cached_fragment(f"neighbours:{self.pk}", self._find_neighbours)

    def _find_neighbours(self):
        siblings = (
            self.get_siblings(inclusive=False)
            .live()
            .filter(view_restrictions__isnull=True)  # the page itself is readable: its column is
            .not_type(*column_models())
            .only("id", "title", "url_path", "path", "depth", "first_published_at", "locale_id")
        )
        here = self.first_published_at
        newer = (
            (
                siblings.filter(first_published_at__gt=here)
                | siblings.filter(first_published_at=here, pk__gt=self.pk)
            )
            .order_by("first_published_at", "pk")
            .first()
        )
        older = (
            (
                siblings.filter(first_published_at__lt=here)
                | siblings.filter(first_published_at=here, pk__lt=self.pk)
            )
            .order_by("-first_published_at", "-pk")
            .first()
        )
        return {"newer": newer, "older": older}

    def get_stats_category(self):
        column = self.get_column()
        return getattr(column, "stats_category", "") if column else ""

    def get_stats_label(self):
        column = self.get_column()
        return getattr(column, "stats_label", "") if column else ""

    # --- attachments (search) ------------------------------------------------------------
    def get_attachment_documents(self):
        """The documents attached anywhere in the body StreamField, in order, once each."""
        if not self.body_field:
            return []
        from wagtail.blocks.list_block import ListValue
        from wagtail.blocks.stream_block import StreamValue
        from wagtail.documents.models import AbstractDocument

        found, seen = [], set()

        def walk(value):
            if isinstance(value, AbstractDocument):
                if value.pk not in seen:
                    seen.add(value.pk)
                    found.append(value)
            elif isinstance(value, dict):  # StructValue, table data
                for item in value.values():
                    walk(item)
            elif isinstance(value, list | tuple | StreamValue | ListValue):
                for item in value:
                    walk(getattr(item, "value", item))  # StreamChild → its value

        walk(getattr(self, self.body_field, None) or [])
        return found

    def search_attachment_text(self):
        """Text of the attached documents, indexed with the page. The search app answers
        the ``portal_attachment_text`` hook; without it this is empty."""
        documents = self.get_attachment_documents()
        if not documents:
            return ""
        for extract in hooks.get_hooks("portal_attachment_text"):
            return extract(documents)
        return ""

    @property
    def status_string(self):
        """The status word in the admin's listings. Apps may say more about a page that is not
        live through the ``portal_page_status`` hook (review: approved, waiting for 三同步)."""
        if not self.live:
            for status in hooks.get_hooks("portal_page_status"):
                label = status(self)
                if label:
                    return label
        return super().status_string

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.path:
            context["breadcrumbs"] = self.get_breadcrumbs()
        else:
            context["breadcrumbs"] = self._remember_view_facts()
        return context

    def _remember_view_facts(self):
        """For a public view: the breadcrumbs, the parent column and the owning unit that the
        template and the meta tags read (three queries), remembered in this worker under the
        publication generation and shared by the pages of one parent. Titles, the tree and
        columns change only by publishing, moving or deleting, and saving a unit bumps the
        generation too (portal/units/signals.py). A preview reads them afresh. Returns the
        breadcrumbs."""
        from .cache import remembered

        parent_path = self.path[: -self.steplen]
        if type(self).get_breadcrumbs is BasePage.get_breadcrumbs:
            breadcrumbs = remembered(("breadcrumbs", parent_path), self.get_breadcrumbs)
        else:
            breadcrumbs = self.get_breadcrumbs()
        if self.is_column or self.depth <= 2:  # columns and home: no item facts to show
            return breadcrumbs
        if "_parent_column" not in self.__dict__:
            self.__dict__["_parent_column"] = remembered(
                ("parent-column", parent_path), lambda: self._parent_column
            )
        if self.unit_id and not BasePage.unit.is_cached(self):
            unit = remembered(("unit", self.unit_id), lambda: self.unit)
            BasePage.unit.field.set_cached_value(self, unit)
        return breadcrumbs

    def get_view_restrictions(self):
        # Most portals restrict no page at all: then skip the query over the ancestors on
        # every request (remembered per worker; a restriction added or removed bumps the
        # generation, portal/core/cache.py).
        from wagtail.models import PageViewRestriction

        from .cache import remembered

        if not remembered("any-view-restriction", PageViewRestriction.objects.exists):
            nothing = PageViewRestriction.objects.none()
            nothing._result_cache = []  # iterated on every view: skip compiling the query
            return nothing
        return super().get_view_restrictions()

    def get_breadcrumbs(self):
        return list(
            self.get_ancestors()
            .filter(depth__gt=1)
            .only("id", "title", "url_path", "path", "depth")
        )


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The identity every government website must show in its footer."""

    site_name = models.CharField("网站名称", max_length=100, default="榕江县人民政府")
    national_emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="国徽图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="显示在页头网站名称左侧；应使用标准国徽图案（《中华人民共和国国徽法》）。",
    )
    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    police_number = models.CharField("公安机关备案号", max_length=80, blank=True)
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    postcode = models.CharField("邮编", max_length=10, blank=True)
    party_gov_badge = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="党政机关网站标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    badge_link = models.URLField("党政机关网站标识链接", blank=True)

    panels = [
        FieldPanel("site_name"),
        FieldPanel("national_emblem"),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number")],
            heading="备案与标识",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organizer"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("postcode"),
            ],
            heading="主办与联系",
        ),
        MultiFieldPanel(
            [FieldPanel("party_gov_badge"), FieldPanel("badge_link")], heading="党政机关网站标识"
        ),
    ]

    class Meta:
        verbose_name = "网站标识信息"
        verbose_name_plural = "网站标识信息"

    @classmethod
    def for_request(cls, request):
        """Wagtail's per-request setting, read on every public page: remembered per worker
        for the generation (saving it bumps the generation, portal/core/cache.py); each
        request gets its own copy, since Wagtail sets attributes on it."""
        from wagtail.models import Site

        from .cache import remembered

        attr = cls.get_cache_attr_name()
        if hasattr(request, attr):
            return getattr(request, attr)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = copy.copy(remembered(("site-identity", site.pk), lambda: cls.for_site(site)))
        instance._request = request
        setattr(request, attr, instance)
        return instance

    @property
    def police_number_digits(self):
        return "".join(ch for ch in self.police_number if ch.isdigit())


class PageCreation(models.Model):
    """One submission of a page creation form (its token, see portal/core/creation.py), so
    that the form submitted twice — autosave racing 保存草稿, a double click — makes one page."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "页面创建记录"
        verbose_name_plural = "页面创建记录"

    def __str__(self):
        return f"{self.token[:8]} → {self.page_id or '未完成'}"


class PagePlacement(models.Model):
    """Where an item shows, apart from its content: 置顶 (until a date), 首页头条, 首页轮播 and
    a manual order within its column (portal/core/placement.py).

    Presentation, not content: kept outside the page's revisions, so a column's editors and
    reviewers change it without a new revision and without re-review, and a change never
    publishes anything (the only publish paths stay the final approval and 强制发布). Every
    change is logged (审核发布日志)."""

    page = models.OneToOneField(
        Page,
        verbose_name="页面",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="placement",
    )
    pinned_until = models.DateField(
        "置顶截止日期",
        null=True,
        blank=True,
        help_text="在此日期之前（含当天）排在栏目列表最前；留空则不置顶。",
    )
    headline = models.BooleanField("首页头条", default=False)
    carousel = models.BooleanField("首页轮播", default=False, help_text="需有题图的新闻才会出现。")
    sort_order = models.IntegerField(
        "栏目内排序值", default=0, help_text="数字越大越靠前；默认 0，相同则按发布时间排列。"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "置顶与推荐"
        verbose_name_plural = "置顶与推荐"
        permissions = [
            ("set_page_placement", "设置置顶和栏目内排序"),
            ("feature_on_home", "设置首页头条和轮播"),
        ]

    def __str__(self):
        return f"{self.page_id} 的置顶与推荐"


class PortalSite(models.Model):
    """One portal of the platform (政府网站集约化, 国办函〔2018〕71号): a county, a city
    department or a township site, on top of Wagtail's ``Site`` (hostname and root page).

    ``key`` names the site in commands (``bootstrap_portal --site KEY``); ``group_prefix``
    prefixes the names of the site's groups, since Django's group names are unique across
    the installation (empty for the first county, whose groups keep their plain names)."""

    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name="站点", on_delete=models.CASCADE, related_name="portal"
    )
    key = models.SlugField("站点代号", max_length=40, unique=True)
    group_prefix = models.CharField("用户组前缀", max_length=60, blank=True, editable=False)
    #: the site's media collection: its units' 素材库 are below it, its admins' rights on it
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="素材库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "站群站点"
        verbose_name_plural = "站群站点"
        ordering = ["pk"]
        permissions = [("manage_platform", "管理站群平台（所有站点）")]

    def __str__(self):
        return self.site.site_name or self.key


class SiteGroup(models.Model):
    """The site a group belongs to: a person's sites are the sites of their groups."""

    group = models.OneToOneField(
        "auth.Group",
        verbose_name="用户组",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="portal_site",
    )
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="站点", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "站点用户组"
        verbose_name_plural = "站点用户组"

    def __str__(self):
        return f"{self.group} @ {self.site}"
