"""A demo portal database and gunicorn/nginx processes for the stack benchmarks."""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BASE_DIR

PY = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo_portal(workdir=None):
    """A fresh SQLite demo portal (migrate + bootstrap_portal --demo); returns its env."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="portal-bench-stack-"))
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
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["bootstrap_portal", "--demo"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True
        )
    return workdir, env


def start_gunicorn(env, port, *, workers=2, warm=True, extra_env=None):
    args = [GUNICORN]
    if warm:
        args += ["-c", "portal/gunicorn.conf.py"]
    args += ["portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    process = subprocess.Popen(
        args,
        cwd=BASE_DIR,
        env={**env, **(extra_env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    return process


def wait_for_port(port, process=None, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("process exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def get(port, path, host="localhost"):
    """(status, headers, body bytes, seconds) of one GET."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body, time.perf_counter() - started


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def memory_mb(pid):
    """(RSS, PSS) of a process in MB; PSS counts shared pages once across processes."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def load_average():
    return os.getloadavg()
