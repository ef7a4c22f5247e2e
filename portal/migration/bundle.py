"""The bundle on disk: file names, JSON Lines streams, checksums, schema, progress.

A bundle is a folder (see docs/migration.md):

    manifest.json           schema version, source site identity, counts, every file's
                            SHA-256 and size
    locales.jsonl  collections.jsonl  units.jsonl  images.jsonl  documents.jsonl
    snippets.jsonl pages.jsonl  sites.jsonl  settings.jsonl  redirects.jsonl
    sequences.jsonl publication_events.jsonl
    files/images/<id>/<name>     original image files
    files/documents/<id>/<name>  original document files

Records are one JSON object per line, so both sides stream them with bounded memory.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from portal.core.progress import Progress as Progress  # re-exported for exporter and importer

SCHEMA_VERSION = "1.0"
SUPPORTED_MAJOR = 1
SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "bundle-v1.schema.json"
MANIFEST = "manifest.json"

#: stream name -> JSON Schema definition of one record, in import order
STREAMS = {
    "locales": "locale",
    "collections": "collection",
    "units": "unit",
    "images": "image",
    "documents": "document",
    "snippets": "snippet",
    "pages": "page",
    "sites": "site",
    "settings": "setting",
    "redirects": "redirect",
    "sequences": "sequence",
    "publication_events": "publication_event",
}
CHUNK = 1024 * 1024


#: longest value quoted in an error message, and longest message: an error about a
#: 5-million-character title must not itself be 15 MB
QUOTE_LIMIT = 80
MESSAGE_LIMIT = 2000


def shorten(value, limit=QUOTE_LIMIT):
    """``value`` as text, cut to ``limit`` characters with a note of its real length."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text)} 个字符）"


class BundleError(Exception):
    """A bundle that cannot be imported; the message says why, in Chinese (never longer
    than MESSAGE_LIMIT characters, whatever the bundle holds)."""

    def __init__(self, message=""):
        message = str(message)
        if len(message) > MESSAGE_LIMIT:
            message = message[: MESSAGE_LIMIT - 300] + "…（已截断）…" + message[-200:]
        super().__init__(message)


def dumps(record):
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class JsonlWriter:
    """Writes one stream, hashing as it goes."""

    def __init__(self, root, name):
        self.relpath = f"{name}.jsonl"
        self.path = Path(root) / self.relpath
        self.fh = open(self.path, "wb")
        self.sha = hashlib.sha256()
        self.size = 0
        self.count = 0

    def write(self, record):
        data = (dumps(record) + "\n").encode("utf-8")
        self.fh.write(data)
        self.sha.update(data)
        self.size += len(data)
        self.count += 1

    def close(self):
        self.fh.close()
        return {"path": self.relpath, "sha256": self.sha.hexdigest(), "size": self.size}


def read_jsonl(path):
    """Yield (line number, record) of a JSON Lines file; every line must be UTF-8 text
    holding one JSON object."""
    name = Path(path).name
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError as e:
                raise BundleError(
                    f"{name} 第 {number} 行不是有效的 UTF-8 文本（第 {e.start + 1} 个字节起），"
                    "迁移包已损坏或不是用本系统导出的"
                ) from None
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise BundleError(
                    f"{name} 第 {number} 行不是有效的 JSON（{e.msg}，第 {e.colno} 列）"
                ) from None
            except RecursionError:
                raise BundleError(f"{name} 第 {number} 行的 JSON 嵌套过深") from None
            if not isinstance(record, dict):
                raise BundleError(
                    f"{name} 第 {number} 行不符合迁移包格式：每行应是一个 JSON 对象，"
                    f"而这一行是 {type(record).__name__}"
                )
            yield number, record


def copy_with_hash(source_fh, target_path):
    """Copy an open binary file to ``target_path``; return (sha256, size)."""
    sha = hashlib.sha256()
    size = 0
    target_path.parent.mkdir(parents=True, exist_ok=True)
    with open(target_path, "wb") as out:
        while True:
            chunk = source_fh.read(CHUNK)
            if not chunk:
                break
            sha.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def file_sha256(path_or_fh):
    sha = hashlib.sha256()
    size = 0
    fh = open(path_or_fh, "rb") if isinstance(path_or_fh, (str, Path)) else path_or_fh
    try:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            sha.update(chunk)
            size += len(chunk)
    finally:
        if isinstance(path_or_fh, (str, Path)):
            fh.close()
    return sha.hexdigest(), size


# --- schema ------------------------------------------------------------------------------------
@cache
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def validator(definition):
    from jsonschema import Draft202012Validator

    root = schema()
    return Draft202012Validator({"$defs": root["$defs"], "$ref": f"#/$defs/{definition}"})


def validate(definition, record, where):
    error = next(iter(validator(definition).iter_errors(record)), None)
    if error is not None:
        location = "/".join(str(p) for p in error.absolute_path) or "（整条记录）"
        raise BundleError(
            f"{where}：字段 {shorten(location)} 不符合迁移包格式（{shorten(error.message, 200)}）"
        )


# --- progress ----------------------------------------------------------------------------------
