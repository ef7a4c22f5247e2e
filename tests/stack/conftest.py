"""The production stack on loopback: nginx, configured with the text of docs/deployment.md
(own ports and paths, no TLS), in front of a real gunicorn portal (tests/browser's
``running_portal``), with the application's cache refresh pointed at nginx."""

import http.client
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import _free_port, running_portal
from tests.requirements import require_nginx
from tests.stack.nginxconf import stack_nginx_config


@dataclass
class Stack:
    portal: object
    port: int
    app_port: int
    workdir: Path

    def get(self, path, cookies=None, direct=False, headers=None):
        """GET ``path`` through nginx (or from gunicorn directly); returns
        (status, headers, body text)."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.app_port if direct else self.port, timeout=30
        )
        request_headers = {"Host": "localhost", **(headers or {})}
        if cookies:
            request_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        conn.request("GET", path, headers=request_headers)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        result = (response.status, response, body)
        conn.close()
        return result

    def post(self, path, data, cookies):
        from urllib.parse import urlencode

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(
            "POST",
            path,
            body=urlencode(data),
            headers={
                "Host": "localhost",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                # nginx says X-Forwarded-Proto: https, which gunicorn trusts from loopback
                "Referer": f"https://localhost{path}",
            },
        )
        response = conn.getresponse()
        response.body = response.read().decode("utf-8", "replace")
        conn.close()
        return response


@pytest.fixture(scope="module")
def stack():
    nginx = require_nginx()
    workdir = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    for sub in ("cache", "tmp", "static"):
        (workdir / sub).mkdir()
    app_port, port, refresh_port, redirect_port = (_free_port() for _ in range(4))
    env = {
        "FRONTEND_CACHE_NGINX_URL": f"http://127.0.0.1:{refresh_port}",
        "STATIC_ROOT": str(workdir / "static"),
        "SERVE_MEDIA": "0",
    }
    with running_portal(extra_env=env, port=app_port, name="stack") as portal:
        portal.manage("collectstatic", "--noinput", "-v0")
        config = workdir / "nginx.conf"
        config.write_text(
            stack_nginx_config(
                app_port=app_port,
                port=port,
                refresh_port=refresh_port,
                redirect_port=redirect_port,
                workdir=workdir,
                static=workdir / "static",
                media=portal.workdir / "media",
            )
        )
        check = subprocess.run(
            [nginx, "-t", "-p", str(workdir), "-c", str(config)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen(
            [nginx, "-p", str(workdir), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            stack = Stack(portal=portal, port=port, app_port=app_port, workdir=workdir)
            deadline = time.monotonic() + 20
            while True:
                try:
                    stack.get("/health/")
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(
                            "nginx did not start:\n" + (workdir / "error.log").read_text()
                        ) from None
                    time.sleep(0.2)
            yield stack
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            shutil.rmtree(workdir, ignore_errors=True)
