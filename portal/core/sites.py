"""The sites of the platform (站群, 政府网站集约化): which site a page, a group or a person
belongs to, in one place.

A site is Wagtail's ``Site`` (hostname, root page) with a ``PortalSite`` row (its key and the
prefix of its groups' names). Pages belong to the site whose root page (or a translation of
it) is their ancestor; units carry ``Unit.site``; groups are tied to a site by ``SiteGroup``.
Everything that lists or changes data on behalf of a person asks ``sites_for_user`` — by
permission (``core.manage_platform`` sees every site), never by a group's name.

Installations that predate the platform have one site and groups without a ``SiteGroup``
row: such a group belongs to the default site, so a single county keeps working unchanged.
"""

from django.db.models import Q
from wagtail.models import Page, Site

from .cache import remembered

PLATFORM_PERMISSION = "core.manage_platform"


# --- sites --------------------------------------------------------------------------------
def default_site():
    """The default site (the first county), or the first site, or None."""
    return remembered(
        ("portal-default-site",),
        lambda: Site.objects.filter(is_default_site=True).first() or Site.objects.first(),
    )


def default_site_id():
    site = default_site()
    return site.pk if site is not None else None


def site_roots():
    """[(root path, site id)], longest path first: each site's root page and the root pages
    of its translations (the English home of a site is a sibling of its Chinese home)."""

    def build():
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        keys = {s.root_page.translation_key: s.pk for s in sites}
        pairs = [(s.root_page.path, s.pk) for s in sites]
        seen = {path for path, _ in pairs}
        for path, key in Page.objects.filter(translation_key__in=keys).values_list(
            "path", "translation_key"
        ):
            if path not in seen:
                pairs.append((path, keys[key]))
        pairs.sort(key=lambda pair: -len(pair[0]))
        return pairs

    return remembered(("portal-site-roots",), build)


def site_id_for_path(path):
    for root, site_id in site_roots():
        if path.startswith(root):
            return site_id
    return None


def site_of_page(page):
    """The site a page belongs to (None for a page outside every site: the tree root, the
    回收站)."""
    site_id = site_id_for_path(page.path)
    return Site.objects.filter(pk=site_id).first() if site_id else None


def site_page_filter(site, prefix=""):
    """A ``Q`` selecting the pages of ``site`` (its tree and its translations' trees);
    ``prefix`` is the lookup path to the page ("page__" for a relation)."""
    q = Q(**{f"{prefix}pk__in": []})
    if site is None:
        return q
    roots = [root for root, site_id in site_roots() if site_id == site.pk]
    for root in roots:
        q |= Q(**{f"{prefix}path__startswith": root})
    return q


def site_by_key(key):
    from .models import PortalSite

    portal = PortalSite.objects.select_related("site").filter(key=key).first()
    return portal.site if portal else None


def site_key(site):
    from .models import PortalSite

    return PortalSite.objects.filter(site=site).values_list("key", flat=True).first() or ""


def group_prefix(site):
    from .models import PortalSite

    if site is None:
        return ""
    return PortalSite.objects.filter(site=site).values_list("group_prefix", flat=True).first() or ""


def group_name(site, base):
    """The name of one of ``site``'s groups (终审, 县财政局·编辑 …): Django's group names are
    unique in the installation, so every site but the first prefixes its own."""
    prefix = group_prefix(site)
    return f"{prefix}·{base}" if prefix else base


def site_group(site, base):
    """``site``'s group named ``base`` (终审, 站点管理员 …), created and tied to the site when
    missing; returns (group, created)."""
    from django.contrib.auth.models import Group

    group, created = Group.objects.get_or_create(name=group_name(site, base))
    tie_group(group, site)
    return group, created


def tie_group(group, site):
    """Make ``group`` one of ``site``'s groups."""
    from .models import SiteGroup

    if site is not None:
        SiteGroup.objects.update_or_create(group=group, defaults={"site": site})
    return group


# --- people -------------------------------------------------------------------------------
def is_platform_admin(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(PLATFORM_PERMISSION))
    )


def sites_for_user(user):
    """The sites ``user`` works on: every site for a platform administrator; otherwise the
    sites of their groups (a group without a site belongs to the default site)."""
    if not (user and user.is_authenticated and user.is_active):
        return Site.objects.none()
    if is_platform_admin(user):
        return Site.objects.all()
    from .models import SiteGroup

    groups = user.groups.all()
    site_ids = set(SiteGroup.objects.filter(group__in=groups).values_list("site_id", flat=True))
    if groups.exclude(portal_site__isnull=False).exists():
        default = default_site_id()
        if default:
            site_ids.add(default)
    return Site.objects.filter(pk__in=site_ids)


def site_ids_for_user(user):
    """The ids of ``sites_for_user``, remembered on the user object for the request (as
    Django remembers permissions: ``_perm_cache``), since lists ask it once per row."""
    cached = getattr(user, "_portal_site_ids", None)
    if cached is None:
        cached = frozenset(sites_for_user(user).values_list("pk", flat=True))
        if getattr(user, "pk", None):
            user._portal_site_ids = cached
    return cached


def user_may_see_site(user, site):
    return site is not None and site.pk in site_ids_for_user(user)


def groups_of_site(site):
    """The groups of ``site`` (with the untied groups, for the default site)."""
    from django.contrib.auth.models import Group

    q = Q(portal_site__site=site)
    if site.pk == default_site_id():
        q |= Q(portal_site__isnull=True)
    return Group.objects.filter(q)


def site_collection(site):
    """The media collection of ``site`` (below the root collection), created on first use;
    the root collection for an installation without a ``PortalSite`` for the site."""
    from wagtail.models import Collection

    from .models import PortalSite

    root = Collection.get_first_root_node()
    portal = PortalSite.objects.filter(site=site).first() if site is not None else None
    if portal is None:
        return root
    if portal.collection_id:
        collection = Collection.objects.filter(pk=portal.collection_id).first()
        if collection is not None:
            return collection
    name = site.site_name or portal.key
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    PortalSite.objects.filter(pk=portal.pk).update(collection=collection)
    return collection


def foreign_collections_filter(site):
    """A ``Q`` on ``collection`` selecting the media of other sites: those in or below
    another site's collection (``PortalSite.collection``). What is left is the site's own
    media and the platform's shared library (the root collection and collections no site
    owns)."""
    from wagtail.models import Collection

    from .models import PortalSite

    others = PortalSite.objects.exclude(collection=None)
    if site is not None:
        others = others.exclude(site=site)
    q = Q(pk__in=[])
    for path in Collection.objects.filter(pk__in=others.values("collection")).values_list(
        "path", flat=True
    ):
        q |= Q(collection__path__startswith=path)
    return q


def user_page_filter(user, prefix=""):
    """A ``Q`` selecting the pages of the sites ``user`` works on (nothing for nobody)."""
    from wagtail.models import Site as SiteModel

    q = Q(**{f"{prefix}pk__in": []})
    for site in SiteModel.objects.filter(pk__in=site_ids_for_user(user)):
        q |= site_page_filter(site, prefix)
    return q
