"""Publishing, force-publishing, withdrawing and scheduled publishing, with 三同步.

三同步 (policy document and interpretation published together, 《关于全面推进政务公开工作的
意见》 / 国办发〔2016〕80号): an interpretation is never live while one of its policy
documents is not. An approved interpretation whose document is not live waits; publishing the
document publishes its waiting approved interpretations in the same transaction, so if one of
them fails, nothing changes.

Every path that makes a page live goes through :func:`publish_revision` here: the workflow's
last approval (``WAGTAIL_FINISH_WORKFLOW_ACTION``), the superuser's force-publish and the
scheduler. The admin's own publish buttons are switched off (see wagtail_hooks).
"""

import logging

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState

logger = logging.getLogger(__name__)

ACTION_FORCE_PUBLISH = "review.force_publish"
ACTION_WITHDRAW = "review.withdraw"
ACTION_SYNC_HOLD = "review.sync_hold"
ACTION_SYNC_PUBLISH = "review.sync_publish"
ACTION_SYNC_UNPUBLISH = "review.sync_unpublish"


class SyncError(ValidationError):
    pass


def _model(name):
    return apps.get_model("disclosure_catalog", name)


def is_interpretation(page):
    return isinstance(page, _model("InterpretationPage"))


def is_policy(page):
    return isinstance(page, _model("PolicyDocumentPage"))


def policies_of(page):
    """The policy documents an interpretation explains (from its latest content)."""
    return list(page.policies.all())


def all_policies_live(page, also_live=()):
    policies = policies_of(page)
    if not policies:
        return False
    live_ids = set(
        Page.objects.filter(pk__in=[p.pk for p in policies], live=True).values_list("pk", flat=True)
    ) | {p.pk for p in also_live}
    return all(p.pk in live_ids for p in policies)


def approved_waiting_revision(page):
    """The latest revision of ``page`` if it passed the whole workflow and is not live yet."""
    latest = page.get_latest_revision()
    if latest is None or (page.live and page.live_revision_id == latest.pk):
        return None
    if page.workflow_states.active().exists():
        return None
    state = (
        page.workflow_states.filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is None:
        return None
    last = state.task_states.order_by("-finished_at", "-pk").first()
    if last is None or last.revision_id != latest.pk:
        return None
    return latest


def waiting_interpretations(policy):
    Interpretation = _model("InterpretationPage")
    result = []
    for interpretation in Interpretation.objects.filter(policies=policy).distinct():
        revision = approved_waiting_revision(interpretation)
        if revision is not None:
            result.append((interpretation, revision))
    return result


def _publish(revision, user, log_action=True):
    revision.publish(user=user, log_action=log_action, skip_permission_checks=True)


@transaction.atomic
def publish_revision(page, revision, user=None, log_action=True):
    """Publish ``revision`` of ``page`` with the 三同步 rules. Returns the pages made live (or
    scheduled). An interpretation whose policy document is not live waits (logged)."""
    page = page.specific
    if is_interpretation(page):
        live_doc_content = revision.as_object()
        if not all_policies_live(live_doc_content):
            log(
                instance=page,
                action=ACTION_SYNC_HOLD,
                user=user,
                revision=revision,
                data={"comment": "政策文件尚未发布，解读审核通过后等待与政策文件同步发布"},
            )
            return []
        _publish(revision, user, log_action)
        return [page]
    _publish(revision, user, log_action)
    published = [page]
    page.refresh_from_db()
    if is_policy(page) and page.live:
        for interpretation, waiting in waiting_interpretations(page):
            if not all_policies_live(waiting.as_object()):
                continue
            _publish(waiting, user, log_action)
            log(
                instance=interpretation,
                action=ACTION_SYNC_PUBLISH,
                user=user,
                revision=waiting,
                data={"comment": f"随政策文件《{page.title}》同步发布", "policy_id": page.pk},
            )
            published.append(interpretation)
    return published


def finish_workflow(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: the last approval publishes (with 三同步)."""
    obj = workflow_state.content_object
    if isinstance(obj, Page):
        obj = obj.specific
        publish_revision(obj, obj.get_latest_revision(), user=user)
    else:
        obj.get_latest_revision().publish(user=user)


@transaction.atomic
def force_publish(page, user, reason):
    """A superuser's explicit override of the workflow: needs a reason, and is logged."""
    if not (user and user.is_superuser):
        raise PermissionDenied("只有超级管理员可以强制发布。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("强制发布必须填写理由。")
    page = page.specific
    revision = page.get_latest_revision() or page.save_revision(user=user, log_action=False)
    if is_interpretation(page) and not all_policies_live(revision.as_object()):
        raise SyncError("该解读对应的政策文件尚未发布，不能单独发布（三同步）。请先发布政策文件。")
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    log(
        instance=page,
        action=ACTION_FORCE_PUBLISH,
        user=user,
        revision=revision,
        data={"reason": reason, "comment": reason},
    )
    published = publish_revision(page, revision, user=user)
    return published


def public_path(page):
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, _root, path = parts
    return path


@transaction.atomic
def withdraw(page, user, reason, public_notice="", _cascade_from=None):
    """撤稿: unpublish ``page`` with a reason (internal: the audit log) and an optional public
    notice (shown at the old URL, which then answers 410). A policy document's live
    interpretations are withdrawn with it (三同步)."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    from .models import WithdrawnPage

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("撤稿必须填写原因。")
    page = page.specific
    if not page.live:
        raise ValidationError("该页面未发布，无需撤稿。")
    withdrawn = []
    if is_policy(page):
        # interpretations first: they must never be live without their document (三同步)
        for interpretation in interpretations_withdrawn_with(page):
            withdrawn += withdraw(
                interpretation,
                user,
                f"{reason}（随政策文件《{page.title}》撤稿）",
                public_notice,
                _cascade_from=page,
            )
    path = public_path(page)
    UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
    data = {"reason": reason, "comment": reason}
    if _cascade_from is not None:
        data["policy_id"] = _cascade_from.pk
    log(instance=page, action=ACTION_WITHDRAW, user=user, data=data)
    if path:
        WithdrawnPage.objects.update_or_create(
            path=path,
            defaults={
                "page": page,
                "title": page.title,
                "reason": reason,
                "public_notice": (public_notice or "").strip(),
                "withdrawn_by": user,
                "withdrawn_at": timezone.now(),
            },
        )
    return [page] + withdrawn


def interpretations_withdrawn_with(page):
    """The live interpretations that 撤稿 of ``page`` (a policy document) takes down too."""
    if not is_policy(page.specific):
        return []
    return list(_model("InterpretationPage").objects.live().filter(policies=page).distinct())


def unpublish_orphaned_interpretations(policy, user=None):
    """After a policy document went offline (expiry), take down the interpretations that
    would otherwise be live without it."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    taken_down = []
    for interpretation in (
        _model("InterpretationPage").objects.live().filter(policies=policy).distinct()
    ):
        if all_policies_live(interpretation):
            continue
        UnpublishPageAction(interpretation, user=user, log_action=True).execute(
            skip_permission_checks=True
        )
        log(
            instance=interpretation,
            action=ACTION_SYNC_UNPUBLISH,
            user=user,
            data={"comment": f"政策文件《{policy.title}》已下线，解读同步下线"},
        )
        taken_down.append(interpretation)
    return taken_down


# --- scheduled publishing -----------------------------------------------------------------
def publish_due(now=None, stdout=None):
    """Publish what is due and unpublish what expired. Returns (published, expired) counts.

    Works like Wagtail's ``publish_scheduled`` but through :func:`publish_revision`, so a
    scheduled interpretation waits for its policy document and a scheduled document takes its
    approved interpretations live with it.
    """
    now = now or timezone.now()
    expired = 0
    for page in Page.objects.live().filter(expire_at__lt=now).specific():
        with transaction.atomic():
            page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            if is_policy(page):
                unpublish_orphaned_interpretations(page)
        expired += 1
    published = 0
    due = Revision.page_revisions.filter(approved_go_live_at__lt=now).order_by(
        "approved_go_live_at", "pk"
    )
    for revision in due:
        page = revision.content_object.specific
        try:
            with transaction.atomic():
                if is_interpretation(page) and not all_policies_live(revision.as_object()):
                    continue  # waits for its policy document (三同步)
                made_live = publish_revision(
                    page, revision, user=None, log_action="wagtail.publish.scheduled"
                )
            published += len(made_live)
        except Exception:  # noqa: BLE001 - one bad page must not stop the others
            logger.exception("scheduled publishing failed for page %s", page.pk)
    return published, expired
