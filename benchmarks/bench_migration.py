"""Migration bundle: export and import of 10,000 pages with attachments.

Steps, each in its own process (so that peak memory is that step's own ru_maxrss):

1. a source database (SQLite in a temporary folder): migrate + bootstrap_portal;
2. a bundle of the bootstrapped site plus N synthetic pages (news and 政策文件 with body,
   summary, 索引号, historical times) and one attached PDF for every five pages, written
   directly as JSON Lines (checksums in the manifest);
3. import of that bundle into the source database;
4. export of the source database (what is measured as export);
5. import of the export into a freshly migrated, empty database (measured as import).

Target (issue 6): at least 100 pages/s each way and under 500 MB peak memory.

    python benchmarks/bench_migration.py            # 10,000 pages
    PAGES=1000 python benchmarks/bench_migration.py # quicker
"""

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parent
sys.path.insert(0, str(HERE))

from _common import write_section  # noqa: E402

PAGES = int(os.environ.get("PAGES", "10000"))
PAGES_PER_DOCUMENT = 5


def env_for(db_path, media):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "MEDIA_ROOT": str(media),
        "CACHE_DIR": str(Path(media).with_name(Path(media).name + "-cache")),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PYTHONPATH": str(BASE_DIR),
    }
    env.pop("REDIS_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    return env


def step(env, *command):
    """Run a manage.py command in a measuring child process; returns its figures."""
    result = subprocess.run(
        [sys.executable, __file__, "--step", *command],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_step(argv):
    """Child side: run one management command, print seconds, CPU seconds and peak RSS."""
    import django

    django.setup()
    from django.core.management import call_command

    start, cpu = time.perf_counter(), time.process_time()
    call_command(*argv, stdout=open(os.devnull, "w"))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak}))


# --- the synthetic bundle ---------------------------------------------------------------------
def pdf(n):
    text = f"Attachment {n} " * 200
    content = f"BT /F1 10 Tf 20 100 Td ({text[:2000]}) Tj ET".encode()
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    return (
        head
        + b"2 0 obj << /Length "
        + str(len(content)).encode()
        + b" >>\nstream\n"
        + content
        + b"\nendstream endobj\n%%EOF\n"
    )


def add_synthetic_pages(bundle, count):
    """Append ``count`` pages and their documents to an exported bundle, fix the manifest."""
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    pages = [json.loads(line) for line in (bundle / "pages.jsonl").open(encoding="utf-8")]
    news_parents = [
        p
        for p in pages
        if p["type"] == "home.columnpage"
        and p["fields"].get("content_kind") == "news"
        and p["fields"].get("unit")
    ]
    catalogue_parents = [
        p
        for p in pages
        if p["type"] == "home.columnpage"
        and p["fields"].get("content_kind") == "catalogue"
        and p["fields"].get("unit")
    ]
    start = datetime(2016, 1, 1, 1, 0, tzinfo=UTC)
    files = []
    with (bundle / "documents.jsonl").open("a", encoding="utf-8") as docs:
        for d in range(count // PAGES_PER_DOCUMENT + 1):
            data = pdf(d)
            rel = f"files/documents/{900000 + d}/attachment-{d}.pdf"
            (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
            (bundle / rel).write_bytes(data)
            sha = hashlib.sha256(data).hexdigest()
            files.append({"path": rel, "sha256": sha, "size": len(data)})
            created = (start + timedelta(hours=7 * d)).isoformat()
            docs.write(
                json.dumps(
                    {
                        "key": f"document:{900000 + d}",
                        "file": rel,
                        "filename": f"attachment-{d}.pdf",
                        "sha256": sha,
                        "size": len(data),
                        "fields": {
                            "title": f"附件{d}",
                            "collection": "collection:1",
                            "created_at": created,
                            "file_size": len(data),
                            "file_hash": "",
                        },
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    with (bundle / "pages.jsonl").open("a", encoding="utf-8") as out:
        for n in range(count):
            when = (start + timedelta(hours=8 * n)).isoformat()
            catalogue = n % 2 == 1
            parent = (catalogue_parents if catalogue else news_parents)[
                n % 40 % len(catalogue_parents if catalogue else news_parents)
            ]
            unit = parent["fields"]["unit"]
            body = [
                {
                    "type": "paragraph",
                    "id": str(uuid.uuid4()),
                    "value": f"<p>第{n}号信息正文。为进一步做好相关工作，现将有关事项通知如下。</p>",
                },
                {
                    "type": "attachment",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "document": f"document:{900000 + n // PAGES_PER_DOCUMENT}",
                        "title": "附件",
                    },
                },
            ]
            tk = str(uuid.uuid4())
            fields = {
                "title": f"合成信息{n}",
                "seo_title": "",
                "search_description": "",
                "show_in_menus": False,
                "go_live_at": None,
                "expire_at": None,
                "expired": False,
                "alias_of": None,
                "unit": unit,
                "body": body,
            }
            if catalogue:
                year = 2016 + (8 * n) // (24 * 365)
                fields.update(
                    {
                        "index_number": f"{unit.split(':')[1]}/{year}-{90000 + n:05d}",
                        "publisher": "",
                        "document_number": f"榕府发〔{year}〕{n}号",
                        "written_date": None,
                        "topic_category": "综合政务/政务公开",
                        "genre": "通知",
                        "validity": "有效",
                        "effective_date": None,
                        "invalid_date": None,
                        "keywords": "合成 测试",
                        "summary": f"合成信息{n}的内容概述。",
                        "disclosure_attribute": "主动公开",
                        "is_normative": False,
                    }
                )
                kind = "disclosure_catalog.policydocumentpage"
            else:
                fields.update(
                    {
                        "source": "",
                        "author": "",
                        "summary": f"合成新闻{n}的摘要。",
                        "cover_image": None,
                    }
                )
                kind = "news.newspage"
            slug = f"s{n:05d}"
            out.write(
                json.dumps(
                    {
                        "key": f"page:{tk}:zh-hans",
                        "type": kind,
                        "locale": "zh-hans",
                        "translation_key": tk,
                        "parent": parent["key"],
                        "slug": slug,
                        "title": fields["title"],
                        "url_path": parent["url_path"] + slug + "/",
                        "url": (parent["url"] or "") + slug + "/",
                        "live": True,
                        "first_published_at": when,
                        "last_published_at": when,
                        "owner_unit": unit,
                        "index_number": fields.get("index_number"),
                        "fields": fields,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    counts = manifest["counts"]
    counts["pages"] += count
    counts["documents"] += len(files)
    for entry in manifest["files"]:
        if entry["path"] in ("pages.jsonl", "documents.jsonl"):
            data = (bundle / entry["path"]).read_bytes()
            entry["sha256"], entry["size"] = hashlib.sha256(data).hexdigest(), len(data)
    manifest["files"].extend(files)
    (bundle / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
    )


def main():
    work = Path(tempfile.mkdtemp(prefix="bench-migration-"))
    try:
        source_env = env_for(work / "source.sqlite3", work / "source-media")
        target_env = env_for(work / "target.sqlite3", work / "target-media")
        print("preparing source and empty target databases …", flush=True)
        for env in (source_env, target_env):
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                env=env,
                cwd=BASE_DIR,
                check=True,
            )
        subprocess.run(
            [sys.executable, "manage.py", "bootstrap_portal"],
            env=source_env,
            cwd=BASE_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        synthetic = work / "synthetic"
        step(source_env, "export_site", str(synthetic), "--quiet-progress")
        add_synthetic_pages(synthetic, PAGES)
        print(f"importing {PAGES} synthetic pages into the source …", flush=True)
        seeded = step(source_env, "import_site", str(synthetic), "--quiet-progress")
        bundle = work / "bundle"
        print("export …", flush=True)
        exported = step(source_env, "export_site", str(bundle), "--quiet-progress")
        manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
        pages = manifest["counts"]["pages"]
        documents = manifest["counts"]["documents"]
        size_mb = sum(f["size"] for f in manifest["files"]) / 1024 / 1024
        print("import into an empty database …", flush=True)
        imported = step(target_env, "import_site", str(bundle), "--quiet-progress")
        again = step(target_env, "import_site", str(bundle), "--quiet-progress")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def rate(figures):
        return pages / figures["seconds"]

    rows = [
        ("export (source → bundle)", exported),
        ("import into an empty database", imported),
        ("same bundle again (nothing to change)", again),
        ("import into the bootstrapped source (seeding)", seeded),
    ]
    lines = [
        "## Migration bundle (issue 6)",
        "",
        f"`benchmarks/bench_migration.py`: {pages:,} pages ({PAGES:,} synthetic news and 政策文件 "
        f"with body, 索引号 and historical times, plus the bootstrapped columns), "
        f"{documents:,} attached PDF documents (one per {PAGES_PER_DOCUMENT} pages), "
        f"bundle {size_mb:.1f} MB; SQLite, each step in its own process. "
        "Peak memory is the step's ru_maxrss. Target: ≥ 100 pages/s each way, < 500 MB.",
        "",
        "| step | wall s | CPU s | pages/s (wall) | pages/s (CPU) | peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, f in rows:
        lines.append(
            f"| {name} | {f['seconds']:.1f} | {f['cpu']:.1f} | {rate(f):.0f} | "
            f"{pages / f['cpu']:.0f} | {f['peak_mb']:.0f} |"
        )
    load = os.getloadavg()[0]
    lines += [
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at the end (a shared machine: "
        "wall time includes waiting for a CPU; CPU seconds are the process's own).",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("migration", text)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        run_step(sys.argv[2:])
    else:
        main()
