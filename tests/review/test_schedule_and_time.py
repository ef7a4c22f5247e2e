"""定时发布 with a controllable clock, and the real 发布时间 that editors cannot set."""

import datetime
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_news, paragraph_body
from tests.review.helpers import current_task_state


class Clock:
    """A controllable clock: everything reading django.utils.timezone.now sees it."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock():
    clock = Clock(timezone.now())
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


def close(a, b):
    """Equal to the millisecond (revisions store times in JSON at millisecond precision)."""
    return abs((a - b).total_seconds()) < 0.001


def approve_through_workflow(page, people, submit=True):
    if submit:
        page.save_revision(user=people.editor, log_action=False)
        page.get_workflow().start(page, people.editor)
    for user in (people.reviewer, people.secrecy, people.final):
        state = current_task_state(page)
        state.task.specific.on_action(state, user, "approve")
    page.refresh_from_db()
    return page


def test_scheduler_publishes_a_page_whose_go_live_time_has_passed(clock, people, news_column):
    go_live = clock.now + datetime.timedelta(hours=2)
    page = make_news(
        news_column, title="定时发布的通知", slug="dingshi", publish=False, go_live_at=go_live
    )
    approve_through_workflow(page, people)
    assert not page.live  # approved, waiting for its time
    assert close(page.get_latest_revision().approved_go_live_at, go_live)

    call_command("run_scheduler", "--once", "--no-inspection")  # whatever the hour
    page.refresh_from_db()
    assert not page.live  # not yet due

    clock.advance(hours=2, seconds=30)
    call_command("run_scheduler", "--once", "--no-inspection")  # whatever the hour
    page.refresh_from_db()
    assert page.live
    # 发布时间 is the real time it went live, not the moment it was approved
    assert close(page.first_published_at, clock.now)
    assert close(page.publication_time, clock.now)


def test_go_live_in_the_past_does_not_backdate(people, news_column):
    before = timezone.now()
    past = before - datetime.timedelta(days=30)
    page = make_news(
        news_column, title="倒填日期的稿件", slug="daotian", publish=False, go_live_at=past
    )
    approve_through_workflow(page, people)
    assert page.live
    assert page.first_published_at >= before
    assert page.first_published_at != past


def test_first_publication_time_survives_republishing(people, news_column):
    page = make_news(news_column, title="再次修改的稿件", slug="zaici", publish=False)
    page = approve_through_workflow(page, people)
    first = page.first_published_at
    page.body = paragraph_body("修改后的正文。")
    page = approve_through_workflow(page, people)
    assert close(page.first_published_at, first)
    assert page.last_published_at > first


PUBLICATION_FIELDS = {"first_published_at", "last_published_at", "latest_revision_created_at"}


def page_models():
    from wagtail.models import Page

    return [
        m
        for m in apps.get_models()
        if issubclass(m, Page) and m is not Page and not m._meta.abstract
    ]


@pytest.mark.parametrize("model", page_models(), ids=lambda m: m.__name__)
def test_no_edit_form_lets_anyone_set_the_publication_time(db, model):
    form_class = model.get_edit_handler().get_form_class()
    assert PUBLICATION_FIELDS.isdisjoint(form_class.base_fields), model


def test_posting_a_publication_time_is_ignored(client, people, news_column):
    from tests.review.helpers import create_news_via_admin, login

    login(client, people.editor)
    url_page, _ = create_news_via_admin(
        client,
        news_column,
        "提交伪造时间的稿件",
        ["县财政局通报预算执行情况。"],
        action="action-save",
    )
    # re-post the edit form with a forged time
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    from tests.review.helpers import news_form_data

    edit_url = reverse("wagtailadmin_pages:edit", args=(url_page.pk,))
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(news_form_data(url_page.title, ["县财政局通报预算执行情况。"], slug=url_page.slug))
    data["first_published_at"] = "2001-01-01 08:00"
    data["action-submit"] = "1"
    client.post(edit_url, data)
    page = approve_through_workflow(
        type(url_page).objects.get(pk=url_page.pk), people, submit=False
    )
    assert page.live
    assert page.first_published_at.year == timezone.now().year
