"""SQLite only: the FTS5 copy of a search index entry is rewritten only when its text
changes, not when ``title_norm`` alone is updated.

Wagtail's trigger (wagtailsearch 0006) fires on every UPDATE of the entries table, and an
FTS5 update is a delete (re-tokenising the old text) plus an insert: setting the title
norms after each batch of ``add_bulk`` and once more over the whole table at the end of
``update_index`` re-indexed every entry two or three times. Restricted to the text columns
(``AFTER UPDATE OF title, body, autocomplete``), the trigger still keeps the FTS5 table in
step with every text change."""

from django.db import migrations

TRIGGER = "update_wagtailsearch_indexentry_fts"
BODY = (
    "BEGIN UPDATE {table}_fts SET title=NEW.title, body=NEW.body, "
    "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"
)


def _replace(schema_editor, columns):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER])
        if cursor.fetchone() is None:  # no FTS5 on this SQLite: nothing to replace
            return
    table = "wagtailsearch_indexentry"
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} AFTER UPDATE{columns} ON {table} " + BODY.format(table=table)
    )


def text_only(apps, schema_editor):
    _replace(schema_editor, " OF title, body, autocomplete")


def any_column(apps, schema_editor):
    _replace(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0008_site_scoping"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(text_only, any_column)]
