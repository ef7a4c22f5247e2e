"""Corrupted and hostile migration bundles (issue 16, items 1 and 14).

One good bundle of a representative site is exported once; every case copies it, damages it
in one way and imports it into the bootstrapped portal (which lacks that site, so a good
import would write hundreds of rows). Each case must be refused with a clear Chinese message
naming what is wrong, and every table of the database must be exactly as before.
"""

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import CommandError
from django.db import transaction

from tests import factories
from tests.migration.helpers import (
    build_site,
    export,
    import_,
    manifest,
    read_stream,
    rewrite_stream,
    write_manifest,
)

from .conftest import snapshot_changes, table_snapshot

HUGE = 5_000_000


@pytest.fixture(scope="module")
def good_bundle(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bundle of build_site(), exported in a transaction that is then rolled back."""
    path = tmp_path_factory.mktemp("security-bundle") / "bundle"
    with django_db_blocker.unblock():
        with transaction.atomic():
            build_site(factories.Portal())
            export(path)
            transaction.set_rollback(True)
    cache.clear()
    return path


# --- bundle surgery ----------------------------------------------------------------------------
def write_raw(bundle, name, data):
    """Replace a stream's bytes and fix its checksum: only the content is wrong."""
    (bundle / name).write_bytes(data)
    m = manifest(bundle)
    for entry in m["files"]:
        if entry["path"] == name:
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
    write_manifest(bundle, m)


def change_manifest(fn):
    def mutate(bundle):
        m = manifest(bundle)
        fn(m)
        write_manifest(bundle, m)

    return mutate


def change(stream, fn):
    return lambda bundle: rewrite_stream(bundle, stream, fn)


def page(records, title):
    return next(r for r in records if r["title"] == title)


def change_page(title, fn):
    return change("pages", lambda records: fn(page(records, title)))


def append(stream, *records):
    return change(stream, lambda existing: existing.extend(records))


def first_line_replaced(stream, data):
    def mutate(bundle):
        lines = (bundle / f"{stream}.jsonl").read_bytes().splitlines(keepends=True)
        write_raw(bundle, f"{stream}.jsonl", data + b"\n" + b"".join(lines[1:]))

    return mutate


def truncate_file(name, keep=0.5, fix_manifest=True):
    def mutate(bundle):
        data = (bundle / name).read_bytes()
        data = data[: int(len(data) * keep)]
        if fix_manifest:
            write_raw(bundle, name, data)
        else:
            (bundle / name).write_bytes(data)

    return mutate


def flip_byte(name):
    def mutate(bundle):
        data = bytearray((bundle / name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (bundle / name).write_bytes(bytes(data))

    return mutate


def remove_stream(name):
    def mutate(bundle):
        (bundle / name).unlink()
        m = manifest(bundle)
        m["files"] = [f for f in m["files"] if f["path"] != name]
        write_manifest(bundle, m)

    return mutate


def first_media_file(kind):
    def mutate(bundle):
        record = read_stream(bundle, kind)[0]
        (bundle / record["file"]).unlink()

    return mutate


def duplicate_page(title):
    def fn(records):
        records.append(dict(page(records, title), slug="another-slug"))

    return change("pages", fn)


def takeover(stream, model, fields, key=None):
    record = {"model": model, "fields": fields}
    if stream == "snippets":
        record["key"] = key or f"{model}:1"
    return append(stream, record)


# --- the cases ---------------------------------------------------------------------------------
@dataclass
class Case:
    id: str
    mutate: object
    expected: list = field(default_factory=list)


NEWS = "县政府召开春耕生产调度会"
CATALOG = "2024年部门预算公开"
DRAFT = "尚未发布的稿件"
MISSING_PAGE = "page:00000000-0000-0000-0000-000000000000:zh-hans"

CASES = [
    # the manifest
    Case("manifest-missing", lambda b: (b / "manifest.json").unlink(), ["没有 manifest.json"]),
    Case(
        "manifest-not-json",
        lambda b: (b / "manifest.json").write_text("{schema_version", encoding="utf-8"),
        ["manifest.json 不是有效的 JSON"],
    ),
    Case(
        "manifest-invalid-utf8",
        lambda b: (b / "manifest.json").write_bytes(b'{"schema_version": "1.0\xff\xfe"}'),
        ["manifest.json"],
    ),
    Case(
        "manifest-version-2",
        change_manifest(lambda m: m.update(schema_version="2.0")),
        ["不支持的迁移包格式版本", "2.0"],
    ),
    Case(
        "manifest-version-missing",
        change_manifest(lambda m: m.pop("schema_version")),
        ["不支持的迁移包格式版本", "缺失"],
    ),
    Case(
        "manifest-files-wrong-type",
        change_manifest(lambda m: m.update(files="pages.jsonl")),
        ["manifest.json", "files", "不符合迁移包格式"],
    ),
    Case(
        "manifest-path-traversal",
        change_manifest(
            lambda m: m["files"].append({"path": "../../etc/passwd", "sha256": "0" * 64, "size": 1})
        ),
        ["文件路径不安全", "../../etc/passwd"],
    ),
    Case(
        "manifest-absolute-path",
        change_manifest(
            lambda m: m["files"].append({"path": "/etc/passwd", "sha256": "0" * 64, "size": 1})
        ),
        ["文件路径不安全", "/etc/passwd"],
    ),
    Case("checksum-mismatch", flip_byte("pages.jsonl"), ["pages.jsonl", "SHA-256"]),
    Case(
        "size-mismatch-truncated",
        truncate_file("pages.jsonl", fix_manifest=False),
        ["pages.jsonl", "大小不符"],
    ),
    Case("stream-missing", remove_stream("redirects.jsonl"), ["缺少数据文件 redirects.jsonl"]),
    Case("image-file-missing", first_media_file("images"), ["缺少文件", "files/images"]),
    # streams that are not JSON Lines of the right shape
    Case("pages-truncated-json", truncate_file("pages.jsonl", 0.37), ["pages.jsonl", "JSON"]),
    Case(
        "pages-invalid-utf8",
        first_line_replaced("pages", b'{"title": "\xe6\xb0\xff"}'),
        ["pages.jsonl 第 1 行", "UTF-8"],
    ),
    Case(
        "pages-line-is-array",
        first_line_replaced("pages", b"[1, 2, 3]"),
        ["pages.jsonl 第 1 行", "不符合迁移包格式"],
    ),
    Case(
        "page-without-slug",
        change_page(NEWS, lambda r: r.pop("slug")),
        ["pages.jsonl", "slug", "不符合迁移包格式"],
    ),
    Case(
        "page-title-wrong-type",
        change_page(NEWS, lambda r: r.update(title=12345)),
        ["pages.jsonl", "title", "不符合迁移包格式"],
    ),
    Case(
        "page-unknown-type",
        change_page(NEWS, lambda r: r.update(type="nosuchapp.nosuchpage")),
        ["没有页面类型 nosuchapp.nosuchpage"],
    ),
    Case(
        "page-type-not-a-page",
        change_page(NEWS, lambda r: r.update(type="auth.user")),
        ["没有页面类型 auth.user"],
    ),
    Case(
        "page-parent-missing",
        change_page(NEWS, lambda r: r.update(parent=MISSING_PAGE)),
        [NEWS, "上级页面", "不存在"],
    ),
    Case("page-duplicate-key", duplicate_page(NEWS), ["重复", NEWS]),
    Case(
        "page-title-5M-characters",
        change_page(
            NEWS, lambda r: (r.update(title="长" * HUGE), r["fields"].update(title="长" * HUGE))
        ),
        ["title", "255"],
    ),
    Case(
        "page-slug-invalid",
        change_page(NEWS, lambda r: r.update(slug="a/../b c")),
        ["slug"],
    ),
    Case(
        "page-field-too-long",
        change_page(NEWS, lambda r: r["fields"].update(author="作" * 101)),
        [NEWS, "author", "100"],
    ),
    Case(
        "draft-field-too-long",
        change_page(DRAFT, lambda r: r["fields"].update(summary="摘" * 501)),
        [DRAFT, "summary", "500"],
    ),
    Case(
        "page-choice-invalid",
        change_page(CATALOG, lambda r: r["fields"].update(validity="永久有效")),
        [CATALOG, "validity"],
    ),
    Case(
        "page-validation-failed",
        change_page(CATALOG, lambda r: r["fields"].update(validity="废止", invalid_date=None)),
        [CATALOG, "invalid_date", "失效或废止日期"],
    ),
    Case(
        "page-date-malformed",
        change_page(NEWS, lambda r: r.update(first_published_at="2025-13-45T99:00:00")),
        ["pages.jsonl", "first_published_at"],
    ),
    Case(
        "page-image-reference-missing",
        change_page(NEWS, lambda r: r["fields"].update(cover_image="image:999999")),
        [NEWS, "cover_image", "image:999999", "不存在"],
    ),
    Case(
        "image-file-outside-manifest",
        change("images", lambda records: records[0].update(file="files/../manifest.json")),
        ["images.jsonl", "不在清单中"],
    ),
    Case(
        "image-title-too-long",
        change("images", lambda records: records[0]["fields"].update(title="图" * 300)),
        ["images.jsonl", "title", "255"],
    ),
    Case(
        "unit-code-invalid",
        change("units", lambda records: records[0]["fields"].update(name="新单位", email="x")),
        ["units.jsonl", "email"],
    ),
    Case(
        "collection-parent-missing",
        change(
            "collections",
            lambda records: records.append(
                {"key": "collection:424242", "name": "孤儿", "parent": "collection:777777"}
            ),
        ),
        ["collections.jsonl", "collection:777777"],
    ),
    Case(
        "locale-unknown",
        change("locales", lambda records: records.append({"language_code": "xx-evil"})),
        ["locales.jsonl", "xx-evil"],
    ),
    Case(
        "redirect-path-too-long",
        change("redirects", lambda records: records[0]["fields"].update(old_path="/" + "a" * 300)),
        ["redirects.jsonl", "old_path", "255"],
    ),
    Case(
        "sequence-serial-negative",
        change("sequences", lambda records: records[0].update(last_serial=-5)),
        ["sequences.jsonl", "last_serial"],
    ),
    Case(
        "snippet-unknown-model",
        takeover("snippets", "nosuchapp.thing", {"name": "x"}),
        ["snippets.jsonl", "nosuchapp.thing", "不能导入"],
    ),
    Case(
        "setting-unknown-model",
        takeover("settings", "nosuchapp.thing", {}),
        ["settings.jsonl", "nosuchapp.thing", "不能导入"],
    ),
    Case(
        "publication-event-bad-day",
        change(
            "publication_events",
            lambda records: records[0].update(day="2025-02-30"),
        ),
        ["publication_events.jsonl", "day"],
    ),
    # account takeover: records of models a bundle must never write
    Case(
        "takeover-snippet-user-superuser",
        takeover(
            "snippets",
            "auth.user",
            {
                "username": "victim",
                "is_superuser": True,
                "is_staff": True,
                "password": "md5$salt$0123456789abcdef0123456789abcdef",
            },
        ),
        ["snippets.jsonl", "auth.user", "不能导入"],
    ),
    Case(
        "takeover-setting-user",
        takeover("settings", "auth.user", {"username": "victim", "is_superuser": True}),
        ["settings.jsonl", "auth.user", "不能导入"],
    ),
    Case(
        "takeover-group",
        takeover("snippets", "auth.group", {"name": "站点管理员"}),
        ["snippets.jsonl", "auth.group", "不能导入"],
    ),
    Case(
        "takeover-permission",
        takeover(
            "snippets",
            "auth.permission",
            {"name": "x", "codename": "access_admin", "content_type": "contenttypes.contenttype:1"},
        ),
        ["snippets.jsonl", "auth.permission", "不能导入"],
    ),
    Case(
        "takeover-session",
        takeover(
            "snippets",
            "sessions.session",
            {"session_key": "k" * 32, "session_data": "x", "expire_date": "2099-01-01T00:00:00"},
        ),
        ["snippets.jsonl", "sessions.session", "不能导入"],
    ),
    Case(
        "takeover-contenttype",
        takeover("snippets", "contenttypes.contenttype", {"app_label": "x", "model": "y"}),
        ["snippets.jsonl", "contenttypes.contenttype", "不能导入"],
    ),
    Case(
        "takeover-page-permission",
        takeover(
            "snippets",
            "wagtailcore.grouppagepermission",
            {"group": "group:编辑", "page": "page:x:zh-hans", "permission": "auth.permission:1"},
        ),
        ["snippets.jsonl", "wagtailcore.grouppagepermission", "不能导入"],
    ),
    Case(
        "takeover-user-profile",
        takeover("snippets", "wagtailusers.userprofile", {"preferred_language": "en"}),
        ["snippets.jsonl", "wagtailusers.userprofile", "不能导入"],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corrupted_bundle_is_refused_and_changes_nothing(case, good_bundle, portal, tmp_path):
    victim = get_user_model().objects.create_user("victim", password="Victim-Passw0rd!")
    bundle = tmp_path / "bundle"
    shutil.copytree(good_bundle, bundle)
    case.mutate(bundle)
    before = table_snapshot()
    with pytest.raises(CommandError) as info:
        import_(bundle)
    text = str(info.value)
    assert "导入失败，数据库未作任何修改" in text
    for expected in case.expected:
        assert expected in text, text[:2000]
    assert "Traceback" not in text
    assert len(text) < 4000, f"message of {len(text)} characters"
    changes = snapshot_changes(before, table_snapshot())
    assert not changes, "\n".join(changes)
    victim.refresh_from_db()
    assert not victim.is_superuser and victim.check_password("Victim-Passw0rd!")


def test_there_are_enough_cases():
    assert len(CASES) >= 29 + 6
    assert len({c.id for c in CASES}) == len(CASES)


def test_good_bundle_imports(good_bundle, portal, tmp_path):
    """The cases fail because of their damage: the undamaged bundle imports."""
    bundle = tmp_path / "bundle"
    shutil.copytree(good_bundle, bundle)
    assert "导入完成" in import_(bundle)
    assert json.loads((Path(bundle) / "manifest.json").read_text(encoding="utf-8"))
