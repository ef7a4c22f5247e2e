"""Helpers for the migration tests: a representative site, bundle surgery, comparisons,
database snapshots and an empty target database in a subprocess."""

import datetime
import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

from tests import factories

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 30))


# --- a representative site ---------------------------------------------------------------------
def build_site(portal):
    """News with an image, attachment and page link, a draft, a live page with a pending
    draft, catalogue items with 索引号, a policy and its interpretation, an English
    translation made with wagtail-localize, a redirect; returns the pages by name."""
    from wagtail.contrib.redirects.models import Redirect

    from portal.core.columns import ColumnKey

    unit = portal.unit("fgj")
    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    image = factories.ImageFactory(title="春耕现场")
    document = factories.DocumentFactory(title="实施方案")
    pages = {}
    pages["policy"] = factories.make_policy(
        portal.unit_catalogue_column("fgj"),
        title="关于做好春耕生产工作的通知",
        slug="chungeng-tongzhi",
        published_at=at(2024, 3, 5),
    )
    pages["catalog"] = factories.make_catalog_item(
        portal.unit_catalogue_column("fgj"),
        title="2024年部门预算公开",
        slug="yusuan-2024",
        published_at=at(2024, 1, 20),
        keywords="预算 公开",
    )
    pages["news"] = factories.make_news(
        headlines,
        title="县政府召开春耕生产调度会",
        slug="chungeng-diaodu",
        published_at=at(2025, 3, 1),
        cover_image=image,
        summary="部署春耕生产工作。",
        body=[
            {
                "type": "paragraph",
                "value": (
                    f'<p>详见<a linktype="page" id="{pages["policy"].pk}">通知</a>和'
                    f'<a linktype="document" id="{document.pk}">实施方案</a>。</p>'
                ),
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "春耕", "decorative": False},
                    "caption": "春耕现场",
                },
            },
            {"type": "attachment", "value": {"document": document.pk, "title": "方案"}},
        ],
    )
    pages["unit_news"] = factories.make_news(
        portal.unit_news_column("fgj"),
        title="发改局开展项目调度",
        slug="xiangmu-diaodu",
        published_at=at(2025, 4, 2),
    )
    pages["draft"] = factories.make_news(
        headlines, title="尚未发布的稿件", slug="weifabu", publish=False
    )
    pending = factories.make_news(
        headlines, title="已发布后又修改的稿件", slug="xiugai", published_at=at(2024, 11, 11)
    )
    pending.title = "已发布后又修改的稿件（修改稿）"
    pending.save_revision(log_action=False)
    pages["pending"] = pending
    pages["interpretation"] = factories.make_interpretation(
        portal.unit_catalogue_column("fgj"),
        [pages["policy"]],
        title="《春耕通知》政策解读",
        slug="chungeng-jiedu",
    )
    pages["english"] = translate(pages["news"], "en")
    from wagtail.models import PageViewRestriction

    pages["private"] = factories.make_news(
        headlines, title="内部工作通知", slug="neibu", published_at=at(2025, 5, 6)
    )
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type="password", password="Neibu-2025"
    )
    Redirect.add_redirect("/old/chungeng.html", redirect_to=pages["news"])
    assert unit is not None
    return pages


def translate(page, language_code):
    """An English translation through wagtail-localize (parents copied as needed)."""
    from wagtail_localize.models import TranslationSource

    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    source.create_or_update_translation(locale, publish=True, copy_parent_pages=True, fallback=True)
    translated = page.get_translation(locale).specific
    translated.title = "County holds spring farming meeting"
    translated.save_revision(log_action=False).publish(log_action=False)
    translated.refresh_from_db()
    assert translated.live
    return translated


# --- commands ----------------------------------------------------------------------------------
def export(directory, *args):
    out = io.StringIO()
    call_command("export_site", str(directory), "--quiet-progress", *args, stdout=out)
    return out.getvalue()


def import_(directory, *args):
    out = io.StringIO()
    call_command("import_site", str(directory), "--quiet-progress", *args, stdout=out)
    return out.getvalue()


# --- bundle surgery ----------------------------------------------------------------------------
def read_stream(bundle, name):
    path = Path(bundle) / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def manifest(bundle):
    return json.loads((Path(bundle) / "manifest.json").read_text(encoding="utf-8"))


def write_manifest(bundle, data):
    (Path(bundle) / "manifest.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )


def rewrite_stream(bundle, name, change):
    """Apply ``change(records)`` to a stream and fix its checksum in the manifest, so that
    only the content (not the checksum) is wrong."""
    records = read_stream(bundle, name)
    change(records)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    (Path(bundle) / f"{name}.jsonl").write_bytes(data)
    m = manifest(bundle)
    for entry in m["files"]:
        if entry["path"] == f"{name}.jsonl":
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
    write_manifest(bundle, m)


# --- comparing two bundles ---------------------------------------------------------------------
def normalised(bundle):
    """The content of a bundle with database ids replaced by what the objects are, so
    bundles exported from two databases compare equal when their content is equal."""
    collections = {r["key"]: r for r in read_stream(bundle, "collections")}

    def collection_path(key):
        parts = []
        while key:
            record = collections[key]
            parts.append(record["name"])
            key = record["parent"]
        return "collection:" + "/".join(reversed(parts))

    names = {key: collection_path(key) for key in collections}
    for kind in ("images", "documents"):
        for r in read_stream(bundle, kind):
            names[r["key"]] = f"{kind}:{r['fields']['title']}:{r['sha256']}"

    def fix(value):
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, str):
            if value in names:
                return names[value]
            for key, name in names.items():
                if key.startswith(("image:", "document:")) and f'id="{key}"' in value:
                    value = value.replace(f'id="{key}"', f'id="{name}"')
        return value

    out = {}
    for stream in (
        "locales",
        "units",
        "pages",
        "sites",
        "settings",
        "redirects",
        "sequences",
        "publication_events",
    ):
        out[stream] = fix(read_stream(bundle, stream))
    out["collections"] = sorted(names[k] for k in collections)
    for kind in ("images", "documents"):
        out[kind] = sorted(
            json.dumps(
                fix({k: v for k, v in r.items() if k not in ("key", "file")}),
                sort_keys=True,
                ensure_ascii=False,
            )
            for r in read_stream(bundle, kind)
        )
    out["snippets"] = sorted(
        json.dumps([r["model"], fix(r["fields"])], sort_keys=True, ensure_ascii=False)
        for r in read_stream(bundle, "snippets")
    )
    return out


# --- database snapshots ------------------------------------------------------------------------
def snapshot():
    """Counts and a digest of the tables an import writes: equal snapshots = unchanged."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection, Revision, Site

    from portal.migration.models import ImportedObject
    from portal.statistics.models import DailyCount, PublicationEvent
    from portal.units.models import Unit

    state = {}
    for model in (
        Page,
        Revision,
        Image,
        Document,
        Collection,
        Redirect,
        Site,
        Unit,
        ImportedObject,
        PublicationEvent,
        DailyCount,
    ):
        state[model.__name__] = model.objects.count()
    state["pages"] = sorted(
        Page.objects.values_list(
            "pk",
            "title",
            "slug",
            "url_path",
            "live",
            "first_published_at",
            "last_published_at",
            "has_unpublished_changes",
            "latest_revision_id",
        )
    )
    state["counts"] = sorted(
        DailyCount.objects.values_list(
            "day", "column_id", "unit_id", "category", "label", "new_items", "updates"
        )
    )
    return state


def snapshot_diff(a, b):
    """Readable differences between two snapshots (for assertion messages)."""
    lines = [
        f"{k}: {a[k]} != {b.get(k)}" for k in a if k not in ("pages", "counts") and a[k] != b.get(k)
    ]
    for key in ("pages", "counts"):
        left, right = set(a[key]), set(b[key])
        lines += [f"- {row}" for row in sorted(left - right, key=str)[:10]]
        lines += [f"+ {row}" for row in sorted(right - left, key=str)[:10]]
    return "\n".join(lines)


# --- an empty database in a subprocess ---------------------------------------------------------
class EmptyTarget:
    """A freshly migrated database of the same engine as the test database, used through
    manage.py in subprocesses (so that nothing of the test database leaks into it)."""

    def __init__(self, tmp_path):
        self.tmp = Path(tmp_path)
        settings = connection.settings_dict
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.name = f"{settings['NAME']}_mig_{uuid.uuid4().hex[:8]}"
            user = settings.get("USER") or "postgres"
            host = settings.get("HOST") or "127.0.0.1"
            port = settings.get("PORT") or 5432
            password = settings.get("PASSWORD") or ""
            auth = f"{user}:{password}@" if password else f"{user}@"
            self.url = f"postgres://{auth}{host}:{port}/{self.name}"
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = str(self.tmp / "target.sqlite3")
            self.url = f"sqlite:///{self.name}"
        self.media = self.tmp / "target-media"
        # its own cache folder: a cache shared with other databases would hand it their
        # site root paths
        self.env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "CACHE_DIR": str(self.tmp / "target-cache"),
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "SECRET_KEY": "migration-test",
            "PYTHONPATH": str(BASE_DIR),
        }
        self.env.pop("REDIS_URL", None)
        self.env.pop("ELASTICSEARCH_URL", None)
        self.manage("migrate", "--noinput", "-v0")

    def _admin(self, sql):
        import psycopg

        settings = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            user=settings.get("USER") or "postgres",
            host=settings.get("HOST") or "127.0.0.1",
            port=settings.get("PORT") or 5432,
            password=settings.get("PASSWORD") or None,
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            env=self.env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr[-4000:]}"
            )
        return result

    def python(self, code):
        """Run Django code in the target; returns its stdout."""
        result = self.manage("shell", "-c", code)
        return result.stdout

    def drop(self):
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
