"""PostgreSQL only: a B-tree on the integer form of each search index entry's object id.

The segmenting backend (search/backends/database.py, ``EntryFirstMixin._newest_matches``)
finds the newest matches of a common word by combining this index (a range of the newest
object ids) with the GIN index of migration 0002, so that it never reads every match. The
expression is guarded: an object id that is not a number (a model with a text primary key)
indexes as NULL instead of failing the insert. It must stay identical to ``ObjectKey``."""

from django.db import migrations

INDEX = "portal_search_entry_object_key"
EXPRESSION = "(CASE WHEN object_id ~ '^[0-9]{1,18}$' THEN (object_id)::bigint END)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" ({EXPRESSION})')
    # statistics of the new expression now, not at autovacuum's next pass: without them
    # the planner takes "object key IN (1,000 ids)" for half the table and scans it all
    schema_editor.execute(f'ANALYZE "{table}"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_indexentry_all_text_gin")]

    operations = [migrations.RunPython(create, drop)]
