"""The production stack under load: requests per second and latency of the home page and a
news article, side by side in one run, through

(a) gunicorn alone (production settings, SQLite, 2 workers; page cache off: every request
    renders), and with the in-application page cache on;
(b) nginx with the documented configuration (docs/deployment.md, as tests/stack runs it)
    in front of that gunicorn, its proxy cache on and purges pointed at it;
(c) nginx serving a saved copy of the same page from disk;

and, when BAKERYDEMO_DIR names a checkout of Wagtail's bakerydemo (outside this project,
with its demo data loaded: `manage.py load_initial_data`), the same gunicorn line for its
home page and a blog post, for the uncached ratio. BAKERYDEMO_PYTHON is the interpreter to
run it with (default: BAKERYDEMO_DIR/../bakerydemo-venv/bin/python when it exists, else
this one) — with the same Wagtail and Django as the portal.

`python benchmarks/bench_stack.py` — wrk on loopback (BENCH_STACK_SECONDS, default 5 s per
line, at most 10); without wrk, a small Python load generator (slower: it measures less of
the server's capacity, and says so). The demo portal is built once (a few minutes) and
reused by later runs (BENCH_REUSE_DB=0 for a fresh one); a run on it takes about 1.5 min.
Writes its section of docs/performance.md.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import BASE_DIR, write_section
from _stack import PY, demo_portal, free_port, get, load_average, stop, wait_for_port

sys.path.insert(0, str(BASE_DIR))
from tests.stack.nginxconf import stack_nginx_config, static_copy_config  # noqa: E402

SECONDS = min(10, max(1, int(os.environ.get("BENCH_STACK_SECONDS", "5"))))
CONNECTIONS = int(os.environ.get("BENCH_STACK_CONNECTIONS", "8"))
WORKERS = 2
HOST = "localhost"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-stack-production-secret-key-0123456789-abcdefghijklmnop",
    "PORTAL_DATA_KEY": "bench-stack-personal-data-key-0123456789-abcdef",
    "PASSWORD_RESET_ENABLED": "0",
    "SECURE_SSL_REDIRECT": "0",  # gunicorn answers plain HTTP on loopback in line (a)
    "ALLOWED_HOSTS": "localhost,127.0.0.1",
    "SERVE_MEDIA": "0",
}


# --- load generation ------------------------------------------------------------------------
def wrk_available():
    return shutil.which("wrk") is not None


def run_wrk(port, path):
    """(req/s, p50 ms, p99 ms, non-2xx count) from wrk."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            f"Host: {HOST}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 30,
    ).stdout

    def ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return (
        float(rps.group(1)) if rps else float("nan"),
        ms("50"),
        ms("99"),
        int(bad.group(1)) if bad else 0,
    )


def run_python_load(port, path):
    """The fallback without wrk: CONNECTIONS threads with keep-alive connections for
    SECONDS; the same figures as run_wrk."""
    deadline = time.monotonic() + SECONDS
    latencies, bad, lock = [], [0], threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, errors = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": HOST})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            bad[0] += errors

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 20)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [float("nan")]
    return (
        len(latencies) / elapsed,
        ordered[len(ordered) // 2],
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        bad[0],
    )


def load(port, path):
    get(port, path, host=HOST)  # renditions, templates, caches: not part of the figure
    return run_wrk(port, path) if wrk_available() else run_python_load(port, path)


# --- servers --------------------------------------------------------------------------------
def start_gunicorn(cwd, env, port, python=PY, config=True):
    gunicorn = str(Path(python).with_name("gunicorn"))
    args = [gunicorn]
    if config:
        args += ["-c", "portal/gunicorn.conf.py"]
    args += [
        env.pop("WSGI_APP", "portal.wsgi:application"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        "60",
    ]
    log = open(Path(tempfile.gettempdir()) / f"bench-stack-gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, seconds=120)
    except RuntimeError:
        stop(process)
        raise RuntimeError("gunicorn did not start:\n" + Path(log.name).read_text()[-3000:])
    return process


def start_nginx(config_text, workdir):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    config = workdir / "nginx.conf"
    config.write_text(config_text)
    check = subprocess.run(
        [nginx, "-t", "-p", str(workdir), "-c", str(config)], capture_output=True, text=True
    )
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    return subprocess.Popen(
        [nginx, "-p", str(workdir), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def nginx_available():
    return bool(shutil.which("nginx") or Path("/usr/sbin/nginx").exists())


def article_path(env):
    out = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-c",
            "from news.models import NewsPage\n"
            "from portal.core.sites import default_site\n"
            "site = default_site()\n"
            "print(NewsPage.objects.live().descendant_of(site.root_page)"
            ".filter(cover_image__isnull=False)"
            ".order_by('-first_published_at').first().relative_url(site))",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


# --- the portal -----------------------------------------------------------------------------
def bench_portal():
    """The demo portal of an earlier run (migrated again, which is quick when nothing
    changed), or a fresh one; BENCH_REUSE_DB=0 forces a fresh one."""
    workdir = Path(tempfile.gettempdir()) / "portal-bench-stack"
    if os.environ.get("BENCH_REUSE_DB", "1") == "1" and (workdir / "ready").exists():
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "CACHE_DIR": str(workdir / "cache"),
            "STATIC_ROOT": str(workdir / "static"),
            "SECRET_KEY": "bench-key",
            "PYTHONUNBUFFERED": "1",
        }
        subprocess.run(
            [PY, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
    else:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir()
        workdir, env = demo_portal(workdir)
        (workdir / "ready").touch()
    for sub in ("cache", "nginx", "nginx-static", "copies"):
        shutil.rmtree(workdir / sub, ignore_errors=True)  # nothing cached from a last run
    return workdir, env


def portal_rows(targets):
    rows = {}
    workdir, env = bench_portal()
    env = {**env, **PRODUCTION_ENV}
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    targets["article"] = article_path(env)
    pages = {"home": "/", "article": targets["article"]}

    # (a) gunicorn alone, every request rendered; then with the in-application page cache
    for label, extra in (
        ("(a) gunicorn alone, uncached", {"PAGECACHE_ENABLED": "0"}),
        ("(a') gunicorn, in-app page cache", {}),
    ):
        port = free_port()
        process = start_gunicorn(BASE_DIR, {**env, **extra}, port)
        try:
            for name, path in pages.items():
                rows[(label, name)] = load(port, path)
                print(label, name, rows[(label, name)], flush=True)
        finally:
            stop(process)

    if not nginx_available():
        print("nginx is not installed: lines (b) and (c) skipped")
        return rows, workdir
    nginx_dir = workdir / "nginx"
    (nginx_dir / "cache").mkdir(parents=True, exist_ok=True)
    app_port, port, refresh_port, redirect_port = (free_port() for _ in range(4))
    process = start_gunicorn(
        BASE_DIR, {**env, "FRONTEND_CACHE_NGINX_URL": f"http://127.0.0.1:{refresh_port}"}, app_port
    )
    nginx = start_nginx(
        stack_nginx_config(
            app_port=app_port,
            port=port,
            refresh_port=refresh_port,
            redirect_port=redirect_port,
            workdir=nginx_dir,
            static=workdir / "static",
            media=workdir / "media",
        ),
        nginx_dir,
    )
    copies = workdir / "copies"
    try:
        wait_for_port(port, nginx, seconds=20)
        for name, path in pages.items():
            get(port, path, host=HOST)
            status, headers, body, _ = get(port, path, host=HOST)
            assert status == 200 and headers.get("X-Cache-Status") == "HIT", (path, headers)
            target = copies / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)  # (c) serves exactly these bytes
            label = "(b) nginx + proxy cache (purge on)"
            rows[(label, name)] = load(port, path)
            print(label, name, rows[(label, name)], flush=True)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        stop(process)

    static_dir = workdir / "nginx-static"
    static_dir.mkdir(exist_ok=True)
    port = free_port()
    nginx = start_nginx(static_copy_config(port, copies, static_dir), static_dir)
    try:
        wait_for_port(port, nginx, seconds=20)
        for name, path in pages.items():
            label = "(c) nginx, saved static copy"
            rows[(label, name)] = load(port, path)
            print(label, name, rows[(label, name)], flush=True)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    return rows, workdir


# --- bakerydemo -----------------------------------------------------------------------------
def bakerydemo_python(folder):
    configured = os.environ.get("BAKERYDEMO_PYTHON")
    if configured:
        return configured
    venv = folder.parent / "bakerydemo-venv" / "bin" / "python"
    return str(venv) if venv.exists() else PY


def versions(python, cwd):
    out = subprocess.run(
        [python, "-c", "import django, wagtail; print(django.__version__, wagtail.__version__)"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def bakerydemo_rows(targets):
    """(rows, note): bakerydemo's uncached home page and a blog post, or why not."""
    folder = os.environ.get("BAKERYDEMO_DIR")
    if not folder:
        return {}, "BAKERYDEMO_DIR is not set: the bakerydemo comparison was skipped."
    folder = Path(folder)
    if not (folder / "manage.py").exists():
        return {}, f"BAKERYDEMO_DIR={folder} holds no manage.py: comparison skipped."
    python = bakerydemo_python(folder)
    ours, theirs = versions(PY, BASE_DIR), versions(python, folder)
    if ours != theirs:
        return {}, f"bakerydemo runs Django/Wagtail {theirs}, the portal {ours}: skipped."
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "PAGECACHE", "CACHE_DIR"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "bench-bakerydemo-secret-key-0123456789-abcdefghijklmnop",
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",  # plain HTTP on loopback, as the portal's line (a)
            "WSGI_APP": "bakerydemo.wsgi:application",
        }
    )
    db = folder / os.environ.get("DATABASE_NAME", "bakerydemodb")
    if not db.exists():
        return {}, (
            f"{db} does not exist: run `manage.py migrate` and `manage.py load_initial_data`"
            " in BAKERYDEMO_DIR first; comparison skipped."
        )
    post = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from bakerydemo.blog.models import BlogPage\n"
            "print(BlogPage.objects.live().order_by('pk').first().url)",
        ],
        cwd=folder,
        env={k: v for k, v in env.items() if k != "WSGI_APP"},
        capture_output=True,
        text=True,
    )
    if post.returncode != 0:
        return {}, "bakerydemo did not answer `manage.py shell`: " + post.stderr[-500:]
    pages = {"home": "/", "article": post.stdout.strip().splitlines()[-1]}
    targets["bakerydemo article"] = pages["article"]
    port = free_port()
    process = start_gunicorn(folder, env, port, python=python, config=False)
    rows = {}
    try:
        for name, path in pages.items():
            status = get(port, path, host=HOST)[0]
            if status != 200:
                return {}, f"bakerydemo answered {status} for {path}: comparison skipped."
            label = "bakerydemo, gunicorn alone (stock Wagtail, no cache)"
            rows[(label, name)] = load(port, path)
            print(label, name, rows[(label, name)], flush=True)
    finally:
        stop(process)
    django_version, wagtail_version = (theirs.split() + ["?", "?"])[:2]
    return rows, (
        f"bakerydemo: {folder} (Django {django_version}, Wagtail {wagtail_version}, as the"
        " portal), its production settings, SQLite, plain gunicorn with the same workers."
    )


# --- report ---------------------------------------------------------------------------------
def main():
    started = time.monotonic()
    load_before = load_average()
    targets = {}
    rows, workdir = portal_rows(targets)
    bakery, bakery_note = bakerydemo_rows(targets)
    print(bakery_note)
    rows.update(bakery)
    load_after = load_average()
    tool = (
        f"wrk, 2 threads, {CONNECTIONS} connections, {SECONDS} s per line"
        if wrk_available()
        else f"no wrk on this machine: a Python load generator ({CONNECTIONS} threads,"
        f" {SECONDS} s per line), which itself takes CPU from the servers"
    )
    lines = [
        "## Production stack under load (bench_stack.py)",
        "",
        f"`python benchmarks/bench_stack.py`: demo portal, production settings, SQLite,"
        f" gunicorn -w {WORKERS} (portal/gunicorn.conf.py); {tool}, on loopback, no TLS,"
        " uncompressed responses. Home page `/` and the newest news article with a picture"
        f" (`{targets.get('article', '?')}`).",
        "",
        "| server | page | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for (label, name), (rps, p50, p99, bad) in rows.items():
        lines.append(f"| {label} | {name} | {rps:,.0f} | {p50:.1f} | {p99:.1f} | {bad} |")
    lines.append("")

    def rps(label, name):
        return rows.get((label, name), (float("nan"),))[0]

    for name in ("home", "article"):
        cached = rps("(b) nginx + proxy cache (purge on)", name)
        static = rps("(c) nginx, saved static copy", name)
        uncached = rps("(a) gunicorn alone, uncached", name)
        bakery_rps = rps("bakerydemo, gunicorn alone (stock Wagtail, no cache)", name)
        parts = [f"- {name}: (b)/(c) = {cached / static:.0%}"]
        if bakery:
            parts.append(f"uncached portal / bakerydemo = {uncached / bakery_rps:.2f}×")
        lines.append("; ".join(parts) + ".")
    lines += [
        "",
        bakery_note + (f" Its article: `{targets['bakerydemo article']}`." if bakery else ""),
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on a shared 2-CPU machine (load"
        f" generator and servers on the same CPUs); load average {load_before[0]:.1f} before,"
        f" {load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f} (1/5/15 min) after;"
        f" {time.monotonic() - started:.0f} s in all. Aims (issue 18): (b) ≥ 50% of (c);"
        " uncached ≥ 2× bakerydemo.",
    ]
    write_section("stack", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
