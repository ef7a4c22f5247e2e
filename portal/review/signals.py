"""Signal receivers keeping 三同步 and withdrawn URLs consistent on every publish path.

Taking interpretations offline with their policy document is done explicitly by the paths
that take documents offline (withdrawal, the scheduler's expiry), not by a page_unpublished
receiver: the migration import unpublishes pages to reproduce another site exactly and must
not cascade."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from portal.core.history import is_historical


@receiver(page_published)
def on_page_published(sender, instance, revision=None, user=None, **kwargs):
    from .models import WithdrawnPage
    from .services import SyncError, all_policies_live, is_interpretation

    # a republished page is no longer withdrawn
    WithdrawnPage.objects.filter(page_id=instance.pk).delete()
    # Defence in depth for 三同步: nothing makes an interpretation live before its policy
    # document (the admin's own paths already refuse). The migration import publishes with
    # historical times in its own order and is exempt.
    if is_historical():
        return
    page = instance.specific
    if is_interpretation(page) and not all_policies_live(page):
        if not transaction.get_connection().in_atomic_block:
            from wagtail.actions.unpublish_page import UnpublishPageAction

            UnpublishPageAction(page, log_action=False).execute(skip_permission_checks=True)
        raise SyncError("该解读对应的政策文件尚未发布，不能单独发布（三同步）。")
