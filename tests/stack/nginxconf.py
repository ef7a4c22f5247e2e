"""nginx configuration for tests and benchmarks, generated from the text documented in
docs/deployment.md (so the documented configuration is the one that is tested)."""

import getpass
import os
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DOC = BASE_DIR / "docs" / "deployment.md"


def documented_nginx_config():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- nginx-config:start -->\s*```nginx\n(.*?)```\s*<!-- nginx-config:end -->",
        text,
        re.S,
    )
    assert block, "docs/deployment.md has no nginx configuration block"
    return block.group(1)


def stack_nginx_config(*, app_port, port, refresh_port, redirect_port, workdir, static, media):
    """The documented site configuration with the test's ports and folders, without TLS,
    inside a minimal nginx.conf for an unprivileged nginx."""
    site = documented_nginx_config()
    replacements = [
        ("/var/cache/nginx/portal", str(workdir / "cache")),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port};"),
        ("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{refresh_port};"),
        ("listen 80;", f"listen 127.0.0.1:{redirect_port};"),
        ("/srv/portal/static/", f"{static}/"),
        ("/srv/portal/media/", f"{media}/"),
    ]
    for old, new in replacements:
        assert old in site, f"docs/deployment.md no longer has {old!r}"
        site = site.replace(old, new)
    # no TLS in the test, no IPv6 listeners
    site = "\n".join(
        line for line in site.splitlines() if not line.strip().startswith(("ssl_", "listen [::]"))
    )
    return main_config(site, workdir)


def main_config(site, workdir):
    """``site`` (server blocks) inside a minimal nginx.conf for an unprivileged nginx whose
    files all live in ``workdir``."""
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    temp = workdir / "tmp"
    temp.mkdir(exist_ok=True)
    return f"""
{user}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{site}
}}
"""


def static_copy_config(port, root, workdir):
    """nginx serving saved copies of pages (``root``/<path>/index.html), for comparison."""
    site = f"""
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        gzip on;
        gzip_vary on;
        gzip_types text/css application/javascript application/json image/svg+xml;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}"""
    return main_config(site, workdir)
