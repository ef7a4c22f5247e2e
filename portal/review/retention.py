"""Audit log retention: entries are kept at least six months (DESIGN §6; 《政府网站与政务新媒体
检查指标》 requires the publishing records to be traceable).

Wagtail never purges its audit log by itself. This guard refuses deleting any log entry younger
than the retention period, whatever code tries it (a queryset ``delete()`` sends ``pre_delete``
for each entry); ``manage.py purge_audit_log`` removes only older entries.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from django.utils import timezone

RETENTION_DAYS = 183  # six months


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)


class RetentionError(PermissionDenied):
    pass


def _guard(sender, instance, **kwargs):
    timestamp = getattr(instance, "timestamp", None)
    if timestamp is not None and timestamp > retention_cutoff():
        raise RetentionError("审计日志至少保存六个月，不能删除六个月内的日志记录。")


def connect():
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (PageLogEntry, ModelLogEntry):
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"review-retention-{model.__name__}")


__all__ = ["RETENTION_DAYS", "RetentionError", "connect", "retention_cutoff"]
