"""Purge the 回收站: pages deleted more than 30 days ago are deleted for good. Run daily (the
scheduler ``run_scheduler`` does, docs/review.md)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "彻底删除在回收站中超过 30 天的页面"

    def handle(self, *args, **options):
        from portal.desk.recycle import RETENTION_DAYS, purge_expired

        count = purge_expired()
        if count or options.get("verbosity", 1) > 1:
            self.stdout.write(f"回收站：彻底删除 {count} 个超过 {RETENTION_DAYS} 天的页面")
