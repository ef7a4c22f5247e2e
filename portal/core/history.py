"""Publishing with a historical time, for the migration import and demo content.

Ordinary publishing goes through Wagtail (``revision.publish``) and fires ``page_published``
at "now". Historical items (imported from another platform, or demo content spread over two
years) keep their original times. They are published through the same Wagtail path, so every
listener of ``page_published`` sees them, and listeners ask :func:`event_time` for the time
the publication counts at:

    from portal.core.history import event_time

    def on_page_published(sender, instance, **kwargs):
        when = event_time()          # the historical time during an import, else now

Editors never set 发布时间 themselves (伪造发稿日期 is a national veto item); only this module
writes a past time.
"""

import contextvars
from contextlib import contextmanager

from django.utils import timezone

_historical_time = contextvars.ContextVar("historical_publication_time", default=None)


def event_time():
    """The time the current publication event counts at."""
    return _historical_time.get() or timezone.now()


def is_historical():
    return _historical_time.get() is not None


@contextmanager
def historical_publication(published_at):
    if timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    token = _historical_time.set(published_at)
    try:
        yield published_at
    finally:
        _historical_time.reset(token)


def publish_with_time(page, published_at, user=None, first_published_at=None):
    """Publish ``page``'s latest revision as if it had happened at ``published_at``.

    ``first_published_at`` defaults to ``published_at`` for a page never published before;
    pass an earlier time for a republication of an older page.
    """
    from wagtail.models import Page

    with historical_publication(published_at) as when:
        first = first_published_at or page.first_published_at or when
        if timezone.is_naive(first):
            first = timezone.make_aware(first)
        # Wagtail keeps an existing first_published_at; set it before publishing so that the
        # page_published listeners already see the historical value.
        Page.objects.filter(pk=page.pk).update(first_published_at=first)
        page.first_published_at = first
        revision = page.latest_revision or page.save_revision(user=user, log_action=False)
        revision.publish(user=user, log_action=False, skip_permission_checks=True)
        Page.objects.filter(pk=page.pk).update(
            last_published_at=when, latest_revision_created_at=when
        )
        type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        page.last_published_at = when
    return page
