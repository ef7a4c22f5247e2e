"""Receivers: mail the eligible reviewers when a review step starts."""

import logging

from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import task_submitted

logger = logging.getLogger(__name__)


@receiver(task_submitted, dispatch_uid="desk_notify_reviewers")
def on_task_submitted(sender, instance, user=None, **kwargs):
    from portal.core.history import is_historical
    from portal.review.models import ReviewTaskMixin

    from .reviewmail import notify_reviewers

    if is_historical():
        return
    task = instance.task.specific
    if not isinstance(task, ReviewTaskMixin):
        return
    obj = instance.workflow_state.content_object
    if obj is None:
        return
    page = obj.specific if isinstance(obj, Page) else obj
    try:
        notify_reviewers(instance, task, page)
    except Exception:  # noqa: BLE001 - a mail problem never blocks a submission
        logger.exception("notifying the reviewers of task state %s failed", instance.pk)
