"""Wagtail's ``update_index``, followed by ``ANALYZE`` of the tables it filled (a freshly
rebuilt index otherwise keeps the planner statistics of an empty table: portal/core/db.py)."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from portal.core.db import analyze


class Command(RebuildCommand):
    def handle(self, **options):
        super().handle(**options)
        analyze()
