"""Acceptance: the county's 2019 figures (DESIGN §1), exactly, with noise that must not count.

Full scale (8,982 items) goes through the historical-import API; a scaled copy goes through
real pages published by Wagtail (``revision.publish`` via ``publish_with_time``, with
unpublish and delete through Wagtail's own actions), plus drafts, deleted drafts and an item
rejected in a workflow.
"""

import itertools

import pytest

from portal.core.columns import ColumnKey
from portal.statistics.recorder import HistoricalPublication, record_historical_publications
from tests.factories import add_page, make_catalog_item, make_news, paragraph_body

from .helpers import delete, republish, stats_json, unpublish, verify_ok
from .plan2019 import FULL, build_plan, expected, scaled

pytestmark = pytest.mark.django_db


def role_columns(portal):
    from home.models import ColumnPage
    from portal.units.models import Unit, UnitKind

    statutory = portal.column(ColumnKey.DISCLOSURE_STATUTORY)
    by_slug = {c.slug: c for c in ColumnPage.objects.child_of(statutory)}
    departments = [
        u.news_column.specific
        for u in Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("pk")[:6]
    ]
    townships = [
        u.news_column.specific
        for u in Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("pk")[:5]
    ]
    dept_catalogues = [
        u.catalogue_column.specific
        for u in Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("pk")[:2]
    ]
    return {
        "headlines": [portal.column(ColumnKey.NEWS_HEADLINES)],
        "departments": departments,
        "townships": townships,
        "finance": [by_slug["czxx"]],
        "proposals": [by_slug["tajy"]],
        "catalogue": [
            portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE),
            by_slug["ghjh"],
            *dept_catalogues,
        ],
        "other": [portal.column(ColumnKey.INTERACTION_INTERVIEWS)],
        "overview": [portal.column(ColumnKey.OVERVIEW)],
        "topic": [portal.column(ColumnKey.TOPICS)],
    }


def assert_2019(report, figures):
    want = expected(figures)
    assert report["total"] == want["total"]
    assert report["overview_updates"] == want["overview_updates"]
    assert report["news"]["total"] == want["news"]
    assert report["news"]["labels"]["要闻"] == figures["headlines"]
    assert report["news"]["labels"]["部门动态"] == figures["departments"]
    assert report["news"]["labels"]["乡镇动态"] == figures["townships"]
    assert report["catalogue"]["total"] == figures["catalogue"]
    assert report["catalogue"]["labels"]["财政信息"] == figures["finance"]
    assert report["catalogue"]["labels"]["提案建议"] == figures["proposals"]
    assert report["other"] == figures["other"]
    assert report["topics"] == {
        "opened": figures["topics_opened"],
        "maintained": figures["topics_maintained"],
    }
    assert sum(m["total"] for m in report["months"]) == want["total"]
    assert sum(u["total"] for u in report["units"]) == want["total"]


@pytest.mark.slow
def test_full_scale_2019_through_the_historical_import_api(portal):
    columns = role_columns(portal)
    ids = itertools.count(50_000_000)
    records = []
    for op in build_plan(FULL):
        page_id = next(ids)
        column = columns[op.role][op.slot % len(columns[op.role])]
        kind = "topic" if op.role == "topic" else "item"
        for event, when in op.events:
            records.append(
                HistoricalPublication(
                    page_id,
                    when,
                    event=event,
                    column=column,
                    page_kind=kind,
                    title=f"历史信息{page_id}",
                )
            )
    record_historical_publications(records)
    report = stats_json(2019)
    assert report["total"] == 8982
    assert report["overview_updates"] == 75
    assert report["news"]["labels"]["要闻"] == 807
    assert report["news"]["labels"]["部门动态"] == 2676
    assert report["news"]["labels"]["乡镇动态"] == 1775
    assert report["catalogue"]["total"] == 2900
    assert report["catalogue"]["labels"]["财政信息"] == 104
    assert report["catalogue"]["labels"]["提案建议"] == 113
    assert report["other"] == 749
    assert report["topics"] == {"opened": 5, "maintained": 23}
    assert_2019(report, FULL)
    ok, message = verify_ok(2019)
    assert ok, message
    assert verify_ok(2018)[0] and verify_ok(2020)[0]
    # importing the same events again changes nothing (the importer may retry)
    record_historical_publications(records)
    assert stats_json(2019) == report


def make_page(role, column, when):
    from home.models import OverviewPage, TopicPage

    if role in ("headlines", "departments", "townships", "other"):
        return make_news(column, published_at=when)
    if role in ("finance", "proposals", "catalogue"):
        return make_catalog_item(column, published_at=when)
    if role == "overview":
        return add_page(
            column, OverviewPage(title="概况信息", body=paragraph_body("概况")), published_at=when
        )
    return add_page(column, TopicPage(title="专题", intro="专题简介"), published_at=when)


def reject_in_review(column):
    """An item that went through a workflow and was rejected: never published."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    from tests.factories import UserFactory

    page = make_news(column, publish=False, live=False)
    group = Group.objects.create(name="统计测试审核组")
    reviewer = UserFactory(username="stats_reviewer", is_superuser=True)
    task = GroupApprovalTask.objects.create(name="统计测试审核")
    task.groups.add(group)
    workflow = Workflow.objects.create(name="统计测试流程")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(page, reviewer)
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject")
    state.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live and page.first_published_at is None
    return page


@pytest.mark.slow
def test_scaled_2019_through_wagtails_publish_path(portal):
    figures = scaled(70)
    columns = role_columns(portal)
    for op in build_plan(figures, seed=7):
        column = columns[op.role][op.slot % len(columns[op.role])]
        page = None
        for event, when in op.events:
            if page is None:
                page = make_page(op.role, column, when)
            elif event == "publish":
                republish(page, when)
            elif event == "unpublish":
                unpublish(page, when)
            else:
                delete(page, when)
    # noise that never reaches the log
    headlines = columns["headlines"][0]
    make_news(headlines, publish=False, live=False)  # a draft never published
    make_news(headlines, publish=False, live=False).delete()  # a deleted draft
    reject_in_review(headlines)
    report = stats_json(2019)
    assert_2019(report, figures)
    ok, message = verify_ok(2019)
    assert ok, message
