"""信息推送 (models.py): who may push what where, and what accepting does."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.core.permissions import has_permission
from portal.core.sites import site_id_for_path, site_ids_for_user

from .models import PushRequest, PushStatus

ACCEPT_PUSH = "platform_desk.accept_push"


def receiving_columns(page):
    """The columns of other sites that accept pushed items (``ColumnPage.accepts_pushes``)."""
    from home.models import ColumnPage

    own = site_id_for_path(page.path)
    return [
        column
        for column in ColumnPage.objects.live().filter(accepts_pushes=True).order_by("path")
        if site_id_for_path(column.path) not in (own, None)
    ]


def may_push(user, page):
    return bool(
        page.live
        and not page.alias_of_id
        and page.permissions_for_user(user).can_edit()
        and site_id_for_path(page.path) in site_ids_for_user(user)
    )


@transaction.atomic
def push(user, page, column, note=""):
    if not may_push(user, page):
        raise PermissionDenied
    if column.pk not in {c.pk for c in receiving_columns(page)}:
        raise ValidationError("该栏目不接收其他站点推送的信息。")
    request, created = PushRequest.objects.get_or_create(
        source=page, column=column, defaults={"pushed_by": user, "note": note[:200]}
    )
    if not created:
        raise ValidationError("该信息已推送到这个栏目。")
    return request


def may_decide(user, request):
    return has_permission(user, ACCEPT_PUSH) and site_id_for_path(
        request.column.path
    ) in site_ids_for_user(user)


def inbox(user):
    """The pending requests of the user's sites' columns."""
    from portal.core.sites import user_page_filter

    if not has_permission(user, ACCEPT_PUSH):
        return PushRequest.objects.none()
    return (
        PushRequest.objects.filter(user_page_filter(user, "column__"), status=PushStatus.PENDING)
        .select_related("source", "column", "pushed_by")
        .order_by("-pushed_at")
    )


@transaction.atomic
def decide(user, request, accept):
    if not may_decide(user, request):
        raise PermissionDenied
    request = PushRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PushStatus.PENDING:
        raise ValidationError("该推送已处理。")
    if accept:
        source = request.source.specific
        if not source.live:
            raise ValidationError("推送的信息已撤稿，不能采用。")
        column = request.column
        slug = source.slug
        if column.get_children().filter(slug=slug).exists():
            slug = f"{slug}-{request.pk}"
        from wagtail.actions.create_alias import CreatePageAliasAction

        # the receiving site's 终审 decided (may_decide); Wagtail's own check asks for the
        # right to add pages at the source, which the receiver does not have. The action is
        # logged as the receiver's.
        alias = CreatePageAliasAction(source, parent=column, update_slug=slug).execute()
        from wagtail.log_actions import log

        log(instance=alias, action="wagtail.create_alias", user=user)
        # a new live page on the receiving site: what a publication tells the page cache,
        # the search index and the receiver's counters (Wagtail sends nothing for an alias)
        from wagtail.signals import page_published

        alias = alias.specific
        page_published.send(sender=type(alias), instance=alias, revision=None)
        request.alias = alias
        request.status = PushStatus.ACCEPTED
    else:
        request.status = PushStatus.DECLINED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save()
    return request
