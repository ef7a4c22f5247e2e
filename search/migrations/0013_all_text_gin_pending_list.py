"""PostgreSQL only: a short pending list for the GIN index every search matches on.

New GIN entries wait in the index's pending list (``fastupdate``) until it holds
``gin_pending_list_limit`` (4 MB by default) or a vacuum merges them; every search reads
the whole list. At 100,000 documents a full list (≈ 480 pages) cost each search's range
steps about 2 ms of 10 (bench_search.py, docs/performance.md). With 256 kB the list is
merged sixteen times as often, in smaller batches, and a search reads at most 32 pages
of it."""

from django.db import migrations

INDEX = "portal_search_entry_all_text_gin"
LIMIT_KB = 256


def shorten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (gin_pending_list_limit = {LIMIT_KB})")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0012_indexentry_all_text_column")]

    operations = [migrations.RunPython(shorten, restore)]
