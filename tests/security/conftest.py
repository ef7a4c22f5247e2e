"""Shared helpers of the security suite: a digest of every table in the database."""

import hashlib

from django.db import connection


def table_snapshot():
    """{table: (row count, digest of all rows)} for every table of the database, so that
    "0 rows changed" means exactly that (not only the tables a feature is known to touch)."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()
            state[table] = (len(rows), digest)
    return state


def snapshot_changes(before, after):
    return [
        f"{table}: {before.get(table)} -> {after.get(table)}"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]
