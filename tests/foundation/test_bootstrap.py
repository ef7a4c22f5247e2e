"""bootstrap_portal builds the default tree, units, groups and permissions, idempotently."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale, Page

from home.models import ColumnPage
from portal.core.columns import ColumnKey
from portal.units.models import Unit


def snapshot():
    pages = list(
        Page.objects.order_by("path").values_list(
            "path", "title", "slug", "content_type__model", "live", "locale__language_code"
        )
    )
    groups = sorted(
        (g.name, tuple(sorted(g.permissions.values_list("codename", flat=True))))
        for g in Group.objects.all()
    )
    page_perms = sorted(
        GroupPagePermission.objects.values_list("group__name", "page__path", "permission__codename")
    )
    collection_perms = sorted(
        GroupCollectionPermission.objects.values_list(
            "group__name", "collection__name", "permission__codename"
        )
    )
    units = sorted(
        Unit.objects.values_list(
            "code",
            "news_column_id",
            "catalogue_column_id",
            "editors_group_id",
            "reviewers_group_id",
        )
    )
    return pages, groups, page_perms, collection_perms, units


def test_running_twice_changes_nothing(db):
    before = snapshot()
    out = io.StringIO()
    call_command("bootstrap_portal", stdout=out)
    assert snapshot() == before
    assert "无需改动" in out.getvalue()


def test_default_tree_has_the_designed_columns(portal):
    titles = {c.column_key: c.title for c in ColumnPage.objects.exclude(column_key="")}
    assert titles[ColumnKey.NEWS_HEADLINES] == "榕江要闻"
    assert titles[ColumnKey.NEWS_DEPARTMENTS] == "部门动态"
    assert titles[ColumnKey.NEWS_TOWNSHIPS] == "乡镇动态"
    assert titles[ColumnKey.DISCLOSURE] == "政府信息公开"
    assert titles[ColumnKey.TOPICS] == "专题专栏"
    top = [p.title for p in portal.home.get_children().live().type(ColumnPage)]
    assert top == ["走进榕江", "新闻动态", "政府信息公开", "专题专栏", "互动交流", "办事服务"]
    statutory = portal.column(ColumnKey.DISCLOSURE_STATUTORY)
    labels = {c.specific.stats_label for c in statutory.get_children()}
    assert {"财政信息", "提案建议", "政策文件", "政策解读"} <= labels
    assert Locale.objects.filter(language_code="en").exists()


def test_every_unit_from_the_data_file_has_its_columns_groups_and_permissions(portal):
    units = Unit.objects.all()
    assert units.count() == 45
    for unit in units:
        assert unit.news_column and unit.catalogue_column
        parent_key = unit.news_column.get_parent().specific.column_key
        expected = (
            ColumnKey.NEWS_TOWNSHIPS if unit.kind == "township" else ColumnKey.NEWS_DEPARTMENTS
        )
        assert parent_key == expected
        perms = set(
            GroupPagePermission.objects.filter(group=unit.editors_group).values_list(
                "page_id", "permission__codename"
            )
        )
        assert (unit.news_column_id, "add_page") in perms
        assert (unit.catalogue_column_id, "change_page") in perms
        assert not any(codename == "publish_page" for _, codename in perms)
        assert unit.news_column.specific.unit_id == unit.pk


def test_creating_a_unit_in_the_admin_provisions_it_once(admin_client, portal):
    response = admin_client.post(
        "/admin/snippets/units/unit/add/",
        {
            "name": "榕江县档案馆",
            "short_name": "县档案馆",
            "kind": "department",
            "code": "11522632MB1234567X"[:17] + "0",
            "slug": "dag",
            "sort_order": 90,
            "is_active": "on",
            "phone": "",
            "address": "",
            "email": "",
            "office_hours": "",
        },
    )
    # a wrong check character is refused with a Chinese message, nothing is created
    assert response.status_code == 200
    assert "校验位" in response.content.decode()
    assert not Unit.objects.filter(slug="dag").exists()

    from portal.units.codes import uscc_check_char

    code = "11522632MB1234567"
    code += uscc_check_char(code)
    response = admin_client.post(
        "/admin/snippets/units/unit/add/",
        {
            "name": "榕江县档案馆",
            "short_name": "县档案馆",
            "kind": "department",
            "code": code,
            "slug": "dag",
            "sort_order": 90,
            "is_active": "on",
            "phone": "",
            "address": "",
            "email": "",
            "office_hours": "",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(slug="dag")
    assert unit.news_column.title == "榕江县档案馆"
    assert Group.objects.filter(name=unit.editors_group_name).count() == 1
    count = ColumnPage.objects.count()
    unit.phone = "0855-1234567"
    unit.save()  # saving again provisions nothing new
    assert ColumnPage.objects.count() == count
    assert Group.objects.filter(name=unit.editors_group_name).count() == 1
