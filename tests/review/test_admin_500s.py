"""No 500 in the admin flows (issue 11, defect 5): the preview of a draft 政策解读, and the
background save to the edit URL after an approval or a rejection with a comment."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from tests.factories import make_interpretation, make_policy
from tests.review.helpers import body_data, login


@pytest.fixture
def draft_pair(portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县促进就业若干措施", publish=False)
    interpretation = make_interpretation(
        column, [policy], title="《榕江县促进就业若干措施》解读", publish=False
    )
    return policy, interpretation


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("解读正文。")}))  # the editor's script
    return data


def test_preview_of_a_draft_interpretation_renders(client, people, draft_pair):
    policy, interpretation = draft_pair
    login(client, people.editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(interpretation.pk,))
    data = edit_form(client, interpretation)
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "《榕江县促进就业若干措施》解读" in html
    # the policy it explains is named, though neither is published yet
    assert "榕江县促进就业若干措施（" in html


def test_preview_of_a_new_interpretation_renders(client, people, portal, draft_pair):
    policy, _ = draft_pair
    login(client, people.editor)
    column = portal.unit_catalogue_column("czj")
    add = reverse(
        "wagtailadmin_pages:add", args=("disclosure_catalog", "interpretationpage", column.pk)
    )
    data = querydict_from_html(client.get(add).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("解读正文。")}))
    data.update(
        {
            "title": "新写的政策解读",
            "summary": "解读概述",
            "topic_category": "综合政务/政务公开",
            "genre": "解读",
        }
    )
    data.setlist("policies", [str(policy.pk)])
    url = add + "preview/"
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "新写的政策解读" in response.content.decode()


def test_preview_of_a_new_policy_document_renders(client, people, portal):
    login(client, people.editor)
    column = portal.unit_catalogue_column("czj")
    add = reverse(
        "wagtailadmin_pages:add", args=("disclosure_catalog", "policydocumentpage", column.pk)
    )
    data = querydict_from_html(client.get(add).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("政策正文。")}))
    data.update(
        {
            "title": "新写的政策文件",
            "document_number": "榕财发〔2026〕9号",
            "summary": "概述",
            "topic_category": "综合政务/政务公开",
            "genre": "通知",
        }
    )
    url = add + "preview/"
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "暂无相关解读" in response.content.decode()
