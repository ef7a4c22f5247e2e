"""Helpers for driving the real Wagtail admin views in review tests."""

from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from tests.factories import DEFAULT_PASSWORD


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)
    return client


def body_data(*paragraphs):
    return streamfield([("paragraph", rich_text(f"<p>{p}</p>")) for p in paragraphs])


def news_form_data(title, paragraphs, slug=None, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug or "",
            "source": "",
            "author": "",
            "summary": "",
            "body": body_data(*paragraphs),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            **extra,
        }
    )
    return data


def create_news_via_admin(client, column, title, paragraphs, action="action-submit", slug=None):
    """The editor's real path: the page creation form, submitted for review."""
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk))
    data = news_form_data(title, paragraphs, slug=slug or f"n-{abs(hash(title)) % 10**8}")
    data[action] = "1"
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    page = Page.objects.filter(title=title).order_by("-pk").first()
    assert page is not None, _form_errors(response)
    return page.specific, response


def edit_news_via_admin(client, page, title, paragraphs, action="action-submit"):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(news_form_data(title, paragraphs, slug=page.slug))
    data[action] = "1"
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    return response


def _form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return getattr(form, "errors", response.content[:2000])


def current_task_state(page):
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_state
    return state.current_task_state.specific if state and state.current_task_state else None


def workflow_action(client, page, action, comment="", task_state=None):
    """POST to the admin's workflow action URL (what the review modal does)."""
    task_state = task_state or current_task_state(page)
    assert task_state is not None, "no task in progress"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def task_names_done(page):
    return [
        (ts.task.name, ts.status)
        for ts in TaskState.objects.filter(workflow_state__object_id=str(page.pk)).order_by(
            "started_at", "pk"
        )
    ]


def browser_edit_form(client, page):
    """The edit form as the browser posts it: the page's fields, and its body's blocks with
    their ids (the StreamField widget is drawn by script, so the HTML does not carry them)."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    page = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    body = getattr(page, page.body_field)
    data["body-count"] = str(len(body))
    for i, block in enumerate(body):
        value = block.value
        data[f"body-{i}-type"] = block.block_type
        data[f"body-{i}-value"] = rich_text(value.source) if hasattr(value, "source") else value
        data[f"body-{i}-deleted"] = ""
        data[f"body-{i}-order"] = str(i)
        data[f"body-{i}-id"] = block.id
    return data
