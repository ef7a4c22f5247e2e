"""三同步: a policy document and its interpretation go live together, never the
interpretation alone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import PageLogEntry, TaskState

from portal.review import services
from portal.review.services import SyncError
from tests.factories import make_interpretation, make_policy
from tests.review.helpers import current_task_state


def submit(page, user):
    page.save_revision(user=user, log_action=False)
    return page.get_workflow().start(page, user)


def approve_step(page, user, comment=""):
    state = current_task_state(page)
    state.task.specific.on_action(state, user, "approve", comment=comment)


def approve_all(page, people):
    for user in (people.reviewer, people.secrecy, people.final):
        approve_step(page, user)


def live(page):
    page.refresh_from_db()
    return page.live


@pytest.fixture
def column(portal):
    return portal.unit_catalogue_column("czj")


@pytest.fixture
def pair(column):
    policy = make_policy(column, title="榕江县促进就业若干措施", publish=False, slug="jyzc")
    interpretation = make_interpretation(
        column, [policy], title="《榕江县促进就业若干措施》解读", publish=False, slug="jyzc-jd"
    )
    return policy, interpretation


def test_interpretation_waits_for_its_policy_then_goes_live_with_it(people, pair):
    policy, interpretation = pair
    submit(interpretation, people.editor)
    approve_all(interpretation, people)
    assert not live(interpretation)  # approved, but its document is not live
    assert PageLogEntry.objects.filter(page=interpretation, action="review.sync_hold").exists()

    submit(policy, people.editor)
    approve_all(policy, people)
    assert live(policy) and live(interpretation)
    entry = PageLogEntry.objects.get(page=interpretation, action="review.sync_publish")
    assert entry.user == people.final
    assert entry.data["policy_id"] == policy.pk
    policy.refresh_from_db()
    interpretation.refresh_from_db()
    assert abs((policy.first_published_at - interpretation.first_published_at).total_seconds()) < 5


def test_interpretation_still_in_review_does_not_go_live(people, pair):
    policy, interpretation = pair
    submit(interpretation, people.editor)
    approve_step(interpretation, people.reviewer)  # only one step done
    submit(policy, people.editor)
    approve_all(policy, people)
    assert live(policy)
    assert not live(interpretation)
    # when its review finishes, the document is live, so it publishes at once
    approve_step(interpretation, people.secrecy)
    approve_step(interpretation, people.final)
    assert live(interpretation)


def test_publication_is_atomic(people, pair, monkeypatch):
    policy, interpretation = pair
    submit(interpretation, people.editor)
    approve_all(interpretation, people)
    submit(policy, people.editor)
    approve_step(policy, people.reviewer)
    approve_step(policy, people.secrecy)

    real_publish = services._publish

    def failing(revision, user, log_action=True):
        if revision.object_id == str(interpretation.pk):
            raise RuntimeError("存储故障")
        return real_publish(revision, user, log_action)

    monkeypatch.setattr(services, "_publish", failing)
    final_state = current_task_state(policy)
    with pytest.raises(RuntimeError):
        approve_step(policy, people.final)
    # neither changed: the document is not live and its last step is still open
    assert not live(policy) and not live(interpretation)
    final_state.refresh_from_db()
    assert final_state.status == TaskState.STATUS_IN_PROGRESS
    monkeypatch.setattr(services, "_publish", real_publish)
    approve_step(policy, people.final)
    assert live(policy) and live(interpretation)


def test_interpretation_cannot_be_force_published_alone(people, pair):
    _policy, interpretation = pair
    with pytest.raises(ValidationError):
        services.force_publish(interpretation, people.admin, "紧急")
    assert not live(interpretation)


def test_no_path_publishes_an_interpretation_before_its_policy(people, pair):
    _policy, interpretation = pair
    revision = interpretation.save_revision(user=people.editor)
    with pytest.raises(SyncError), transaction.atomic():
        revision.publish(user=people.admin, skip_permission_checks=True)
    assert not live(interpretation)
    # the scheduler leaves a due interpretation waiting for its document
    from django.utils import timezone

    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now())
    services.publish_due()
    assert not live(interpretation)


def test_withdrawing_the_policy_withdraws_its_interpretations(client, people, column):
    policy = make_policy(column, title="已发布的政策文件", slug="wd-policy")
    interpretation = make_interpretation(column, [policy], title="已发布的解读", slug="wd-jd")
    assert live(policy) and live(interpretation)
    url = interpretation.url
    services.withdraw(policy, people.final, "文件已被新文件替代")
    assert not live(policy) and not live(interpretation)
    response = client.get(url)
    assert response.status_code == 410
    entry = PageLogEntry.objects.get(page=interpretation, action="review.withdraw")
    assert "随政策文件《已发布的政策文件》撤稿" in entry.data["reason"]  # internal, logged


def test_expired_policy_takes_its_interpretation_offline(people, column):
    import datetime

    from django.utils import timezone

    policy = make_policy(column, title="即将到期的政策文件", slug="exp-policy")
    interpretation = make_interpretation(column, [policy], title="即将到期的解读", slug="exp-jd")
    type(policy).objects.filter(pk=policy.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    services.publish_due()
    assert not live(policy)
    assert not live(interpretation)
    assert PageLogEntry.objects.filter(page=interpretation, action="review.sync_unpublish").exists()


def test_reviewers_see_the_pair_together(client, people, pair):
    from django.urls import reverse

    from tests.review.helpers import login

    policy, interpretation = pair
    submit(interpretation, people.editor)
    submit(policy, people.editor)
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(policy.pk,))).content.decode()
    assert "三同步" in html and "《榕江县促进就业若干措施》解读" in html and "审核中" in html
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=(interpretation.pk,))
    ).content.decode()
    assert "三同步" in html and "等待与其同步发布" in html
