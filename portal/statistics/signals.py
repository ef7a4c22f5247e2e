"""Signal receivers: Wagtail's publication signals move the counters.

The time of an event is ``portal.core.history.event_time()`` — the historical time while
``publish_with_time`` runs (imports, demo content), else now. Translations (pages outside the
default locale) and aliases on their own site are not counted: neither is new information.
An alias of another site's item (信息推送) is counted as that site's 转载
(``PageKind.REPRINT``), never as an item of its own.
"""

from django.db.models.signals import post_delete
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished

from portal.core.history import event_time, is_historical

from .models import EventType
from .recorder import is_reprint, record_page_event


def _counted(page):
    """Aliases (the same page shown in a second place) and translations are not counted,
    except an alias of another site's page: 转载 (信息推送)."""
    if getattr(page, "alias_of_id", None):
        return is_reprint(page)
    try:
        return page.locale_id == Locale.get_default().pk
    except Locale.DoesNotExist:
        return True


def on_page_published(sender, instance, **kwargs):
    if _counted(instance):
        record_page_event(instance, EventType.PUBLISH, event_time(), historical=is_historical())


def on_page_unpublished(sender, instance, **kwargs):
    if _counted(instance):
        record_page_event(instance, EventType.UNPUBLISH, event_time(), historical=is_historical())


def on_page_deleted(sender, instance, **kwargs):
    # connected for the base Page model only: every page deletion deletes its Page row, and
    # one receiver per row keeps Django's fast deletes for the other models
    record_page_event(instance, EventType.DELETE, event_time(), historical=is_historical())


def connect():
    page_published.connect(on_page_published, dispatch_uid="statistics_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="statistics_page_unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="statistics_page_deleted")
