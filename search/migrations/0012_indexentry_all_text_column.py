"""PostgreSQL only: an index entry's ``title || body`` kept as a stored generated column,
``all_text``, with the GIN index every search matches on (it replaces 0002's index on the
expression).

Matching a phrase makes PostgreSQL test each candidate row again (GIN knows no word
positions), and with an expression index that test concatenated the row's two text
vectors each time: four times the cost of reading them (bench_search.py at 100,000
documents, docs/performance.md). The column costs the space of a second copy of the
vectors; PostgreSQL computes it on every write, so nothing that writes entries (Wagtail's
own code included) has to know about it. Adding it rewrites the table once.

Wagtail's model does not declare the column (Django's state is left as it is); the
segmenting backend reads it through ``search.backends.database.AllText``."""

from django.db import migrations

COLUMN = "all_text"
INDEX = "portal_search_entry_all_text_gin"
OLD_INDEX = "portal_search_entry_all_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps)
    schema_editor.execute(
        f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS {COLUMN} tsvector '
        "GENERATED ALWAYS AS (title || body) STORED"
    )
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin ({COLUMN})')
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps)
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON "{table}" USING gin ((title || body))'
    )
    schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS {COLUMN}')


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0011_search_term_per_site"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add, remove)]
