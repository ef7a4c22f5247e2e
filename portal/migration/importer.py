"""``manage.py import_site``: read a bundle into this database, all or nothing.

Order of work:

1. verify: the manifest's schema version, then the size and SHA-256 of every file, before
   the database is touched;
2. in one transaction: locales, collections, units, images, documents, snippets, pages
   (pass 1: the tree; pass 2: every field, validation, publication at the historical time
   through ``portal.core.history.publish_with_time``), references to pages, sites, settings,
   redirects, 索引号 sequences, then permanent redirects from every old URL that changed;
3. search and reference indexes once per touched object.

Any error rolls everything back (files written to storage are removed) and names the record
and the field. Objects already present (same translation key, code, or an earlier import of
the same source) are compared with the bundle and only written when they differ, so importing
the same bundle twice changes nothing.
"""

import datetime
import json
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DataError, IntegrityError, transaction
from django.db.models import TextField
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from portal.core.db import analyze
from portal.core.history import historical_publication
from portal.core.spreadsheets import csv_writer

from .bundle import (
    MANIFEST,
    STREAMS,
    SUPPORTED_MAJOR,
    BundleError,
    Progress,
    file_sha256,
    read_jsonl,
    shorten,
    validate,
)
from .codec import (
    Decoder,
    Encoder,
    FieldError,
    ReferenceError_,
    encode_datetime,
    field_plan,
    model_label,
    save_pending_tags,
)
from .exporter import MEDIA_EXCLUDE, exportable, setting_models, snippet_models
from .indexing import deferred_indexing, reindex
from .models import ImportedObject

KIND_LABELS = {
    "pages": "页面",
    "units": "单位",
    "images": "图片",
    "documents": "文档",
    "collections": "素材库",
    "snippets": "片段",
    "settings": "设置",
    "sites": "站点",
    "redirects": "重定向",
    "sequences": "索引号序列",
    "locales": "语言",
    "url_redirects": "旧网址重定向",
    "publication_events": "发布统计记录",
    "view_restrictions": "页面访问限制",
}


class ImportFailed(BundleError):
    pass


class Stats:
    def __init__(self):
        self.data = {}

    def add(self, kind, outcome, n=1):
        self.data.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        self.data[kind][outcome] = self.data[kind].get(outcome, 0) + n

    def changed(self):
        return sum(v.get("created", 0) + v.get("updated", 0) for v in self.data.values())

    def lines(self):
        for kind, counts in self.data.items():
            yield (
                f"{KIND_LABELS.get(kind, kind)}：新建 {counts.get('created', 0)}，"
                f"更新 {counts.get('updated', 0)}，未变 {counts.get('unchanged', 0)}"
            )


class Importer:
    def __init__(
        self,
        directory,
        dry_run=False,
        url_map=None,
        under=None,
        stdout=None,
        progress_stream=None,
        as_site=None,
        hostname=None,
        site_name=None,
    ):
        self.root = Path(directory)
        #: 站群: import the bundle as a new site of the platform (its key, hostname, name);
        #: nothing of another site is matched, reused or changed
        self.as_site = as_site
        self.as_hostname = hostname
        self.as_site_name = site_name
        self.target_site = None
        self.dry_run = dry_run
        self.url_map = Path(url_map) if url_map else None
        self.under = under
        self.stdout = stdout
        self.progress_stream = progress_stream
        self.stats = Stats()
        self.encoder = Encoder()
        self.decoder = Decoder(self.resolve)
        self.stored_files = []
        self.page_pks = {}
        self.created_pages = set()
        self.maps = {"image": {}, "document": {}, "collection": {}, "snippet": {}, "site": {}}
        self.url_rows = []
        self._parents = {}
        self._units = {}
        self.page_keys_complete = False
        self.new_children = {}
        self.completed_pages = set()
        self.restricted = set()
        self.mapping = {}

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # === entry point ===========================================================================
    def run(self):
        self.manifest = self.verify()
        self.source = self.manifest["source"]["id"]
        try:
            with transaction.atomic():
                with deferred_indexing() as touched:
                    self.touched = touched
                    self.import_all()
                    reindex(touched)
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self.remove_stored_files()
            raise
        if self.dry_run:
            self.remove_stored_files()
        else:
            # a bulk load leaves PostgreSQL planning with the statistics of empty tables
            analyze()
        if self.url_map is not None:
            self.write_url_map()
        for line in self.stats.lines():
            self.log(line)
        self.log(
            ("试运行（未写入数据库）：" if self.dry_run else "导入完成：")
            + f"共 {self.stats.changed()} 项新建或更新"
        )
        return self.stats

    # === 1. verification =======================================================================
    def verify(self):
        path = self.root / MANIFEST
        if not path.is_file():
            raise ImportFailed(f"{self.root} 中没有 {MANIFEST}，不是迁移包")
        try:
            manifest = json.loads(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as e:
            raise ImportFailed(f"{MANIFEST} 不是有效的 UTF-8 文本（第 {e.start + 1} 个字节起）")
        except json.JSONDecodeError as e:
            raise ImportFailed(
                f"{MANIFEST} 不是有效的 JSON（{e.msg}，第 {e.lineno} 行第 {e.colno} 列）"
            )
        except (ValueError, RecursionError):
            raise ImportFailed(f"{MANIFEST} 不是有效的 JSON")
        version = str(manifest.get("schema_version", "")) if isinstance(manifest, dict) else ""
        major = version.split(".")[0]
        if not major.isdigit() or int(major) != SUPPORTED_MAJOR:
            raise ImportFailed(
                f"不支持的迁移包格式版本“{version or '（缺失）'}”：本系统只能导入 "
                f"{SUPPORTED_MAJOR}.x 版本的迁移包"
            )
        validate("manifest", manifest, MANIFEST)
        self.verified = {}
        progress = Progress("校验文件", len(manifest["files"]), self.progress_stream)
        root = self.root.resolve()
        for entry in manifest["files"]:
            rel = entry["path"]
            pure = PurePosixPath(rel)
            if pure.is_absolute() or ".." in pure.parts:
                raise ImportFailed(f"清单中的文件路径不安全：{shorten(rel)}")
            target = (root / rel).resolve()
            if not target.is_file() or not target.is_relative_to(root):
                raise ImportFailed(f"迁移包缺少文件：{shorten(rel)}")
            size = target.stat().st_size
            if size != entry["size"]:
                raise ImportFailed(
                    f"文件 {rel} 的大小不符（清单 {entry['size']} 字节，"
                    f"实际 {size} 字节），迁移包已损坏或被修改"
                )
            sha, _ = file_sha256(target)
            if sha != entry["sha256"]:
                raise ImportFailed(
                    f"文件 {rel} 的 SHA-256 校验和不符（清单 {entry['sha256']}，"
                    f"实际 {sha}），迁移包已损坏或被修改"
                )
            self.verified[rel] = entry
            progress.step()
        progress.done()
        for stream in STREAMS:
            if f"{stream}.jsonl" not in self.verified:
                raise ImportFailed(f"清单中缺少数据文件 {stream}.jsonl")
        self.check_models()
        return manifest

    def check_models(self):
        """Refuse, before the database is touched, any snippet or setting record of a model
        outside the allow-list: exactly the models ``export_site`` writes. A bundle must
        never write accounts, groups, permissions, sessions or anything else it names (an
        ``auth.user`` line would otherwise make an existing user a superuser)."""
        allowed = {
            "snippets": {model_label(m) for m in snippet_models()},
            "settings": {model_label(m) for m in setting_models()},
        }
        kinds = {"snippets": "片段", "settings": "设置"}
        for stream, labels in allowed.items():
            for where, record in self.records(stream, check=False):
                label = record.get("model")
                if not isinstance(label, str) or label.lower() not in labels:
                    raise ImportFailed(
                        f"{where}：迁移包不能导入 {shorten(label)} 类型的记录"
                        f"（{kinds[stream]}只能是：{'、'.join(sorted(labels)) or '无'}），"
                        "整个迁移包被拒绝"
                    )

    def records(self, stream, check=True):
        """Stream the records of one file; ``check`` validates each against the schema and
        refuses a key seen twice (the first pass over a file does, later passes over the
        same file need not)."""
        definition = STREAMS[stream]
        name = f"{stream}.jsonl"
        seen = {}
        for number, record in read_jsonl(self.root / name):
            where = f"{name} 第 {number} 行"
            if check:
                validate(definition, record, where)
                key = record.get("key")
                if key is not None:
                    if key in seen:
                        raise ImportFailed(
                            f"{where}（{describe(record)}）：键 {shorten(key)} 与第 {seen[key]} "
                            "行重复，同一对象在迁移包中只能出现一次"
                        )
                    seen[key] = number
            yield where, record

    # === 2. the import =========================================================================
    def preload(self):
        from wagtail.models import PageViewRestriction

        self.restricted = set(PageViewRestriction.objects.values_list("page_id", flat=True))
        for pk, tk, code in Page.objects.values_list(
            "pk", "translation_key", "locale__language_code"
        ).iterator():
            self.page_pks[f"page:{tk}:{code}"] = pk
        self.page_keys_complete = True
        self.mapping = {}
        for kind, key, object_id in ImportedObject.objects.filter(source=self.source).values_list(
            "kind", "source_key", "object_id"
        ):
            self.mapping[(kind, key)] = int(object_id) if object_id.isdigit() else object_id

    def import_all(self):
        self.preload()
        self.import_locales()
        self.under_page = self.find_under() if self.under else None
        if self.as_site:
            self.target_site = self.ensure_target_site()
            self.preload_site_pages()
        elif self.under_page is None:
            self.remove_placeholder_root()
        self.import_collections()
        self.import_units(phase=1)
        self.import_media("images", get_image_model())
        self.import_media("documents", get_document_model())
        self.import_snippets(phase=1)
        with statistics_muted(self.manifest["counts"].get("publication_events", 0) > 0):
            self.import_pages_structure()
            self.import_pages_content()
        self.import_units(phase=2)
        self.import_snippets(phase=2)
        if self.under_page is None:
            self.import_sites()
            self.import_settings()
        self.import_redirects()
        self.import_sequences()
        self.import_publication_events()
        self.make_url_redirects()

    # --- refs ---------------------------------------------------------------------------------
    def resolve(self, ref):
        kind, _, rest = ref.partition(":")
        if kind == "page":
            pk = self.page_pk(ref)
            if pk is None:
                raise ReferenceError_(ref, f"引用的页面 {ref} 在迁移包和本站中都不存在")
            return pk
        if kind in ("image", "document", "collection"):
            pk = self.maps[kind].get(ref) or self.mapped(kind, ref)
            if pk is None:
                label = {"image": "图片", "document": "文档", "collection": "素材库"}[kind]
                raise ReferenceError_(ref, f"引用的{label} {ref} 在迁移包和本站中都不存在")
            return pk
        if kind == "unit":
            pk = self.unit_pk(rest)
            if pk is None:
                raise ReferenceError_(ref, f"引用的单位（统一社会信用代码 {rest}）不存在")
            return pk
        if kind == "group":
            if self.target_site is not None:
                from portal.core.sites import group_name, tie_group

                group = Group.objects.get_or_create(name=group_name(self.target_site, rest))[0]
                return tie_group(group, self.target_site).pk
            return Group.objects.get_or_create(name=rest)[0].pk
        if kind == "site":
            pk = self.maps["site"].get(ref)
            if pk is None:
                host, _, port = rest.rpartition(":")
                pk = (
                    Site.objects.filter(hostname=host, port=port)
                    .values_list("pk", flat=True)
                    .first()
                )
            if pk is None:
                raise ReferenceError_(ref, f"引用的站点 {rest} 不存在")
            return pk
        if kind == "locale":
            if rest not in content_languages():
                raise ReferenceError_(ref, f"本站不支持语言 {shorten(rest)}")
            return Locale.objects.get_or_create(language_code=rest)[0].pk
        if kind == "tag":
            from taggit.models import Tag

            tag = Tag.objects.filter(name=rest).first() or Tag.objects.create(name=rest)
            return tag.pk
        pk = self.snippet_pk(kind, rest, ref)
        if pk is None:
            raise ReferenceError_(ref)
        return pk

    def page_pk(self, key):
        if key in self.page_pks:
            return self.page_pks[key]
        if self.page_keys_complete:
            return None
        _, tk, locale = key.split(":", 2)
        pk = (
            Page.objects.filter(translation_key=tk, locale__language_code=locale)
            .values_list("pk", flat=True)
            .first()
        )
        if pk is not None:
            self.page_pks[key] = pk
        return pk

    def unit_pk(self, code):
        if code not in self._units:
            from portal.units.models import Unit

            self._units[code] = Unit.objects.filter(code=code).values_list("pk", flat=True).first()
        return self._units[code]

    def mapped(self, kind, key):
        return self.mapping.get((kind, key))

    def remember(self, kind, key, pk):
        ImportedObject.objects.update_or_create(
            source=self.source, kind=kind, source_key=key, defaults={"object_id": str(pk)}
        )
        self.mapping[(kind, key)] = pk

    def snippet_pk(self, label, rest, ref):
        if ref in self.maps["snippet"]:
            return self.maps["snippet"][ref]
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            return None
        pk = None
        if hasattr(model, "translation_key") and rest.count(":") == 1:
            tk, locale = rest.split(":")
            pk = (
                model.objects.filter(translation_key=tk, locale__language_code=locale)
                .values_list("pk", flat=True)
                .first()
            )
        if pk is None:
            pk = self.mapped(label, ref)
        if pk is None and label == "units.unit":
            pk = self.unit_pk(rest)
        return pk

    # --- errors -------------------------------------------------------------------------------
    def fail(self, where, error, field=None):
        if isinstance(error, FieldError):
            field, message = error.field, error.message
        elif isinstance(error, ValidationError):
            if hasattr(error, "error_dict"):
                field = next(iter(error.error_dict))
                message = "；".join(error.message_dict[field])
            else:
                message = "；".join(error.messages)
        elif isinstance(error, IntegrityError):
            message = f"与本站已有数据冲突（{error}）"
        elif isinstance(error, DataError):
            message = f"值超出字段允许的长度或范围（{error}）"
        else:
            message = str(error)
        message = shorten(message, 300)
        if field and field != "__all__":
            raise ImportFailed(f"{where}：字段 {shorten(field)}：{message}")
        raise ImportFailed(f"{where}：{message}")

    # --- locales, collections -----------------------------------------------------------------
    def import_locales(self):
        for where, record in self.records("locales"):
            if record["language_code"] not in content_languages():
                self.fail(
                    where,
                    f"本站不支持语言 {shorten(record['language_code'])}"
                    f"（支持：{'、'.join(sorted(content_languages()))}）",
                    "language_code",
                )
            _, created = Locale.objects.get_or_create(language_code=record["language_code"])
            self.stats.add("locales", "created" if created else "unchanged")

    def ensure_target_site(self):
        """The platform site the bundle becomes (``--as-site``): found by its key on a
        second import, else created — its root page is set when the bundle's home page is
        in (``import_sites``); until then the tree root stands in, inside this transaction."""
        from portal.core.models import PortalSite

        portal = PortalSite.objects.select_related("site").filter(key=self.as_site).first()
        if portal is not None:
            site = portal.site
            if self.as_hostname and site.hostname != self.as_hostname:
                self.fail("--hostname", f"站点“{self.as_site}”的主机名是 {site.hostname}")
            return site
        if not self.as_hostname:
            self.fail("--as-site", "导入为新站点时须给出 --hostname")
        if Site.objects.filter(hostname=self.as_hostname, port=80).exists():
            self.fail("--hostname", f"主机名 {self.as_hostname} 已被其他站点使用")
        name = self.as_site_name or self.source_site_name() or self.as_site
        site = Site.objects.create(
            hostname=self.as_hostname,
            port=80,
            root_page=Page.get_first_root_node(),
            site_name=name,
            is_default_site=False,
        )
        PortalSite.objects.create(site=site, key=self.as_site, group_prefix=name)
        self.stats.add("sites", "created")
        return site

    def source_site_name(self):
        for _where, record in self.records("sites", check=False):
            if record.get("is_default_site") and record.get("site_name"):
                return record["site_name"]
        return self.manifest["source"].get("site_name") or ""

    def preload_site_pages(self):
        """Only the target site's own pages can match the bundle's (a fresh site: none)."""
        from portal.core.sites import site_page_filter

        self.page_pks = {}
        if self.target_site.root_page.depth > 1:
            for pk, tk, code in (
                Page.objects.filter(site_page_filter(self.target_site))
                .values_list("pk", "translation_key", "locale__language_code")
                .iterator()
            ):
                self.page_pks[f"page:{tk}:{code}"] = pk

    def import_collections(self):
        for where, record in self.records("collections"):
            if record["parent"] is None:
                target = Collection.get_first_root_node()
                if self.target_site is not None:
                    from portal.core.sites import site_collection

                    target = site_collection(self.target_site)
                self.maps["collection"][record["key"]] = target.pk
                continue
            parent_pk = self.maps["collection"].get(record["parent"])
            if parent_pk is None:
                self.fail(where, f"上级素材库 {shorten(record['parent'])} 不存在", "parent")
            parent = Collection.objects.get(pk=parent_pk)
            existing = parent.get_children().filter(name=record["name"]).first()
            if existing is None:
                try:
                    Collection(name=record["name"]).clean_fields(exclude=["path", "depth"])
                except ValidationError as e:
                    self.fail(where, e)
                existing = parent.add_child(name=record["name"])
                self.stats.add("collections", "created")
            else:
                self.stats.add("collections", "unchanged")
            self.maps["collection"][record["key"]] = existing.pk

    # --- units --------------------------------------------------------------------------------
    def import_units(self, phase):
        from portal.units.models import Unit
        from portal.units.services import provision_unit

        # the unit's site is set apart: the bundle's sites come after its pages
        specs = [s for s in field_plan(Unit) if s.name != "site"]
        page_fields = [s.name for s in specs if s.refers_to_pages]
        for where, record in self.records("units"):
            code = record["key"].split(":", 1)[1]
            where = f"{where}（单位 {shorten(record['fields'].get('name') or code)}）"
            unit = Unit.objects.filter(code=code).first()
            created = unit is None
            if created:
                unit = Unit(site=self.target_site) if self.target_site else Unit()
            elif self.target_site is not None and unit.site_id != self.target_site.pk:
                self.fail(
                    where, f"统一社会信用代码 {code} 已是另一站点的单位，不能导入为本站点的单位"
                )
            before = None if created else self.encoder.encode_fields(unit, specs)
            try:
                if phase == 1:
                    self.decoder.apply_fields(
                        unit, [s for s in specs if not s.refers_to_pages], record["fields"]
                    )
                else:
                    self.decoder.apply_fields(unit, specs, record["fields"])
            except FieldError as e:
                self.fail(where, e)
            site_pk = self.unit_site_pk(record["fields"].get("site"), where)
            if site_pk is not None and (created or unit.site_id != site_pk):
                unit.site_id = site_pk
            after = self.encoder.encode_fields(unit, specs)
            if before == after:
                if phase == 1:
                    self.stats.add("units", "unchanged")
                continue
            try:
                full_clean(unit, exclude=page_fields if phase == 1 else None)
                with transaction.atomic():
                    # raw: the post_save signal would provision columns; the bundle has them
                    unit.save_base(raw=True)
            except (ValidationError, IntegrityError, DataError) as e:
                self.fail(where, e)
            self._units[code] = unit.pk
            self.touched.add(unit)
            if phase == 1:
                self.stats.add("units", "created" if created else "updated")
            elif unit.news_column_id or unit.catalogue_column_id:
                provision_unit(unit)  # groups and permissions on its own columns

    def unit_site_pk(self, site_ref, where):
        """The site of an imported unit: the target site (--as-site), the site of --under, the
        bundle's site when this database has it, else that site created now with the tree
        root standing in for its root page (``import_sites`` completes it)."""
        if self.target_site is not None:
            return self.target_site.pk
        if self.under_page is not None:
            site = self.under_page.get_site()
            return site.pk if site else None
        if not site_ref:
            return None
        try:
            return self.resolve(site_ref)
        except ReferenceError_:
            pass
        for _w, record in self.records("sites", check=False):
            if record["key"] == site_ref:
                site = Site.objects.create(
                    hostname=record["hostname"],
                    port=record["port"],
                    root_page=Page.get_first_root_node(),
                    site_name=record["site_name"],
                )
                self.maps["site"][site_ref] = site.pk
                return site.pk
        self.fail(where, f"单位所属站点 {site_ref} 在迁移包和本站中都不存在", "site")

    # --- images and documents -----------------------------------------------------------------
    def import_media(self, stream, model):
        kind = stream[:-1]
        specs = field_plan(model, exclude=MEDIA_EXCLUDE)
        label = "图片" if kind == "image" else "文档"
        progress = Progress(
            f"导入{label}", self.manifest["counts"].get(stream), self.progress_stream
        )
        for where, record in self.records(stream):
            where = f"{where}（{label}“{shorten(record['fields'].get('title', ''))}”）"
            entry = self.verified.get(record["file"])
            if entry is None or entry["sha256"] != record["sha256"]:
                self.fail(where, f"文件 {record['file']} 不在清单中或校验和与清单不一致", "file")
            obj = self.find_media(model, kind, record)
            created = obj is None
            if created:
                obj = model()
            before = None if created else self.media_state(obj, specs)
            try:
                self.decoder.apply_fields(obj, specs, record["fields"])
            except FieldError as e:
                self.fail(where, e)
            after = {"fields": self.encoder.encode_fields(obj, specs), "sha256": record["sha256"]}
            if before == after:
                self.stats.add(stream, "unchanged")
            else:
                self.save_media(
                    obj,
                    record,
                    specs,
                    where,
                    replace_file=created or (before["sha256"] != record["sha256"]),
                )
                self.stats.add(stream, "created" if created else "updated")
            self.maps[kind][record["key"]] = obj.pk
            if created or self.mapped(kind, record["key"]) != obj.pk:
                self.remember(kind, record["key"], obj.pk)
            progress.step()
        progress.done()

    def find_media(self, model, kind, record):
        pk = self.mapped(kind, record["key"])
        if pk is not None:
            obj = model.objects.filter(pk=pk).first()
            if obj is not None:
                return obj
        # the same file with the same title (e.g. importing into the database it came from)
        for candidate in model.objects.filter(title=record["fields"].get("title", "")):
            try:
                with candidate.file.open("rb") as fh:
                    sha, _ = file_sha256(fh)
            except (FileNotFoundError, OSError):
                continue
            if sha == record["sha256"]:
                return candidate
        return None

    def media_state(self, obj, specs):
        try:
            with obj.file.open("rb") as fh:
                sha, _ = file_sha256(fh)
        except (FileNotFoundError, OSError, ValueError):
            sha = None
        return {"fields": self.encoder.encode_fields(obj, specs), "sha256": sha}

    def save_media(self, obj, record, specs, where, replace_file):
        auto_fields = [
            s.name
            for s in specs
            if getattr(s.field, "auto_now_add", False) or getattr(s.field, "auto_now", False)
        ]
        if replace_file:
            # only the file's own name: a bundle never chooses where files are stored
            name = PurePosixPath(record["filename"].replace("\\", "/")).name or "file"
            with open(self.root / record["file"], "rb") as fh:
                obj.file.save(name, File(fh), save=False)
            self.stored_files.append(obj.file.name)
        try:
            full_clean(obj, exclude=auto_fields)
            with transaction.atomic():
                obj.save()
        except (ValidationError, IntegrityError, DataError) as e:
            self.fail(where, e)
        save_pending_tags(obj)
        restore_auto_times(obj, specs, record["fields"])
        self.touched.add(obj)

    def remove_stored_files(self):
        from django.core.files.storage import default_storage

        for name in self.stored_files:
            try:
                default_storage.delete(name)
            except OSError:
                pass
        self.stored_files = []

    # --- snippets -----------------------------------------------------------------------------
    def import_snippets(self, phase):
        for where, record in self.records("snippets"):
            try:
                model = apps.get_model(record["model"])
            except (LookupError, ValueError):
                self.fail(where, f"本系统没有片段类型 {record['model']}", "model")
            if not exportable(model):
                continue
            specs = field_plan(model)
            pk = self.snippet_pk(record["model"], record["key"].split(":", 1)[1], record["key"])
            obj = model.objects.filter(pk=pk).first() if pk is not None else None
            if obj is None and phase == 1:
                obj = natural_match(model, specs, record["fields"], self.decoder)
            created = obj is None
            if created:
                if phase == 2:
                    continue
                obj = model()
            before = None if created else self.encoder.encode_fields(obj, specs)
            try:
                use = specs if phase == 2 else [s for s in specs if not s.refers_to_pages]
                self.decoder.apply_fields(obj, use, record["fields"])
            except FieldError as e:
                self.fail(where, e)
            after = self.encoder.encode_fields(obj, specs)
            if before == after:
                self.pair_snippet(model, record, obj)
                if phase == 1:
                    self.stats.add("snippets", "unchanged")
                self.maps["snippet"][record["key"]] = obj.pk
                continue
            if created and hasattr(model, "translation_key"):
                tk, locale = record["key"].split(":", 1)[1].split(":")
                obj.translation_key = tk
                obj.locale_id = self.resolve(f"locale:{locale}")
            try:
                full_clean(obj)
                with transaction.atomic():
                    obj.save()
            except (ValidationError, IntegrityError, DataError) as e:
                self.fail(f"{where}（{record['model']}）", e)
            save_pending_tags(obj)
            restore_auto_times(obj, specs, record["fields"])
            self.touched.add(obj)
            self.maps["snippet"][record["key"]] = obj.pk
            self.pair_snippet(model, record, obj)
            if phase == 1:
                self.stats.add("snippets", "created" if created else "updated")

    def pair_snippet(self, model, record, obj):
        if hasattr(model, "translation_key"):
            return
        if self.mapped(record["model"], record["key"]) != obj.pk:
            self.remember(record["model"], record["key"], obj.pk)

    # --- pages: the tree ----------------------------------------------------------------------
    def find_under(self):
        from django.db.models import Q

        value = str(self.under).strip()
        qs = Page.objects.filter(
            Q(pk=int(value)) if value.isdigit() else Q(url_path="/" + value.strip("/") + "/")
        )
        page = qs.first()
        if page is None and not value.isdigit():
            # a public path ("/a/b/") below the default site's root
            site = Site.objects.filter(is_default_site=True).first()
            if site is not None:
                root = site.root_page
                path = root.url_path + value.strip("/") + "/" if value.strip("/") else root.url_path
                page = Page.objects.filter(url_path=path).first()
        if page is None:
            raise ImportFailed(f"--under 指定的页面 {self.under} 不存在")
        return page

    def remove_placeholder_root(self):
        """A freshly migrated database holds Wagtail's "Welcome" page; the bundle's home
        replaces it (as bootstrap_portal does)."""
        has_top = any(r.get("parent") is None for _w, r in self.records("pages", check=False))
        if not has_top:
            return
        root = Page.get_first_root_node()
        for page in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page", numchild=0
        ):
            Site.objects.filter(root_page=page).delete()
            page.delete()

    def parent_page(self, record, where):
        if record["parent"] is None:
            if self.under_page is not None:
                parent = self.under_page
                locale = record["locale"]
                if parent.locale.language_code != locale:
                    translated = parent.get_translation_or_none(
                        Locale.objects.get(language_code=locale)
                    )
                    parent = translated or parent
                return parent
            return Page.get_first_root_node()
        pk = self.page_pk(record["parent"])
        if pk is None:
            self.fail(where, f"上级页面 {record['parent']} 在迁移包和本站中都不存在", "parent")
        parent = self._parents.get(pk)
        if parent is None:
            if len(self._parents) > 2000:
                self._parents.clear()
            parent = self._parents[pk] = Page.objects.get(pk=pk)
        return parent

    def free_slug(self, parent, slug, exclude_pk=None):
        taken = self.new_children.get(parent.pk)
        if taken is not None and exclude_pk is None:
            # a parent created by this import: its children are the ones we made
            n, candidate = 2, slug
            while candidate in taken:
                candidate, n = f"{slug}-{n}", n + 1
            return candidate
        siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        if exclude_pk:
            siblings = siblings.exclude(pk=exclude_pk)
        if not siblings.filter(slug=slug).exists():
            return slug
        n = 2
        while siblings.filter(slug=f"{slug}-{n}").exists():
            n += 1
        return f"{slug}-{n}"

    def page_model(self, record, where):
        try:
            model = apps.get_model(record["type"])
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            self.fail(where, f"本系统没有页面类型 {record['type']}", "type")
        return model

    def import_pages_structure(self):
        progress = Progress(
            "导入页面（结构）", self.manifest["counts"].get("pages"), self.progress_stream
        )
        for where, record in self.records("pages"):
            where = f"{where}（{describe(record)}）"
            for name in ("first_published_at", "last_published_at"):
                try:
                    _parse_time(record[name], name)
                except FieldError as e:
                    self.fail(where, e)
            model = self.page_model(record, where)
            parent = self.parent_page(record, where)
            pk = self.page_pk(record["key"])
            if pk is not None:
                page = Page.objects.get(pk=pk)
                if page.content_type.model_class() is not model:
                    self.fail(
                        where,
                        f"本站已有同一翻译键的页面，但类型为 {model_label(page.specific_class)}",
                        "type",
                    )
                if not page.path.startswith(parent.path) or page.depth != parent.depth + 1:
                    page.move(parent, pos="last-child")
                    self._parents.clear()
            else:
                self.create_page(model, record, parent, where)
            progress.step()
        progress.done()

    def create_page(self, model, record, parent, where):
        """Create a page below ``parent``. When every reference it makes already resolves
        (pages refer mostly to pages before them in tree order), it is written completely
        here: validated by Wagtail on insertion (full_clean for a live page, the minimal
        checks for a draft, as in the admin), given its revision and published at its
        historical time. Otherwise only its place in the tree is taken now, and pass 2
        completes it once all pages exist."""
        specs = field_plan(model)
        slug = self.free_slug(parent, record["slug"])
        first = _parse_time(record["first_published_at"])
        last = _parse_time(record["last_published_at"]) or first

        def new_page():
            return model(
                title=record["title"],
                draft_title=record["title"],
                slug=slug,
                translation_key=record["translation_key"],
                locale_id=self.resolve(f"locale:{record['locale']}"),
                live=False,
                has_unpublished_changes=True,
            )

        page = new_page()
        complete = not record.get("draft") and not record["fields"].get("alias_of")
        if complete:
            try:
                self.decoder.apply_fields(page, specs, record["fields"])
            except FieldError as e:
                if not (
                    isinstance(e.__cause__, ReferenceError_) and e.__cause__.ref.startswith("page:")
                ):
                    self.fail(where, e)
                complete = False  # refers to a page further down the bundle
                page = new_page()
        if not complete:
            try:
                self.decoder.apply_fields(page, specs, record["fields"], skip_page_refs=True)
            except FieldError as e:
                self.fail(where, e)
            # the fields set so far must hold (the database refuses a too-long title);
            # validated completely in pass 2, once every reference resolves
            self.check_page(page, where, live=False)
            page.full_clean = page.minimal_clean = _no_check
        else:
            self.check_page(page, where, record["live"])
        if complete:
            page.live = record["live"]
            page.first_published_at, page.last_published_at = first, last
        # no per-page "created" audit entries for an import
        save = page.save
        page.save = lambda *args, **kwargs: save(*args, **{"log_action": None, **kwargs})
        try:
            with transaction.atomic():
                parent.add_child(instance=page)
                if complete:
                    revision = page.save_revision(clean=False, log_action=False, changed=True)
                    publish_or_date(page, revision, record["live"], first, last)
        except (ValidationError, IntegrityError, DataError) as e:
            self.fail(where, e)
        finally:
            for name in ("save", "full_clean", "minimal_clean"):
                page.__dict__.pop(name, None)
        self.page_pks[record["key"]] = page.pk
        self.new_children.setdefault(parent.pk, set()).add(slug)
        self.new_children[page.pk] = set()
        if complete:
            self.completed_pages.add(page.pk)
            self.touched.add(page)
            self.stats.add("pages", "created")
        else:
            self.created_pages.add(page.pk)

    def check_page(self, page, where, live):
        """What the page editor's form checks beyond Wagtail's save: the length of text
        areas, and for a draft every field's own rules (length, choices, format) with only
        required fields allowed to stay empty (a live page gets full_clean on save)."""
        try:
            check_text_lengths(page)
            if not live:
                try:
                    page.clean_fields()
                except ValidationError as e:
                    remaining = {
                        name: [
                            err for err in errors if err.code not in ("blank", "null", "required")
                        ]
                        for name, errors in e.error_dict.items()
                    }
                    remaining = {name: errors for name, errors in remaining.items() if errors}
                    if remaining:
                        raise ValidationError(remaining) from None
        except ValidationError as e:
            self.fail(where, e)

    # --- pages: content and publication -------------------------------------------------------
    def page_state(self, page, specs, record=None, draft_obj=None):
        if record is None:
            content = page
            if not page.live and page.latest_revision_id:
                content = page.latest_revision.as_object()
            draft = None
            if page.live and page.has_unpublished_changes and page.latest_revision_id:
                draft = self.encoder.encode_fields(page.latest_revision.as_object(), specs)
                draft["title"] = page.latest_revision.as_object().title
            return {
                "title": content.title,
                "slug": page.slug,
                "live": page.live,
                "first": encode_datetime(page.first_published_at),
                "last": encode_datetime(page.last_published_at) if page.live else None,
                "fields": self.encoder.encode_fields(content, specs),
                "draft": draft,
            }
        draft = None
        if draft_obj is not None:
            draft = self.encoder.encode_fields(draft_obj, specs)
            draft["title"] = draft_obj.title
        return {
            "title": page.title,
            "slug": page.slug,
            "live": record["live"],
            "first": _norm_time(record["first_published_at"]),
            "last": _norm_time(record["last_published_at"]) if record["live"] else None,
            "fields": self.encoder.encode_fields(page, specs),
            "draft": draft,
        }

    def apply_view_restrictions(self, pk, record):
        """Make the page's view restrictions those of the bundle (compared first)."""
        from wagtail.models import PageViewRestriction

        from .exporter import view_restrictions

        wanted = sorted(
            record.get("view_restrictions") or [],
            key=lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False),
        )
        wanted = [
            {
                "restriction_type": d["restriction_type"],
                "password": d.get("password", ""),
                "groups": sorted(d.get("groups", [])),
            }
            for d in wanted
        ]
        if not wanted and pk not in self.restricted:
            return
        if view_restrictions(pk) == wanted:
            return
        PageViewRestriction.objects.filter(page_id=pk).delete()
        for d in wanted:
            restriction = PageViewRestriction.objects.create(
                page_id=pk, restriction_type=d["restriction_type"], password=d["password"]
            )
            restriction.groups.set(
                [Group.objects.get_or_create(name=name)[0] for name in d["groups"]]
            )
        self.stats.add("view_restrictions", "updated")

    def import_pages_content(self):
        progress = Progress(
            "导入页面（内容与发布）", self.manifest["counts"].get("pages"), self.progress_stream
        )
        for where, record in self.records("pages", check=False):
            where = f"{where}（{describe(record)}）"
            model = self.page_model(record, where)
            specs = field_plan(model)
            pk = self.page_pks[record["key"]]
            self.apply_view_restrictions(pk, record)
            if pk in self.completed_pages:
                progress.step()
                continue
            page = model.objects.get(pk=pk)
            created = pk in self.created_pages
            before = None if created else self.page_state(page, specs)
            page.title = record["title"]
            if not created:  # a new page got its free slug in pass 1
                page.slug = self.free_slug(page.get_parent(), record["slug"], exclude_pk=page.pk)
            try:
                self.decoder.apply_fields(page, specs, record["fields"])
            except FieldError as e:
                self.fail(where, e)
            draft_obj = None
            if record.get("draft"):
                draft_obj = model.objects.get(pk=pk)
                draft_obj.title = record["draft"].get("title", record["title"])
                try:
                    self.decoder.apply_fields(draft_obj, specs, record["draft"])
                except FieldError as e:
                    self.fail(where + "（草稿）", e)
            after = self.page_state(page, specs, record, draft_obj)
            if before == after:
                self.stats.add("pages", "unchanged")
                progress.step()
                continue
            self.save_page(page, record, where, draft_obj)
            self.stats.add("pages", "created" if created else "updated")
            progress.step()
        progress.done()

    def save_page(self, page, record, where, draft_obj):
        """Write one page: validate it (full_clean), save it with a revision, and for a live
        page publish that revision at its historical time (see publish_historically)."""
        page.draft_title = page.title
        first = _parse_time(record["first_published_at"])
        last = _parse_time(record["last_published_at"]) or first
        try:
            # as in the admin: a live page is fully validated, a draft minimally
            page.full_clean() if record["live"] else page.minimal_clean()
        except ValidationError as e:
            self.fail(where, e)
        self.check_page(page, where, record["live"])
        if page.alias_of_id:
            # an alias mirrors its original and has no revisions of its own
            page.live = record["live"]
            page.first_published_at, page.last_published_at = first, last
            page.has_unpublished_changes = False
            try:
                with transaction.atomic():
                    page.save(clean=False)
            except IntegrityError as e:
                self.fail(where, e)
            self.touched.add(page)
            return
        try:
            with transaction.atomic():
                if page.live and not record["live"]:
                    page.unpublish(set_expired=False, commit=True, log_action=False)
                page.first_published_at = first
                page.last_published_at = last
                page.live = False if not record["live"] else page.live
                page.save(clean=False)
                revision = page.save_revision(clean=False, log_action=False, changed=True)
                publish_or_date(page, revision, record["live"], first, last)
                if draft_obj is not None:
                    draft_obj.draft_title = draft_obj.title
                    draft_obj.live_revision_id = page.live_revision_id
                    draft_obj.latest_revision_id = page.latest_revision_id
                    draft_obj.live = True
                    draft_obj.save_revision(clean=False, log_action=False)
        except (ValidationError, IntegrityError, DataError) as e:
            self.fail(where, e)
        self.touched.add(page)

    # --- sites and settings -------------------------------------------------------------------
    def import_sites(self):
        if self.target_site is not None:
            return self.import_as_site()
        for where, record in self.records("sites"):
            root_pk = self.page_pk(record["root_page"]) if record["root_page"] else None
            if root_pk is None:
                self.fail(where, f"站点根页面 {record['root_page']} 不存在", "root_page")
            site = Site.objects.filter(hostname=record["hostname"], port=record["port"]).first()
            created = site is None
            if created:
                site = Site(hostname=record["hostname"], port=record["port"])
            wanted = (record["site_name"], root_pk, record["is_default_site"])
            if not created and (site.site_name, site.root_page_id, site.is_default_site) == wanted:
                self.stats.add("sites", "unchanged")
            else:
                if record["is_default_site"]:
                    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(
                        is_default_site=False
                    )
                site.site_name, site.root_page_id, site.is_default_site = wanted
                try:
                    full_clean(site)
                    site.save()
                except ValidationError as e:
                    self.fail(where, e)
                self.stats.add("sites", "created" if created else "updated")
            self.maps["site"][record["key"]] = site.pk

    def import_as_site(self):
        """The bundle's (default) site becomes the target site: its root page and name."""
        records = list(self.records("sites"))
        chosen = next((r for _w, r in records if r.get("is_default_site")), None)
        chosen = chosen or (records[0][1] if records else None)
        site = self.target_site
        for _where, record in records:
            self.maps["site"][record["key"]] = site.pk
        if chosen is None or not chosen.get("root_page"):
            self.fail("sites", "迁移包中没有站点首页，不能导入为新站点")
        root_pk = self.page_pk(chosen["root_page"])
        if root_pk is None:
            self.fail("sites", f"站点根页面 {chosen['root_page']} 不存在", "root_page")
        name = self.as_site_name or chosen.get("site_name") or site.site_name
        if (site.root_page_id, site.site_name) == (root_pk, name):
            self.stats.add("sites", "unchanged")
            return
        site.root_page_id, site.site_name = root_pk, name
        site.save()
        self.stats.add("sites", "updated")

    def import_settings(self):
        from wagtail.contrib.settings.models import BaseSiteSetting

        for where, record in self.records("settings"):
            try:
                model = apps.get_model(record["model"])
            except (LookupError, ValueError):
                self.fail(where, f"本系统没有设置类型 {record['model']}", "model")
            specs = field_plan(model)
            where = f"{where}（{model._meta.verbose_name}）"
            if issubclass(model, BaseSiteSetting):
                try:
                    site_pk = self.resolve(record["fields"].get("site") or "")
                except ReferenceError_ as e:
                    self.fail(where, e, "site")
                obj = model.objects.filter(site_id=site_pk).first()
            else:
                obj = model.objects.first()
            created = obj is None
            if created:
                obj = model()
            before = None if created else self.encoder.encode_fields(obj, specs)
            try:
                self.decoder.apply_fields(obj, specs, record["fields"])
            except FieldError as e:
                self.fail(where, e)
            if before == self.encoder.encode_fields(obj, specs):
                self.stats.add("settings", "unchanged")
                continue
            try:
                full_clean(obj)
                obj.save()
            except (ValidationError, IntegrityError, DataError) as e:
                self.fail(where, e)
            restore_auto_times(obj, specs, record["fields"])
            self.stats.add("settings", "created" if created else "updated")

    # --- redirects, sequences -----------------------------------------------------------------
    def target_site_pk(self, site_ref):
        if self.target_site is not None:
            return self.target_site.pk
        if self.under_page is not None:
            site = self.under_page.get_site()
            return site.pk if site else None
        if not site_ref:
            return None
        return self.resolve(site_ref)

    def import_redirects(self):
        specs = field_plan(Redirect)
        for where, record in self.records("redirects"):
            fields = dict(record["fields"])
            try:
                site_pk = self.target_site_pk(fields.get("site"))
            except ReferenceError_ as e:
                self.fail(where, e, "site")
            fields.pop("site", None)
            redirect = Redirect.objects.filter(
                old_path=fields.get("old_path"), site_id=site_pk
            ).first()
            created = redirect is None
            if created:
                redirect = Redirect(site_id=site_pk)
            before = None if created else self.encoder.encode_fields(redirect, specs)
            try:
                self.decoder.apply_fields(redirect, specs, fields)
            except FieldError as e:
                self.fail(where, e)
            redirect.site_id = site_pk
            if before == self.encoder.encode_fields(redirect, specs):
                self.stats.add("redirects", "unchanged")
                continue
            try:
                full_clean(redirect, validate_unique=False)
                redirect.save()
            except (ValidationError, IntegrityError, DataError) as e:
                self.fail(where, e)
            restore_auto_times(redirect, specs, fields)
            self.stats.add("redirects", "created" if created else "updated")

    def import_sequences(self):
        try:
            model = apps.get_model("disclosure_catalog", "IndexNumberSequence")
        except LookupError:  # pragma: no cover
            return
        for where, record in self.records("sequences"):
            try:
                model(
                    prefix=record["prefix"], year=record["year"], last_serial=record["last_serial"]
                ).full_clean(validate_unique=False, validate_constraints=False)
            except (ValidationError, TypeError, ValueError) as e:
                self.fail(where, e)
            seq, created = model.objects.get_or_create(
                prefix=record["prefix"],
                year=record["year"],
                defaults={"last_serial": record["last_serial"]},
            )
            if not created and seq.last_serial < record["last_serial"]:
                # 索引号 are never reused: the counter only moves forward
                model.objects.filter(pk=seq.pk).update(last_serial=record["last_serial"])
                self.stats.add("sequences", "updated")
            else:
                self.stats.add("sequences", "created" if created else "unchanged")

    # --- statistics -----------------------------------------------------------------------------
    def import_publication_events(self):
        """Copy the source's publication log and recount: every year's figures equal the
        source's, including pages deleted there long ago. Events already in the log (same
        page, event and time) are skipped, so a second import adds nothing."""
        try:
            model = apps.get_model("statistics", "PublicationEvent")
        except LookupError:
            return
        from portal.statistics.recorder import rebuild_counters

        def page_id(ref):
            if not ref:
                return 0
            if ref.startswith("deleted:"):
                return -int(ref.split(":", 1)[1] or 0)  # a page that no longer exists
            pk = self.page_pk(ref)
            return pk if pk is not None else 0

        batch, created = [], 0
        seen = None

        def flush():
            nonlocal created, seen
            if not batch:
                return
            if seen is None:
                seen = set(model.objects.values_list("page_id", "event", "at"))
            fresh = []
            for row in batch:
                key = (row.page_id, row.event, row.at)
                if key not in seen:
                    seen.add(key)
                    fresh.append(row)
            model.objects.bulk_create(fresh, batch_size=1000)
            created += len(fresh)
            batch.clear()

        for where, record in self.records("publication_events"):
            try:
                unit_id = self.resolve(record["unit"]) if record["unit"] else 0
            except ReferenceError_:
                unit_id = 0
            try:
                at = _parse_time(record["at"])
                day = datetime.date.fromisoformat(record["day"])
            except FieldError as e:
                self.fail(where, e)
            except (TypeError, ValueError):
                self.fail(where, f"不是有效的日期：{shorten(record['day'])}", "day")
            event = model(
                page_id=page_id(record["page"]),
                event=record["event"],
                at=at,
                day=day,
                column_id=page_id(record["column"]),
                unit_id=unit_id,
                category=record["category"],
                label=record["label"],
                page_kind=record["page_kind"],
                subkind=record["subkind"],
                first_publication=record["first_publication"],
                historical=record["historical"],
                delta=record["delta"],
                title=record["title"][:255],
            )
            if self.target_site is not None:
                event.site_id = self.target_site.pk  # the bundle's log is the new site's
            try:
                event.clean_fields()
            except ValidationError as e:
                self.fail(where, e)
            batch.append(event)
            if len(batch) >= 2000:
                flush()
        flush()
        total = self.manifest["counts"].get("publication_events", 0)
        self.stats.add("publication_events", "created", created)
        self.stats.add("publication_events", "unchanged", total - created)
        if created:
            rebuild_counters(site=self.target_site)

    # --- old URLs ------------------------------------------------------------------------------
    def make_url_redirects(self):
        """Every page whose public path changed answers its old path with a 301."""
        from urllib.parse import urlsplit

        site_paths = _SiteRoots()
        for _where, record in self.records("pages", check=False):
            old_url = record.get("url")
            pk = self.page_pks.get(record["key"])
            if pk is None:
                continue
            page = (
                Page.objects.filter(pk=pk)
                .only("id", "url_path", "locale_id", "content_type_id")
                .first()
            )
            new_url = site_paths.url(page)
            old_path = urlsplit(old_url).path if old_url else None
            new_path = urlsplit(new_url).path if new_url else None
            self.url_rows.append(
                (old_url or "", new_url or "", record["key"], record["type"], record["live"])
            )
            if not old_path or not new_path or old_path == new_path or not record["live"]:
                continue
            site_pk = site_paths.site_pk(page)
            normalised = Redirect.normalise_path(old_path)
            existing = Redirect.objects.filter(old_path=normalised, site_id=site_pk).first()
            if (
                existing is not None
                and existing.redirect_page_id == pk
                and existing.is_permanent
                and not existing.redirect_link
            ):
                self.stats.add("url_redirects", "unchanged")
                continue
            redirect = existing or Redirect(old_path=normalised, site_id=site_pk)
            redirect.redirect_page_id = pk
            redirect.redirect_link = ""
            redirect.is_permanent = True
            redirect.automatically_created = True
            redirect.save()
            self.stats.add("url_redirects", "created" if existing is None else "updated")

    def write_url_map(self):
        self.url_map.parent.mkdir(parents=True, exist_ok=True)
        with open(self.url_map, "w", newline="", encoding="utf-8") as fh:
            writer = csv_writer(fh)
            writer.writerow(["old_url", "new_url", "changed", "page_key", "type", "live"])
            for old, new, key, kind, live in self.url_rows:
                from urllib.parse import urlsplit

                changed = (
                    urlsplit(old).path != urlsplit(new).path if old and new else bool(old or new)
                )
                writer.writerow(
                    [old, new, "yes" if changed else "no", key, kind, "yes" if live else "no"]
                )


def _no_check(*args, **kwargs):
    return None


def check_text_lengths(obj):
    """Django does not validate a TextField's max_length (only its form does): check it,
    as the admin form would."""
    errors = {}
    for f in obj._meta.concrete_fields:
        if isinstance(f, TextField) and f.max_length:
            value = getattr(obj, f.attname, None)
            if isinstance(value, str) and len(value) > f.max_length:
                errors[f.name] = [
                    ValidationError(
                        f"确保该值不超过 {f.max_length} 个字符（目前为 {len(value)} 个）",
                        code="max_length",
                    )
                ]
    if errors:
        raise ValidationError(errors)


def full_clean(obj, **kwargs):
    """Validate an object of the bundle as its admin form would."""
    obj.full_clean(**kwargs)
    check_text_lengths(obj)


def describe(record):
    """A short description of a record for error messages (values cut short)."""
    if "title" in record and "url_path" in record:
        return f"页面“{shorten(record['title'])}”，{shorten(record['url_path'])}"
    if "model" in record:
        return shorten(record["model"])
    fields = record.get("fields") if isinstance(record.get("fields"), dict) else {}
    name = fields.get("title") or fields.get("name") or record.get("name") or record.get("key")
    return shorten(name or "")


def content_languages():
    from django.conf import settings

    return {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def publish_or_date(page, revision, live, first, last):
    """An imported page's revision: published at its historical time when the page is
    live, else dated to when it was last (or first) published, if ever."""
    if live:
        publish_historically(page, revision, first, last or timezone.now())
    elif last or first:
        when = last or first
        type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        Page.objects.filter(pk=page.pk).update(latest_revision_created_at=when)


def publish_historically(page, revision, first, when):
    """Make ``revision`` the live one as if published at ``when`` (first at ``first``).

    The historical counterpart of Wagtail's publish for imported pages, which are already
    validated and saved: it sets the same state (live, live_revision, times) in one update
    and sends ``page_published`` inside ``portal.core.history.historical_publication`` —
    exactly what ``publish_with_time`` gives listeners (``event_time()`` is the historical
    time, ``is_historical()`` is true), without re-reading and re-saving the page from its
    revision three more times. Statistics count it at ``when`` (and the first publication
    at ``first``) unless the bundle carries the source's publication log, which is then
    copied instead (see statistics_muted).
    """
    from wagtail.signals import page_published

    with historical_publication(when) as when:
        first = first or when
        Page.objects.filter(pk=page.pk).update(
            live=True,
            live_revision=revision,
            has_unpublished_changes=False,
            first_published_at=first,
            last_published_at=when,
            latest_revision_created_at=when,
            draft_title=page.title,
        )
        type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        page.live, page.live_revision, page.has_unpublished_changes = True, revision, False
        page.first_published_at, page.last_published_at = first, when
        page.latest_revision_created_at = when
        page_published.send(sender=page.specific_class, instance=page, revision=revision)


@contextmanager
def statistics_muted(mute):
    """While pages are published, the statistics receivers stay silent when the bundle
    carries the source's publication log (imported afterwards, exactly); without a log the
    publications themselves count, at their historical times."""
    if not mute:
        yield
        return
    try:
        from portal.statistics import signals as stats_signals
    except ImportError:
        yield
        return
    from wagtail.signals import page_published, page_unpublished

    page_published.disconnect(dispatch_uid="statistics_page_published")
    page_unpublished.disconnect(dispatch_uid="statistics_page_unpublished")
    try:
        yield
    finally:
        stats_signals.connect()


def restore_auto_times(obj, specs, fields):
    """auto_now / auto_now_add fields keep the bundle's values (Django overwrites them on
    save), so a second import compares equal."""
    values = {}
    for spec in specs:
        f = spec.field
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) and fields.get(
            spec.name
        ):
            values[f.attname] = f.to_python(fields[spec.name])
    if values:
        type(obj)._default_manager.filter(pk=obj.pk).update(**values)
        for name, value in values.items():
            setattr(obj, name, value)


def natural_match(model, specs, fields, decoder):
    """An existing object that is evidently the same: equal on a unique field, or equal on
    every plain field (a snippet imported back into the database it came from)."""
    plain = {s.name: s for s in specs if s.kind in ("scalar", "date")}
    for name, spec in plain.items():
        if spec.field.unique and fields.get(name) not in (None, ""):
            obj = model._default_manager.filter(**{name: fields[name]}).first()
            if obj is not None:
                return obj
    values = {}
    for name, spec in plain.items():
        if name in fields and not (
            getattr(spec.field, "auto_now", False) or getattr(spec.field, "auto_now_add", False)
        ):
            values[name] = fields[name]
    if values:
        return model._default_manager.filter(**values).first()
    return None


class _SiteRoots:
    def __init__(self):
        # read from this database, not from a cache another process may have filled
        Site.clear_site_root_paths_cache()
        self._wagtail_cached_site_root_paths = Site.get_site_root_paths()

    def url(self, page):
        parts = page.get_url_parts(request=self)
        if parts is None:
            return None
        return (parts[1] or "") + parts[2]

    def site_pk(self, page):
        parts = page.get_url_parts(request=self)
        return parts[0] if parts else None


def _parse_time(value, field="at"):
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise FieldError(field, f"不是有效的时间：{shorten(value)}") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _norm_time(value):
    return encode_datetime(_parse_time(value))
