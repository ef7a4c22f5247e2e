"""Provisioning a unit: its columns, groups, permissions and media collection, once.

``provision_unit`` is idempotent: it finds what exists (by the unit's stored references, then
by stable names) and creates only what is missing, so it runs on every save of a unit and in
``bootstrap_portal`` without duplicating anything.

Permissions are granted at the unit's column roots, never per page (DESIGN §4). Editors can
add and change pages there but never publish (先审后发, DESIGN §6); the unit's reviewers can
change pages there so that they can act on the unit's review step.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from portal.core.columns import ColumnKey, FreshnessRule, StatsCategory

from .models import Unit, UnitKind

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("change_page",)
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
REVIEWER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)

PARENT_COLUMN_KEYS = {
    UnitKind.DEPARTMENT: (ColumnKey.NEWS_DEPARTMENTS, ColumnKey.DISCLOSURE_DEPARTMENTS),
    UnitKind.OFFICE: (ColumnKey.NEWS_DEPARTMENTS, ColumnKey.DISCLOSURE_DEPARTMENTS),
    UnitKind.TOWNSHIP: (ColumnKey.NEWS_TOWNSHIPS, ColumnKey.DISCLOSURE_TOWNSHIPS),
}


def get_permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def admin_access_permission():
    return get_permission("wagtailadmin", "access_admin")


def find_column(key, locale=None, site=None):
    """The column with a stable key in ``site`` (default: the default site), default
    locale unless given, or None."""
    from portal.core.sites import default_site, site_page_filter

    ColumnPage = apps.get_model("home", "ColumnPage")
    qs = ColumnPage.objects.filter(column_key=key)
    if locale is None:
        from wagtail.models import Locale

        locale = Locale.get_default()
    site = site or default_site()
    if site is not None:
        qs = qs.filter(site_page_filter(site))
    return qs.filter(locale=locale).first()


@transaction.atomic
def provision_unit(unit: Unit) -> Unit:
    collection = _ensure_collection(unit)
    editors, reviewers = _ensure_groups(unit)
    news_key, catalogue_key = PARENT_COLUMN_KEYS[unit.kind]
    news_column = _ensure_column(unit, unit.news_column_id, news_key, kind="news")
    catalogue_column = _ensure_column(
        unit, unit.catalogue_column_id, catalogue_key, kind="catalogue"
    )
    for column in (news_column, catalogue_column):
        if column is None:
            continue
        for codename in EDITOR_PAGE_PERMISSIONS:
            _grant_page(editors, column, codename)
        for codename in REVIEWER_PAGE_PERMISSIONS:
            _grant_page(reviewers, column, codename)
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        _grant_collection(editors, collection, app_label, codename)
    for app_label, codename in REVIEWER_COLLECTION_PERMISSIONS:
        _grant_collection(reviewers, collection, app_label, codename)

    changes = {
        "collection_id": collection.pk,
        "editors_group_id": editors.pk,
        "reviewers_group_id": reviewers.pk,
        "news_column_id": news_column.pk if news_column else None,
        "catalogue_column_id": catalogue_column.pk if catalogue_column else None,
    }
    changed = {k: v for k, v in changes.items() if getattr(unit, k) != v}
    if changed:
        Unit.objects.filter(pk=unit.pk).update(**changed)
        for k, v in changed.items():
            setattr(unit, k, v)
    return unit


def _ensure_collection(unit):
    if unit.collection_id:
        collection = Collection.objects.filter(pk=unit.collection_id).first()
        if collection:
            return collection
    from portal.core.sites import site_collection

    root = site_collection(unit.site)
    existing = root.get_children().filter(name=unit.name).first()
    return existing or root.add_child(name=unit.name)


def _ensure_group(group_id, name, site):
    from portal.core.sites import tie_group

    group = Group.objects.filter(pk=group_id).first() if group_id else None
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(admin_access_permission())
    return tie_group(group, site)


def _ensure_groups(unit):
    editors = _ensure_group(unit.editors_group_id, unit.editors_group_name, unit.site)
    reviewers = _ensure_group(unit.reviewers_group_id, unit.reviewers_group_name, unit.site)
    # 置顶 and the order within the unit's columns: a presentation choice of the column's
    # editors and reviewers, without re-review (portal/desk/placement.py)
    placement = Permission.objects.filter(
        content_type__app_label="core", codename="set_page_placement"
    ).first()
    if placement is not None:
        editors.permissions.add(placement)
        reviewers.permissions.add(placement)
    return editors, reviewers


def _ensure_column(unit, column_id, parent_key, kind):
    ColumnPage = apps.get_model("home", "ColumnPage")
    if column_id:
        column = ColumnPage.objects.filter(pk=column_id).first()
        if column:
            return column
    parent = find_column(parent_key, site=unit.site)
    if parent is None:  # the tree is not built yet; bootstrap_portal provisions again later
        return None
    existing = parent.get_children().type(ColumnPage).filter(slug=unit.slug).first()
    if existing:
        return existing.specific
    if kind == "news":
        column = ColumnPage(
            title=unit.name,
            slug=unit.slug,
            unit=unit,
            stats_category=StatsCategory.NEWS,
            stats_label=parent.stats_label,
            freshness_rule=FreshnessRule.NEWS,
            content_kind="news",
        )
    else:
        column = ColumnPage(
            title=unit.name,
            slug=unit.slug,
            unit=unit,
            stats_category=StatsCategory.CATALOGUE,
            stats_label=parent.stats_label,
            freshness_rule=FreshnessRule.NONE,
            content_kind="catalogue",
        )
    parent.add_child(instance=column)
    column.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)
    return column


def _grant_page(group, page, codename):
    GroupPagePermission.objects.get_or_create(
        group=group, page_id=page.pk, permission=get_permission("wagtailcore", codename)
    )


def _grant_collection(group, collection, app_label, codename):
    GroupCollectionPermission.objects.get_or_create(
        group=group, collection=collection, permission=get_permission(app_label, codename)
    )


# --- membership ---------------------------------------------------------------------------
MEMBER_PAGE_PERMISSIONS = ("add_page", "change_page")


def units_for_user(user):
    """The units a user works for, from their page permissions (never group names): a unit is
    theirs when they may add or change pages in a column the unit owns (its 动态/信息公开目录
    columns, and for 县政府办 the county columns). Superusers and users granted the whole tree
    (site admins, county reviewers) therefore get every unit."""
    if not (user and user.is_authenticated and user.is_active):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    ColumnPage = apps.get_model("home", "ColumnPage")
    granted_paths = set(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=MEMBER_PAGE_PERMISSIONS
        ).values_list("page__path", flat=True)
    )
    if not granted_paths:
        return Unit.objects.none()
    from django.db.models import Q

    under = Q()
    for path in granted_paths:
        under |= Q(path__startswith=path)
    unit_ids = ColumnPage.objects.filter(under, unit__isnull=False).values("unit_id")
    return Unit.objects.filter(pk__in=unit_ids)


def may_assign_unit(user, unit):
    """Whether ``user`` may make ``unit`` the 所属单位 of a page (issue: choosing another unit
    would reroute 本单位审核, take its 索引号 serial and its statistics)."""
    if unit is None:
        return True
    return units_for_user(user).filter(pk=unit.pk).exists()
