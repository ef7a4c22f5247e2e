"""Building the portal's default structure, idempotently (``manage.py bootstrap_portal``).

With ``site_key`` (``--site KEY --hostname HOST --name NAME``) it builds or updates one site
of the platform (站群) next to the others: its own home page, Site, column tree, units, groups
(named with the site's prefix), workflow, media collection and identity. Without it, it builds
the installation's first county on the default site, as a single-county portal always did.

Order: locales → home page and site → column tree → units (each provisions its columns,
groups and permissions) → county-wide groups → site identity. Every step looks for what
exists first and creates only what is missing; nothing existing is overwritten, so running it
twice changes nothing and admins' later edits survive.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal.core.cache import bump_generation
from portal.core.columns import StatsCategory
from portal.core.models import SiteIdentity
from portal.core.progress import Progress
from portal.core.roles import FINAL_REVIEWERS, PLATFORM_ADMINS, SECRECY_REVIEWERS, SITE_ADMINS
from portal.core.sites import site_collection, site_group
from portal.units.models import Unit, UnitKind
from portal.units.services import (
    admin_access_permission,
    get_permission,
    provision_unit,
)
from portal.units.signals import provisioning_deferred

from .column_tree import DEFAULT_TREE, HOME_PAGES
from .models import ColumnPage, HomePage

STAGES = 6
UNITS_FILE = Path(settings.BASE_DIR) / "portal" / "units" / "data" / "units.json"
#: the key of the first county (the default site) in ``--site`` and the platform desk
DEFAULT_SITE_KEY = "rongjiang"


def place_name(site_name):
    """从江县人民政府 → 从江; 凯里市人民政府 → 凯里; 黔东南州人民政府 → 黔东南州."""
    name = site_name
    for suffix in ("人民政府办公室", "人民政府", "政府"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if len(name) > 2 and name[-1] in "县市区":
        name = name[:-1]
    return name or site_name


class BootstrapError(Exception):
    """A request ``bootstrap_portal`` cannot carry out; the message is for the person."""


DEFAULT_IDENTITY = {
    "site_name": "榕江县人民政府",
    "site_code": "5226320001",
    "icp_number": "黔ICP备16003252号",
    "police_number": "贵公网安备 52263202522634号",
    "sponsor": "榕江县人民政府",
    "organizer": "榕江县人民政府办公室",
    "address": "贵州省黔东南苗族侗族自治州榕江县古州镇",
    "phone": "0855-6612000",
    "postcode": "557200",
}

SITE_ADMIN_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
SITE_ADMIN_MODEL_PERMISSIONS = (
    ("units", "add_unit"),
    ("units", "change_unit"),
    ("units", "view_unit"),
    ("units", "assign_roles"),
    ("core", "change_siteidentity"),
    ("statistics", "view_statistics"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    # column operations (portal/desk): 置顶与推荐, batch move/copy/撤稿, the 回收站
    ("core", "set_page_placement"),
    ("core", "feature_on_home"),
    ("desk", "batch_pages"),
    ("desk", "manage_recycle_bin"),
    # 站群: a site's administrator manages the people of its own groups (portal/core/site_admin)
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_user"),
    # the site's own search settings (search/wagtail_hooks.py: its rows only)
    ("portal_search", "add_searchterm"),
    ("portal_search", "change_searchterm"),
    ("portal_search", "delete_searchterm"),
    ("portal_search", "add_synonym"),
    ("portal_search", "change_synonym"),
    ("portal_search", "delete_synonym"),
    ("portal_search", "add_approvedsearchterm"),
    ("portal_search", "change_approvedsearchterm"),
    ("portal_search", "delete_approvedsearchterm"),
    ("portal_search", "add_hiddensearchterm"),
    ("portal_search", "change_hiddensearchterm"),
    ("portal_search", "delete_hiddensearchterm"),
)
#: the final reviewers choose what the home page features (首页头条, 轮播)
FINAL_REVIEWER_MODEL_PERMISSIONS = (
    ("core", "set_page_placement"),
    ("core", "feature_on_home"),
    # 信息推送: the site's 终审 decides what other sites' items it carries (portal/platform)
    ("platform_desk", "accept_push"),
)


class Bootstrapper:
    def __init__(
        self,
        stdout=None,
        units_file=UNITS_FILE,
        progress_stream=None,
        site_key=None,
        hostname=None,
        name=None,
        identity=None,
    ):
        self.stdout = stdout
        #: stage lines and counts go here (the command's stderr); None keeps quiet
        self.progress_stream = progress_stream
        #: a platform site (``--site``) gets only the units of its own file
        if site_key and units_file is UNITS_FILE:
            units_file = None
        self.units_file = Path(units_file) if units_file else None
        self.site_key = site_key
        self.hostname = hostname
        self.name = name
        #: identity values for a new site's footer (SiteIdentity fields)
        self.identity = identity or {}
        self.site = None
        self.created = []

    def log(self, message):
        self.created.append(message)
        if self.stdout is not None:
            self.stdout.write(message)

    def stage(self, number, label):
        if self.progress_stream is not None:
            self.progress_stream.write(f"[{number}/{STAGES}] {label}\n")
            self.progress_stream.flush()

    @transaction.atomic
    def run(self):
        from portal.participation.setup import ensure_participation
        from portal.review.setup import ensure_default_workflow

        self.stage(1, "语言、首页和站点")
        self.ensure_locales()
        home = self.ensure_home()
        self.stage(2, "单位")
        with provisioning_deferred():  # their columns need the tree: provisioned in stage 4
            office = self.ensure_units()
        self.stage(3, "栏目树")
        self.ensure_tree(home, DEFAULT_TREE, office)
        self.ensure_standing_pages(home, HOME_PAGES)
        units = list(Unit.objects.filter(site=self.site))
        progress = Progress(
            "[4/6] 单位栏目、用户组和权限", len(units), self.progress_stream or False
        )
        for unit in units:
            provision_unit(unit)
            progress.step()
        progress.done()
        if office is not None:
            office.refresh_from_db()  # provisioning gave it its groups
        self.stage(5, "县级用户组、审核流程和互动交流用户组")
        self.grant_office_columns(office)
        self.ensure_county_groups(home)
        ensure_default_workflow(home, site=self.site)
        ensure_participation(home, log=self.log, site=self.site)
        self.ensure_platform_admins()
        self.stage(6, "网站标识")
        self.ensure_identity(home)
        try:  # the home page was published before its Site existed: give its log the site
            from portal.statistics.recorder import assign_missing_sites
        except ImportError:  # pragma: no cover - statistics not installed
            pass
        else:
            assign_missing_sites()
        bump_generation()  # cached menus never outlive a rebuilt tree
        return home

    # --- steps -----------------------------------------------------------------------------
    def ensure_locales(self):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            _, created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.log(f"创建语言 {code}")

    def ensure_roots(self):
        """The tree and collection roots Wagtail's migrations create (gone after a flush)."""
        from wagtail.models import Collection

        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root", locale=Locale.get_default(), live=True)
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")

    def ensure_home(self):
        self.ensure_roots()
        if self.site_key and self.site_key != DEFAULT_SITE_KEY:
            return self.ensure_platform_site()
        home = self.ensure_default_home()
        self.ensure_portal_site(self.site, DEFAULT_SITE_KEY, prefix="")
        return home

    def ensure_portal_site(self, site, key, prefix):
        from portal.core.models import PortalSite

        portal = PortalSite.objects.filter(site=site).first()
        if portal is None:
            if PortalSite.objects.filter(key=key).exists():
                raise BootstrapError(f"站点代号“{key}”已被其他站点使用。")
            portal = PortalSite.objects.create(site=site, key=key, group_prefix=prefix)
            self.log(f"登记站群站点 {key}")
        return portal

    def ensure_platform_site(self):
        """One site of the platform by its key: created with its home page and Site, or
        updated (hostname, name) when it exists."""
        from portal.core.models import PortalSite

        portal = PortalSite.objects.select_related("site").filter(key=self.site_key).first()
        if portal is not None:
            site = portal.site
            changed = False
            if self.hostname and site.hostname != self.hostname:
                self._check_hostname(self.hostname, site)
                site.hostname = self.hostname
                changed = True
            if self.name and site.site_name != self.name:
                site.site_name = self.name
                changed = True
            if changed:
                site.save()
                self.log(f"更新站点 {self.site_key}")
            self.site = site
            return site.root_page.specific
        if not (self.hostname and self.name):
            raise BootstrapError(
                f"站点“{self.site_key}”尚不存在：新建站点需要同时给出 --hostname 和 --name。"
            )
        self._check_hostname(self.hostname, None)
        root = Page.get_first_root_node()
        if root.get_children().filter(slug=self.site_key).exists():
            raise BootstrapError(f"根页面下已有路径名为“{self.site_key}”的页面。")
        home = HomePage(
            title=self.name, slug=self.site_key, show_in_menus=False, locale=Locale.get_default()
        )
        root.add_child(instance=home)
        home.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)
        site = Site.objects.create(
            hostname=self.hostname,
            port=80,
            root_page=home,
            is_default_site=False,
            site_name=self.name,
        )
        self.log(f"创建站点 {self.name}（{self.hostname}）")
        self.site = site
        self.ensure_portal_site(site, self.site_key, prefix=self.name)
        return home

    def _check_hostname(self, hostname, site):
        others = Site.objects.filter(hostname=hostname, port=80)
        if site is not None:
            others = others.exclude(pk=site.pk)
        if others.exists():
            raise BootstrapError(f"主机名“{hostname}”已被站点“{others.first().site_name}”使用。")

    def ensure_default_home(self):
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            root = Page.get_first_root_node()
            # the placeholder page Wagtail's first migration creates
            for page in root.get_children().filter(
                content_type__model="page", content_type__app_label="wagtailcore"
            ):
                Site.objects.filter(root_page=page).delete()
                page.delete()
            home = HomePage(
                title="榕江县人民政府",
                slug="home",
                show_in_menus=False,
                locale=Locale.get_default(),
            )
            root.add_child(instance=home)
            home.save_revision(log_action=False).publish(
                log_action=False, skip_permission_checks=True
            )
            self.log("创建首页")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="榕江县人民政府",
            )
            self.log("创建站点")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or "榕江县人民政府"
            site.save()
        self.site = Site.objects.get(is_default_site=True)
        return home

    def ensure_units(self):
        data = (
            json.loads(self.units_file.read_text(encoding="utf-8"))
            if self.units_file
            else {"units": []}
        )
        for entry in data["units"]:
            existing = Unit.objects.filter(code=entry["code"]).select_related("site").first()
            if existing is not None:
                if existing.site_id != self.site.pk:
                    raise BootstrapError(
                        f"统一社会信用代码 {entry['code']}（{entry['name']}）已属于站点"
                        f"“{existing.site.site_name}”的单位“{existing.name}”。"
                    )
                continue
            unit = Unit(site=self.site, **entry)
            unit.full_clean()
            unit.save()
            self.log(f"创建单位 {unit.name}")
        return (
            Unit.objects.filter(site=self.site, kind=UnitKind.OFFICE)
            .order_by("sort_order", "pk")
            .first()
        )

    def ensure_tree(self, parent, nodes, office, inherited_category=StatsCategory.OTHER):
        for node in nodes:
            category = node["category"] or inherited_category
            existing = None
            if node["key"]:
                existing = ColumnPage.objects.filter(
                    column_key=node["key"],
                    locale=parent.locale,
                    path__startswith=parent.path,
                ).first()
            if existing is None:
                existing = parent.get_children().type(ColumnPage).filter(slug=node["slug"]).first()
                existing = existing.specific if existing else None
            if existing is None:
                column = ColumnPage(
                    title=self.local_title(node["title"]),
                    slug=node["slug"],
                    column_key=node["key"],
                    content_kind=node["kind"],
                    stats_category=category,
                    stats_label=node["label"],
                    freshness_rule=node["freshness"],
                    show_on_home=node["home"],
                    home_order=node["home_order"],
                    show_in_menus=node["menu"],
                    unit=office if node["owner"] == "office" else None,
                )
                parent.add_child(instance=column)
                column.save_revision(log_action=False).publish(
                    log_action=False, skip_permission_checks=True
                )
                self.log(f"创建栏目 {column.title}")
                existing = column
            self.ensure_standing_pages(existing, node.get("pages", ()))
            self.ensure_tree(existing, node["children"], office, category)

    #: the place name in the default tree's titles (走进榕江, 榕江要闻)
    TREE_PLACE = "榕江"

    def local_title(self, title):
        """A default column title for this site: 走进从江 on 从江县人民政府's site."""
        if not (self.site_key and self.site_key != DEFAULT_SITE_KEY):
            return title
        return title.replace(self.TREE_PLACE, place_name(self.site.site_name))

    def ensure_standing_pages(self, column, specs):
        """The standing pages of a column (机构设置, 领导之窗, 办事指南 …), once each: a page of
        that type (or with that slug) already in the column is left as it is."""
        from django.apps import apps

        for spec in specs:
            try:
                model = apps.get_model(spec["model"])
            except LookupError:  # the page app is not installed
                continue
            fields = spec.get("fields", {})
            same = model.objects.child_of(column).filter(**fields)
            if same.exists() or column.get_children().filter(slug=spec["slug"]).exists():
                continue
            title = spec["title"].format(site_name=self.site.site_name or "县人民政府")
            page = model(title=title, slug=spec["slug"], locale=column.locale, **fields)
            if spec.get("intro"):
                page.intro = spec["intro"]
            column.add_child(instance=page)
            page.save_revision(log_action=False).publish(
                log_action=False, skip_permission_checks=True
            )
            self.log(f"创建页面 {page.title}")
            if spec.get("link_from"):
                self.link_from_column(column, spec["link_from"], page, spec["link_text"])

    def link_from_column(self, below, key, page, text):
        """A link to ``page`` as the introduction of the column ``key``, if it has none yet
        (an introduction an admin wrote is never overwritten)."""
        column = ColumnPage.objects.filter(
            column_key=key, locale=below.locale, path__startswith=below.path
        ).first()
        if column is None or column.intro.strip():
            return
        column.intro = f'<p><a linktype="page" id="{page.pk}">{text}</a></p>'
        column.save_revision(log_action=False).publish(
            log_action=False, skip_permission_checks=True
        )

    def grant_office_columns(self, office):
        """The county office's groups work in the county-level columns it owns."""
        if office is None:
            return
        from wagtail.models import GroupPagePermission

        for column in ColumnPage.objects.filter(unit=office, locale=Locale.get_default()):
            # grant at the highest owned column only; permissions inherit downwards
            parent = column.get_parent().specific
            if getattr(parent, "unit_id", None) == office.pk:
                continue
            for group, codenames in (
                (office.editors_group, ("add_page", "change_page")),
                (office.reviewers_group, ("change_page",)),
            ):
                if group is None:
                    continue
                for codename in codenames:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=column, permission=get_permission("wagtailcore", codename)
                    )

    def remove_wagtail_default_groups(self):
        """Wagtail's first migrations create "Editors" and "Moderators" with add/publish
        rights on the whole tree; that would bypass units and 先审后发. Remove them while
        nobody is in them."""
        for name in ("Editors", "Moderators"):
            group = Group.objects.filter(name=name).first()
            if group is not None and not group.user_set.exists():
                group.delete()
                self.log(f"删除 Wagtail 默认用户组 {name}")

    def ensure_county_groups(self, home):
        from wagtail.models import GroupPagePermission

        self.remove_wagtail_default_groups()

        access = admin_access_permission()
        for base in (SECRECY_REVIEWERS, FINAL_REVIEWERS):
            group, created = site_group(self.site, base)
            name = group.name
            group.permissions.add(access)
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=get_permission("wagtailcore", "change_page")
            )
            if created:
                self.log(f"创建用户组 {name}")
            if base == FINAL_REVIEWERS:
                for app_label, codename in FINAL_REVIEWER_MODEL_PERMISSIONS:
                    group.permissions.add(get_permission(app_label, codename))
        admins, created = site_group(self.site, SITE_ADMINS)
        admins_name = admins.name
        admins.permissions.add(access)
        for app_label, codename in SITE_ADMIN_MODEL_PERMISSIONS:
            admins.permissions.add(get_permission(app_label, codename))
        for codename in SITE_ADMIN_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=admins, page=home, permission=get_permission("wagtailcore", codename)
            )
        from wagtail.models import GroupCollectionPermission

        root_collection = site_collection(self.site)
        for app_label, codename in SITE_ADMIN_MODEL_PERMISSIONS:
            if app_label in ("wagtailimages", "wagtaildocs"):
                GroupCollectionPermission.objects.get_or_create(
                    group=admins,
                    collection=root_collection,
                    permission=get_permission(app_label, codename),
                )
        if created:
            self.log(f"创建用户组 {admins_name}")

    def ensure_platform_admins(self):
        """平台管理员: what a site administrator may do, on every site (page and collection
        rights at the roots of the tree), plus creating sites and the platform-wide rules
        (``core.manage_platform``)."""
        from django.contrib.auth.models import Permission
        from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

        from portal.review.setup import (
            INSPECTION_PERMISSIONS,
            SITE_ADMIN_PERMISSIONS,
            WITHDRAW_PERMISSIONS,
        )

        group, created = Group.objects.get_or_create(name=PLATFORM_ADMINS)
        wanted = (
            (("core", "manage_platform"), ("wagtailadmin", "access_admin"))
            + SITE_ADMIN_MODEL_PERMISSIONS
            + SITE_ADMIN_PERMISSIONS
            + WITHDRAW_PERMISSIONS
            + INSPECTION_PERMISSIONS
            + (
                ("participation", "handle_application"),
                ("participation", "handle_message"),
                ("platform_desk", "accept_push"),
                ("auth", "add_user"),
                ("auth", "change_user"),
                ("auth", "view_user"),
                ("auth", "add_group"),
                ("auth", "change_group"),
                ("wagtailcore", "add_site"),
                ("wagtailcore", "change_site"),
            )
        )
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        root = Page.get_first_root_node()
        for codename in SITE_ADMIN_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=get_permission("wagtailcore", codename)
            )
        root_collection = Collection.get_first_root_node()
        for app_label, codename in SITE_ADMIN_MODEL_PERMISSIONS:
            if app_label in ("wagtailimages", "wagtaildocs"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(app_label, codename),
                )
        if created:
            self.log(f"创建用户组 {PLATFORM_ADMINS}")

    def ensure_identity(self, home):
        site = self.site
        identity = SiteIdentity.for_site(site)
        changed = False
        if self.site_key and self.site_key != DEFAULT_SITE_KEY:
            values = {"site_name": site.site_name, "sponsor": site.site_name, **self.identity}
            # a new site's footer names the site, not the first county (the field's default)
            default_name = SiteIdentity._meta.get_field("site_name").get_default()
            if identity.site_name == default_name != values["site_name"]:
                identity.site_name = values["site_name"]
                changed = True
        else:
            values = {**DEFAULT_IDENTITY, **self.identity}
        for field, value in values.items():
            if not getattr(identity, field):
                setattr(identity, field, value)
                changed = True
        if changed:
            identity.save()
            self.log("写入网站标识信息")
