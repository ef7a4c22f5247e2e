"""PostgreSQL only: drop the GIN indexes Wagtail puts on an index entry's ``title`` and on
its ``body`` separately. Every search matches ``title || body`` (modelsearch's own
compiler and search/backends/database.py alike), which has its own GIN index (0002), and
ranks with ts_rank, which reads the row: the two were written on every indexing and never
read — 40 % of the cost of inserting an entry (docs/performance.md, 'Index build').

Wagtail's model still declares them (Django's state is left as it is): should a later
Wagtail migration alter them, reverse this one first."""

from django.db import migrations

FIELDS = (["title"], ["body"])


def _indexes(apps):
    model = apps.get_model("wagtailsearch", "IndexEntry")
    return model, [index for index in model._meta.indexes if list(index.fields) in FIELDS]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _model, indexes = _indexes(apps)
    for index in indexes:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index.name}"')


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model, indexes = _indexes(apps)
    for index in indexes:
        schema_editor.add_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0009_sqlite_fts_update_trigger_text_only"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(drop, restore)]
