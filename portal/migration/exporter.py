"""``manage.py export_site``: write a bundle (see bundle.py and docs/migration.md)."""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from .bundle import MANIFEST, SCHEMA_VERSION, JsonlWriter, Progress, copy_with_hash, dumps
from .codec import EXCLUDED_APPS, Encoder, encode_datetime, field_plan, model_label

MEDIA_EXCLUDE = ("file", "uploaded_by_user")


def exportable(model):
    return model._meta.app_label not in EXCLUDED_APPS and not getattr(
        model, "migration_exclude", False
    )


#: plain models exported like snippets although not registered as snippets: figures
#: entered by hand for the annual reports (政府网站工作年度报表; 年报表四 复议诉讼记录), and
#: the 撤稿 records, so that a withdrawn URL still answers 410 with its public notice on the
#: new platform (the user who withdrew is not written: no account leaves the site). These
#: are also the importer's allow-list (``Importer.check_models``): add here deliberately.
EXTRA_MODELS = (
    "statistics.AnnualFormInput",
    "statistics.ReviewLitigationRecord",
    "review.WithdrawnPage",
)


def snippet_models():
    from wagtail.snippets.models import get_snippet_models

    models = [
        m
        for m in get_snippet_models()
        if exportable(m) and model_label(m) != "units.unit" and not issubclass(m, Page)
    ]
    for label in EXTRA_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if model not in models and exportable(model):
            models.append(model)
    return models


def setting_models():
    from wagtail.contrib.settings.registry import registry

    return [m for m in registry if exportable(m)]


def source_identity(site=None):
    """The exporting site's identity (SiteIdentity of ``site`` or the default site, 网站标识码
    first)."""
    from portal.core.models import SiteIdentity

    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    identity = {"site_name": "", "site_code": "", "hostname": "", "port": 80, "root_url": ""}
    if site is not None:
        identity.update(hostname=site.hostname, port=site.port, root_url=site.root_url)
        record = SiteIdentity.objects.filter(site=site).first()
        if record is not None:
            for field in (
                "site_name",
                "site_code",
                "icp_number",
                "police_number",
                "sponsor",
                "organizer",
            ):
                identity[field] = getattr(record, field)
        identity["site_name"] = identity["site_name"] or site.site_name
    identity["id"] = identity.get("site_code") or f"{identity['hostname']}:{identity['port']}"
    return identity


class Exporter:
    def __init__(self, directory, since=None, stdout=None, progress_stream=None, site=None):
        self.root = Path(directory)
        #: 站群: export one site of the platform (its pages, units, media, settings …)
        self.site = site
        self.since = since
        self.stdout = stdout
        self.progress_stream = progress_stream
        self.encoder = Encoder()
        self.files = []
        self.counts = {}
        self.referenced = {"image": set(), "document": set()}
        self._parents = {}

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # --- entry point -------------------------------------------------------------------------
    def run(self):
        if self.root.exists() and any(self.root.iterdir()):
            raise FileExistsError(f"目录 {self.root} 不是空目录，请指定新目录")
        self.root.mkdir(parents=True, exist_ok=True)
        self.encoder.preload_page_keys()
        started = timezone.now()
        self.export_locales()
        self.export_collections()
        self.export_units()
        self.export_pages()  # before media: an incremental bundle carries what pages use
        self.export_media("images", get_image_model())
        self.export_media("documents", get_document_model())
        self.export_snippets()
        self.export_sites()
        self.export_settings()
        self.export_redirects()
        self.export_sequences()
        export_publication_events(self)
        manifest = {
            "format": "county-portal-migration-bundle",
            "schema_version": SCHEMA_VERSION,
            "exported_at": encode_datetime(started),
            "since": encode_datetime(self.since) if self.since else None,
            "incremental": self.since is not None,
            "source": source_identity(self.site),
            "counts": self.counts,
            "files": self.files,
        }
        (self.root / MANIFEST).write_text(dumps(manifest) + "\n", encoding="utf-8")
        self.log(
            f"导出完成：{self.root}（{sum(self.counts.values())} 条记录，{len(self.files)} 个文件）"
        )
        return manifest

    # --- helpers -----------------------------------------------------------------------------
    def stream(self, name):
        return JsonlWriter(self.root, name)

    def finish(self, writer, name):
        self.files.append(writer.close())
        self.counts[name] = writer.count

    def changed_since(self, qs, *fields):
        if self.since is None:
            return qs
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__gte": self.since})
        return qs.filter(condition)

    # --- one site of the platform ---------------------------------------------------------
    def scoped_units(self, qs):
        return qs if self.site is None else qs.filter(site=self.site)

    def scoped_collections(self, qs):
        """Every collection but those below another site's own collection."""
        if self.site is None:
            return qs
        from portal.core.models import PortalSite

        for other in PortalSite.objects.exclude(site=self.site).exclude(collection=None):
            qs = qs.exclude(path__startswith=other.collection.path)
        return qs

    # --- streams -----------------------------------------------------------------------------
    def export_locales(self):
        writer = self.stream("locales")
        for locale in Locale.objects.order_by("pk"):
            writer.write({"language_code": locale.language_code})
        self.finish(writer, "locales")

    def export_collections(self):
        writer = self.stream("collections")
        for collection in self.scoped_collections(Collection.objects.order_by("path")):
            parent = collection.get_parent() if collection.depth > 1 else None
            writer.write(
                {
                    "key": f"collection:{collection.pk}",
                    "name": collection.name,
                    "parent": f"collection:{parent.pk}" if parent else None,
                }
            )
        self.finish(writer, "collections")

    def export_units(self):
        from portal.units.models import Unit

        writer = self.stream("units")
        specs = field_plan(Unit)
        for unit in self.scoped_units(Unit.objects.order_by("pk")):
            writer.write(
                {"key": f"unit:{unit.code}", "fields": self.encoder.encode_fields(unit, specs)}
            )
        self.finish(writer, "units")

    def export_pages(self):
        writer = self.stream("pages")
        qs = Page.objects.filter(depth__gt=1).order_by("path")
        from wagtail import hooks

        # subtrees that are not the site's content (the 回收站, portal/desk) stay behind
        for excluded_paths in hooks.get_hooks("portal_export_excluded_paths"):
            for path in excluded_paths():
                qs = qs.exclude(path__startswith=path)
        if self.site is not None:
            from portal.core.sites import site_page_filter

            qs = qs.filter(site_page_filter(self.site))
        qs = self.changed_since(
            qs, "last_published_at", "latest_revision_created_at", "first_published_at"
        )
        from wagtail.models import PageViewRestriction

        self.restricted = set(PageViewRestriction.objects.values_list("page_id", flat=True))
        progress = Progress("导出页面", qs.count(), self.progress_stream)
        root_paths = _SiteRootPaths()
        for page in qs.specific().iterator(chunk_size=200):
            writer.write(self.page_record(page, root_paths))
            progress.step()
        progress.done()
        self.finish(writer, "pages")

    def page_record(self, page, root_paths):
        model = type(page)
        specs = field_plan(model)
        content = page
        if not page.live and page.latest_revision_id:
            content = page.latest_revision.as_object()
        fields = self.encoder.encode_fields(content, specs)
        self.collect_references(fields)
        parent_key = None
        if page.depth > 2:
            parent_key = self.encoder.page_key(self.parent_pk(page))
        url = root_paths.url(page)
        unit = page.get_owner_unit() if hasattr(page, "get_owner_unit") else None
        record = {
            "key": self.encoder.page_key(page.pk),
            "type": model_label(model),
            "locale": page.locale.language_code,
            "translation_key": str(page.translation_key),
            "parent": parent_key,
            "slug": page.slug,
            "title": page.title,
            "url_path": page.url_path,
            "url": url,
            "live": page.live,
            "first_published_at": encode_datetime(page.first_published_at),
            "last_published_at": encode_datetime(page.last_published_at),
            "owner_unit": f"unit:{unit.code}" if unit is not None else None,
            "index_number": getattr(page, "index_number", None),
            "fields": fields,
        }
        if page.pk in self.restricted:
            record["view_restrictions"] = view_restrictions(page.pk)
        if page.live and page.has_unpublished_changes and page.latest_revision_id:
            draft = page.latest_revision.as_object()
            record["draft"] = self.encoder.encode_fields(draft, specs)
            record["draft"]["title"] = draft.title
            self.collect_references(record["draft"])
        return record

    def parent_pk(self, page):
        """The parent's id from the tree path (consecutive pages share parents: cached)."""
        parent_path = page.path[: -Page.steplen]
        if parent_path not in self._parents:
            if len(self._parents) > 5000:
                self._parents.clear()
            self._parents[parent_path] = (
                Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
            )
        return self._parents[parent_path]

    def collect_references(self, value):
        """Remember the images and documents pages use (an incremental bundle carries them)."""
        if self.since is None:
            return
        if isinstance(value, dict):
            for v in value.values():
                self.collect_references(v)
        elif isinstance(value, list):
            for v in value:
                self.collect_references(v)
        elif isinstance(value, str):
            for kind in ("image", "document"):
                if value.startswith(kind + ":"):
                    self.referenced[kind].add(value)
                elif f'id="{kind}:' in value:
                    import re

                    for pk in re.findall(rf'id="{kind}:(\d+)"', value):
                        self.referenced[kind].add(f"{kind}:{pk}")

    def export_media(self, name, model):
        kind = name[:-1]
        writer = self.stream(name)
        qs = model.objects.order_by("pk")
        if self.site is not None:
            qs = qs.filter(collection__in=self.scoped_collections(Collection.objects.all()))
        if self.since is not None:
            wanted = [int(r.split(":")[1]) for r in self.referenced[kind]]
            qs = qs.filter(Q(created_at__gte=self.since) | Q(pk__in=wanted))
        specs = field_plan(model, exclude=MEDIA_EXCLUDE)
        progress = Progress(
            f"导出{'图片' if kind == 'image' else '文档'}", qs.count(), self.progress_stream
        )
        for obj in qs.iterator(chunk_size=200):
            original = Path(obj.file.name).name
            relpath = f"files/{name}/{obj.pk}/{original}"
            with obj.file.open("rb") as fh:
                sha, size = copy_with_hash(fh, self.root / relpath)
            self.files.append({"path": relpath, "sha256": sha, "size": size})
            writer.write(
                {
                    "key": f"{kind}:{obj.pk}",
                    "file": relpath,
                    "filename": original,
                    "sha256": sha,
                    "size": size,
                    "fields": self.encoder.encode_fields(obj, specs),
                }
            )
            progress.step()
        progress.done()
        self.finish(writer, name)

    def export_snippets(self):
        writer = self.stream("snippets")
        for model in snippet_models():
            specs = field_plan(model)
            for obj in model.objects.order_by("pk").iterator(chunk_size=200):
                writer.write(
                    {
                        "model": model_label(model),
                        "key": self.encoder.ref(model, obj.pk),
                        "fields": self.encoder.encode_fields(obj, specs),
                    }
                )
        self.finish(writer, "snippets")

    def export_sites(self):
        writer = self.stream("sites")
        sites = Site.objects.order_by("pk")
        if self.site is not None:
            sites = sites.filter(pk=self.site.pk)
        for site in sites:
            writer.write(
                {
                    "key": f"site:{site.hostname}:{site.port}",
                    "hostname": site.hostname,
                    "port": site.port,
                    "site_name": site.site_name,
                    "root_page": self.encoder.page_key(site.root_page_id),
                    "is_default_site": site.is_default_site,
                }
            )
        self.finish(writer, "sites")

    def export_settings(self):
        writer = self.stream("settings")
        for model in setting_models():
            specs = field_plan(model)
            objects = model.objects.order_by("pk")
            if self.site is not None and any(f.name == "site" for f in model._meta.fields):
                objects = objects.filter(site=self.site)
            for obj in objects:
                writer.write(
                    {"model": model_label(model), "fields": self.encoder.encode_fields(obj, specs)}
                )
        self.finish(writer, "settings")

    def export_redirects(self):
        writer = self.stream("redirects")
        specs = field_plan(Redirect)
        redirects = Redirect.objects.order_by("pk")
        if self.site is not None:
            redirects = redirects.filter(Q(site=self.site) | Q(site__isnull=True))
        for redirect in redirects.iterator(chunk_size=500):
            writer.write({"fields": self.encoder.encode_fields(redirect, specs)})
        self.finish(writer, "redirects")

    def export_sequences(self):
        writer = self.stream("sequences")
        try:
            model = apps.get_model("disclosure_catalog", "IndexNumberSequence")
        except LookupError:  # pragma: no cover
            model = None
        if model is not None:
            sequences = model.objects.order_by("prefix", "year")
            if self.site is not None:
                from portal.units.models import Unit

                codes = [u.index_prefix for u in self.scoped_units(Unit.objects.all())]
                sequences = sequences.filter(prefix__in=codes)
            for seq in sequences:
                writer.write(
                    {"prefix": seq.prefix, "year": seq.year, "last_serial": seq.last_serial}
                )
        self.finish(writer, "sequences")


def _statistics_log():
    try:
        return apps.get_model("statistics", "PublicationEvent")
    except LookupError:
        return None


def view_restrictions(page_id):
    """A page's view restrictions (private pages stay private on the target platform)."""
    from wagtail.models import PageViewRestriction

    return sorted(
        (
            {
                "restriction_type": r.restriction_type,
                "password": r.password,
                "groups": sorted(g.name for g in r.groups.all()),
            }
            for r in PageViewRestriction.objects.filter(page_id=page_id)
        ),
        key=lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False),
    )


def export_publication_events(self):
    """The statistics publication log, so that every year's figures survive the move
    (pages deleted long ago still count in the years they were published)."""
    writer = self.stream("publication_events")
    model = _statistics_log()
    if model is not None:
        qs = model.objects.order_by("at", "id")
        if self.since is not None:
            qs = qs.filter(at__gte=self.since)
        if self.site is not None:
            if any(f.name == "site_id" for f in model._meta.get_fields()):
                qs = qs.filter(site_id=self.site.pk)
            else:
                from portal.units.models import Unit

                qs = qs.filter(unit_id__in=Unit.objects.filter(site=self.site).values("pk"))

        def page_ref(pk):
            if not pk:
                return None
            return self.encoder.page_key(pk) or f"deleted:{pk}"

        from portal.units.models import Unit

        units = dict(Unit.objects.values_list("pk", "code"))
        for row in qs.values().iterator(chunk_size=2000):
            writer.write(
                {
                    "page": page_ref(row["page_id"]) or "deleted:0",
                    "event": row["event"],
                    "at": encode_datetime(row["at"]),
                    "day": row["day"].isoformat(),
                    "column": page_ref(row["column_id"]),
                    "unit": f"unit:{units[row['unit_id']]}" if row["unit_id"] in units else None,
                    "category": row["category"],
                    "label": row["label"],
                    "page_kind": row["page_kind"],
                    "subkind": row["subkind"],
                    "first_publication": row["first_publication"],
                    "historical": row["historical"],
                    "delta": row["delta"],
                    "title": row["title"],
                }
            )
    self.finish(writer, "publication_events")


class _SiteRootPaths:
    """Full URLs without a request: one lookup of the site roots for the whole export."""

    def __init__(self):
        # read from this database, not from a cache another process may have filled
        Site.clear_site_root_paths_cache()
        self._wagtail_cached_site_root_paths = Site.get_site_root_paths()

    def url(self, page):
        parts = page.get_url_parts(request=self)
        if parts is None:
            return None
        _site_id, root_url, page_path = parts
        return (root_url or "") + page_path


def parse_since(value):
    """DATE or DATETIME (local time) → aware datetime."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"无法识别的日期：{value}（格式如 2026-01-31 或 2026-01-31T08:00）")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed
