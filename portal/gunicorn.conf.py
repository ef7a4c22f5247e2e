"""gunicorn settings for `make serve` and production (docs/deployment.md):
``gunicorn -c portal/gunicorn.conf.py portal.wsgi:application``.

The application is loaded once in the master (``preload_app``), which then warms what
would otherwise load lazily in every worker after the fork — jieba's dictionary for search
(≈2 s CPU and tens of MB per worker), the URL resolver, the page templates — and forks the
workers from that warm state, so that no visitor pays for it and the workers share those
pages of memory copy-on-write. Command-line options (``--bind``, ``--workers``) override
the values here.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60
preload_app = True


def on_starting(server):
    """In the master, after the application is loaded (``preload_app``) and before the
    listening socket is opened and any worker forked: no request waits for the warm-up."""
    from portal.warmup import warm_up

    took = warm_up()
    server.log.info("warm start: loaded in the master in %.2f s", took)
    # objects made so far stay put: the garbage collector will not touch (and so copy)
    # the pages the workers share
    gc.freeze()


def post_fork(server, worker):
    """In each worker, right after the fork: its own database connection, opened before the
    first request (persistent: CONN_MAX_AGE), so the first visitor does not wait for it."""
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError:  # the first request will try again
        server.log.warning("warm start: no database connection in worker %s", worker.pid)
