"""机构设置 is built from the unit records, not from a page's revisions: a unit saved or
deleted starts the in-app page cache afresh (portal/core/cache.py), as a publication does.
Front-end caches keep the page for PAGECACHE_SHARED_MAX_AGE, as for site settings."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.core.cache import bump_generation


def on_unit_changed(sender, instance, **kwargs):
    bump_generation()  # now and after commit, as a publication does
    transaction.on_commit(bump_generation)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            on_unit_changed,
            sender="units.Unit",
            dispatch_uid=f"government.unit_changed.{signal is post_save}",
        )
