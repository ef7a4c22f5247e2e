"""A fresh install without the demo (``bootstrap_portal`` only) already has its statutory
pages, built from the portal's data rather than typed text: the 政府信息公开指南
(条例第十二条), the 年报 column, the 信息公开目录 and 规范性文件库 (linked from their columns),
机构设置 — so a county that starts from an empty portal is not missing what inspections check."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from disclosure_catalog.models import CatalogIndexPage, DisclosureGuidePage
from government.models import UnitDirectoryPage
from portal.core.columns import ColumnKey
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


def live_child(parent, model, **fields):
    pages = model.objects.child_of(parent).live().filter(**fields)
    assert pages.count() == 1, f"{model.__name__} in {parent.title}: {pages.count()}"
    return pages.get()


def test_the_disclosure_guide_is_there_and_built_from_the_offices_data(client, portal):
    guide = live_child(portal.column(ColumnKey.DISCLOSURE_GUIDE), DisclosureGuidePage)
    assert guide.title == "榕江县人民政府信息公开指南"
    office = Unit.objects.get(kind="office")
    response = client.get(guide.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert office.name in html  # 工作机构 (条例第十二条)
    assert "依申请公开办理流程图" in html
    assert 'href="/participation/apply/"' in html
    listing = client.get(portal.column(ColumnKey.DISCLOSURE_GUIDE).url).content.decode()
    assert guide.url in listing


def test_the_catalogue_and_the_normative_library_are_there_and_linked(client, portal):
    catalogue = live_child(portal.home, CatalogIndexPage, normative_only=False)
    library = live_child(portal.home, CatalogIndexPage, normative_only=True)
    assert (catalogue.title, library.title) == ("政府信息公开目录", "行政规范性文件库")
    for page in (catalogue, library):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "发布机构" in response.content.decode()  # the filter form
    disclosure = client.get(portal.column(ColumnKey.DISCLOSURE).url).content.decode()
    assert f'href="{catalogue.url}"' in disclosure
    normative = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    assert f'href="{library.url}"' in client.get(normative.url).content.decode()


def test_annual_reports_and_units_columns_answer(client, portal):
    assert client.get(portal.column(ColumnKey.DISCLOSURE_ANNUAL_REPORTS).url).status_code == 200
    directory = live_child(portal.column(ColumnKey.OVERVIEW), UnitDirectoryPage)
    html = client.get(directory.url).content.decode()
    for unit in Unit.objects.filter(is_active=True):
        assert unit.name in html, unit.name


def test_bootstrap_twice_adds_no_second_statutory_page_and_keeps_an_edited_intro(client, portal):
    column = portal.column(ColumnKey.DISCLOSURE)
    column.intro = "<p>本县政府信息公开工作由县政府办负责。</p>"
    column.save_revision().publish()
    before = Page.objects.count()
    call_command("bootstrap_portal", stdout=io.StringIO(), stderr=io.StringIO())
    assert Page.objects.count() == before
    column.refresh_from_db()
    assert column.intro == "<p>本县政府信息公开工作由县政府办负责。</p>"
