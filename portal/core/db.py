"""Database housekeeping that the ORM does not do for us.

- ``analyze()``: after a bulk load PostgreSQL's planner still holds the statistics of the
  empty tables until autovacuum gets round to them (minutes to hours), and plans a filtered
  "newest" search as a nested loop over every row: 30 s and more. Whatever loads many rows
  (``bootstrap_portal``, ``import_site``, ``update_index``) calls ``analyze()`` at the end.
- ``statement_timeout()``: a bound on the statements a visitor's request may run (the
  search page), on PostgreSQL through ``SET LOCAL statement_timeout`` and on SQLite through
  a progress handler that interrupts the statement; the caller sees a ``DatabaseError`` and
  answers "搜索繁忙，请稍后再试" instead of holding a worker until gunicorn kills it.
"""

import logging
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

logger = logging.getLogger(__name__)


def analyze(tables=None, using=DEFAULT_DB_ALIAS):
    """Refresh the planner statistics of ``tables`` (default: every table of an installed
    model: a load fills pages, revisions, references, the search index, the apps' rows).

    Returns the tables analysed. PostgreSQL: ``ANALYZE`` per table; SQLite: ``ANALYZE``
    (its planner reads sqlite_stat1 too, and the statement is cheap)."""
    conn = connections[using]
    existing = set(conn.introspection.django_table_names(only_existing=True))
    tables = sorted(existing if tables is None else existing.intersection(tables))
    started = time.monotonic()
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ANALYZE {conn.ops.quote_name(table)}")
        elif conn.vendor == "sqlite":
            cursor.execute("ANALYZE")
    logger.info("analyzed %d tables in %.1f s", len(tables), time.monotonic() - started)
    return tables


@contextmanager
def statement_timeout(milliseconds):
    """Run the block with every statement bounded to ``milliseconds`` (0 or None: no bound).

    A statement that runs longer raises ``django.db.DatabaseError`` (PostgreSQL:
    QueryCanceled; SQLite: "interrupted")."""
    if not milliseconds:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(milliseconds)}")
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        deadline = time.monotonic() + milliseconds / 1000

        def interrupt():
            # a non-zero answer aborts the running statement with "interrupted"
            return 1 if time.monotonic() > deadline else 0

        raw.set_progress_handler(interrupt, 10_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    else:  # pragma: no cover - other engines are not supported
        yield
