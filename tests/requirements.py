"""Skips that CI turns into failures.

Tests that need Chromium, PostgreSQL or ../shared/corpus call one of these. On a machine
without the thing, the test skips and says why; with ``PORTAL_STRICT_SKIPS=1`` (set by
.ci/run) it fails instead, so CI never skips silently.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
BASE_DIR = Path(__file__).resolve().parent.parent


def strict():
    return os.environ.get("PORTAL_STRICT_SKIPS") == "1"


def missing(reason):
    if strict():
        pytest.fail(f"{reason} (PORTAL_STRICT_SKIPS=1: CI must run this test)")
    pytest.skip(reason)


def require_chromium():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing(f"needs Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("needs the playwright package (pip install -e '.[dev]')")


def require_postgres():
    """PostgreSQL-only tests run in CI's PostgreSQL pass (which sets
    PORTAL_REQUIRE_POSTGRES=1); in the SQLite pass they skip, saying why."""
    if connection.vendor != "postgresql":
        reason = "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME"
        if os.environ.get("PORTAL_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def corpus_dir():
    return Path(os.environ.get("PORTAL_CORPUS_DIR", BASE_DIR.parent / "shared" / "corpus"))


def require_corpus():
    regulations = corpus_dir() / "regulations"
    if not regulations.is_dir() or not any(regulations.glob("*.md")):
        missing(f"needs the regulations corpus at {regulations} (set PORTAL_CORPUS_DIR)")
    return regulations


def nginx_binary():
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def require_nginx():
    binary = nginx_binary()
    if binary is None:
        missing("needs Debian's nginx (apt-get install -y nginx)")
    return binary


def require_soffice():
    """LibreOffice, to render the DOCX/XLSX reports to PDF the way a reader's office suite
    would. Returns the path of ``soffice``."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        missing(
            "needs LibreOffice to render DOCX/XLSX "
            "(apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui)"
        )
    return path
