"""Policy ↔ interpretation linking by search with 文号 (issue 11): the interpretation form
no longer lists every policy document; a search by title or 文号 finds the one to link."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from tests.factories import make_interpretation, make_policy
from tests.review.helpers import body_data, login


def test_searching_a_document_number_finds_the_policy(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    wanted = make_policy(
        column, title="榕江县促进就业若干措施", document_number="榕府办发〔2026〕7号"
    )
    make_policy(column, title="榕江县另一份文件", document_number="榕府发〔2026〕12号")
    login(client, people.editor)
    response = client.get(reverse("desk_policy_search"), {"q": "榕府办发〔2026〕7号"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [wanted.pk]
    assert results[0]["label"] == "榕江县促进就业若干措施（榕府办发〔2026〕7号）"
    # part of the number, and the title, work too
    assert wanted.pk in [
        r["id"]
        for r in client.get(reverse("desk_policy_search"), {"q": "〔2026〕7号"}).json()["results"]
    ]
    assert [
        r["id"]
        for r in client.get(reverse("desk_policy_search"), {"q": "促进就业"}).json()["results"]
    ] == [wanted.pk]


def test_another_units_unpublished_policy_is_not_offered(client, people, portal):
    own = make_policy(
        portal.unit_catalogue_column("czj"),
        title="财政局待发布的通知",
        document_number="榕财发〔2026〕1号",
        publish=False,
    )
    other_draft = make_policy(
        portal.unit_catalogue_column("fgj"),
        title="发改局待发布的通知",
        document_number="榕发改发〔2026〕1号",
        publish=False,
    )
    other_live = make_policy(
        portal.unit_catalogue_column("fgj"),
        title="发改局已发布的通知",
        document_number="榕发改发〔2026〕2号",
    )
    login(client, people.editor)
    found = {
        r["id"]
        for r in client.get(reverse("desk_policy_search"), {"q": "〔2026〕"}).json()["results"]
    }
    assert own.pk in found and other_live.pk in found
    assert other_draft.pk not in found  # its title is not this editor's to read


def test_the_search_is_for_admin_users_only(client, portal):
    response = client.get(reverse("desk_policy_search"), {"q": "榕府"})
    assert response.status_code == 302  # to the login


def test_the_form_shows_the_linked_policy_and_a_search_not_every_document(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    linked = make_policy(column, title="已关联的政策文件", document_number="榕府办发〔2026〕21号")
    other = make_policy(column, title="无关的政策文件甲", document_number="榕府办发〔2026〕22号")
    interpretation = make_interpretation(column, [linked], title="已关联政策文件的解读")
    login(client, people.editor)
    url = reverse("wagtailadmin_pages:edit", args=(interpretation.pk,))
    html = client.get(url).content.decode()
    assert "按标题或文号查找政策文件" in html
    assert "已关联的政策文件（榕府办发〔2026〕21号）" in html
    assert "无关的政策文件甲" not in html  # no list of every document
    assert "desk/policy_chooser.js" in html

    # choosing the other one (what the search's 选择 button adds) links it on save
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(nested_form_data({"body": body_data("解读正文。")}))
    data.setlist("policies", [str(linked.pk), str(other.pk)])
    data["action-save"] = "1"
    response = client.post(url, {key: data.getlist(key) for key in data})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Page.objects.get(pk=interpretation.pk).specific.get_latest_revision_as_object()
    assert sorted(p.pk for p in draft.policies.all()) == sorted([linked.pk, other.pk])
