"""Warm start (portal/warmup.py, run by portal/gunicorn.conf.py in the gunicorn master)."""

import json
import os
import subprocess
import sys

from tests.requirements import BASE_DIR

# as in the gunicorn master: a fresh process, nothing loaded before warm_up()
PROBE = """
import json, django
django.setup()
from search.segmentation import segmenter
from portal.warmup import warm_up
from django.db import connections
warm_up()
print(json.dumps({
    "built": segmenter._tokenizer is not None,
    "portal_terms": segmenter.is_word("榕江"),
    "open_connections": [a for a in connections if connections[a].connection is not None],
}))
"""


def test_warm_up_builds_the_dictionary_and_leaves_no_connection_open(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'warm.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["built"]
    assert state["portal_terms"]  # the portal's own terms are in
    # a connection opened in the master would be shared by every forked worker
    assert state["open_connections"] == []


def test_the_warm_up_search_builds_the_search_path_and_leaves_no_trace(db, portal, settings):
    from search.backends import database
    from search.models import PopularSearchHit

    settings.ALLOWED_HOSTS = ["*"]
    database._cache.clear()
    from portal.warmup import first_search

    first_search()
    assert database._cache  # the backend's classes are built (modules imported)
    assert not PopularSearchHit.objects.exists()  # not counted as a popular search
