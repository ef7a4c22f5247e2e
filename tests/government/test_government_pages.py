"""机构设置, 领导之窗, 办事指南, 专题专栏 cards and 在线访谈, as visitors and editors see them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from government.models import (
    InterviewPage,
    LeaderIndexPage,
    LeaderPage,
    ServiceGuidePage,
    ServiceIndexPage,
    UnitDirectoryPage,
)
from home.models import ColumnPage, TopicPage
from portal.core.columns import ColumnKey
from portal.units.models import Unit
from tests.factories import ImageFactory, UserFactory, add_page, make_news

GUIDE_FIELDS = {
    "item_name": "社会保障卡申领",
    "basis": "<p>《中华人民共和国社会保险法》第五十八条。</p>",
    "conditions": "<p>在本县参加社会保险的人员。</p>",
    "materials": "<p>居民身份证原件。</p>",
    "procedure": "<p>申请、受理、制卡、领卡。</p>",
    "time_limit": "承诺办结时限10个工作日",
    "fees": "不收费",
    "location_hours": "县政务服务中心一楼人社窗口，工作日办公",
    "consultation": "0855-6612105",
    "complaints": "12345政务服务便民热线",
}


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, (page, response.status_code)
    return response.content.decode()


def standing(column, model):
    return model.objects.child_of(column).live().get()


def make_guide(index, title="社会保障卡申领办事指南", **fields):
    return add_page(index, ServiceGuidePage(title=title, **(GUIDE_FIELDS | fields)))


# --- bootstrap --------------------------------------------------------------------------------
def test_bootstrap_puts_the_standing_pages_in_their_columns(portal):
    overview = portal.column(ColumnKey.OVERVIEW)
    assert standing(overview, UnitDirectoryPage).title == "机构设置"
    assert standing(overview, LeaderIndexPage).title == "领导之窗"
    assert standing(portal.column(ColumnKey.SERVICES), ServiceIndexPage).title == "办事指南"


def test_bootstrap_twice_adds_no_second_standing_page(portal):
    from home.bootstrap import Bootstrapper

    Bootstrapper().run()
    overview = portal.column(ColumnKey.OVERVIEW)
    assert UnitDirectoryPage.objects.child_of(overview).count() == 1
    assert LeaderIndexPage.objects.child_of(overview).count() == 1


# --- 机构设置 ---------------------------------------------------------------------------------
def test_unit_directory_lists_every_active_unit_with_its_contacts_and_columns(client, portal):
    finance = portal.unit("czj")
    finance.duties = "负责全县财政收支管理，编制预算和决算草案。"
    finance.office_hours = "工作日 上午8:30—12:00，下午14:30—18:00"
    finance.save()
    closed = portal.unit("tjj")
    closed.is_active = False
    closed.save()

    html = get(client, standing(portal.column(ColumnKey.OVERVIEW), UnitDirectoryPage))

    active = Unit.objects.filter(is_active=True)
    assert active.count() > 40
    for unit in active:
        assert unit.name in html, unit.name
    assert closed.name not in html
    card = html[html.index('id="unit-czj"') :]
    card = card[: card.index("</li>")]
    assert "负责全县财政收支管理" in card
    assert finance.phone in card and finance.address in card
    assert "下午14:30—18:00" in card
    assert f'href="{finance.news_column.url}"' in card
    assert f'href="{finance.catalogue_column.url}"' in card
    # departments first, then townships, each under its heading
    assert html.index("县政府工作部门") < html.index("榕江县财政局") < html.index("乡镇人民政府")
    assert html.index("乡镇人民政府") < html.index("古州镇人民政府")


# --- 领导之窗 ---------------------------------------------------------------------------------
def test_leaders_are_shown_in_the_countys_order_with_photo_and_title(client, portal):
    index = standing(portal.column(ColumnKey.OVERVIEW), LeaderIndexPage)
    # alphabetical (pinyin or code point) order would differ from the county's order
    for name, position, order in (
        ("张副县长", "县人民政府副县长", 30),
        ("吴县长", "县委副书记、县人民政府县长", 10),
        ("安常务", "县委常委、县人民政府常务副县长", 20),
    ):
        add_page(
            index,
            LeaderPage(
                title=name,
                position=position,
                responsibilities=f"{name}的分工。",
                sort_order=order,
                photo=ImageFactory(),
                biography=f"<p>{name}的简历。</p>",
            ),
        )
    html = get(client, index)
    positions = [html.index(name) for name in ("吴县长", "安常务", "张副县长")]
    assert positions == sorted(positions)
    assert html.count('class="leader-photo"') == 3
    assert "县委副书记、县人民政府县长" in html

    leader = LeaderPage.objects.get(title="吴县长")
    html = get(client, leader)
    assert "工作分工" in html and "吴县长的分工。" in html
    assert "简历" in html and "吴县长的简历。" in html
    assert 'alt="吴县长照片"' in html


# --- 办事指南 ---------------------------------------------------------------------------------
def test_service_guide_shows_every_element_and_the_provincial_link(client, portal):
    index = standing(portal.column(ColumnKey.SERVICES), ServiceIndexPage)
    guide = make_guide(
        index,
        unit=portal.unit("rsj"),
        online_url="https://zwfw.example.gov.cn/item/123",
    )
    html = get(client, guide)
    for label in (
        "事项名称",
        "设定依据",
        "申请条件",
        "办理材料",
        "办理流程",
        "办理时限",
        "收费标准",
        "办理地点和时间",
        "咨询方式",
        "监督投诉",
    ):
        assert f"<dt>{label}</dt>" in html, label
    assert "《中华人民共和国社会保险法》第五十八条" in html
    assert "承诺办结时限10个工作日" in html
    assert 'href="https://zwfw.example.gov.cn/item/123"' in html
    assert "到贵州政务服务网在线办理" in html

    listing = get(client, index)
    assert f'href="{guide.url}"' in listing
    assert "社会保障卡申领" in listing and "榕江县人力资源和社会保障局" in listing
    assert "在线办理" in listing


def test_service_guide_without_required_elements_is_refused_in_chinese(client, portal):
    index = standing(portal.column(ColumnKey.SERVICES), ServiceIndexPage)
    client.force_login(UserFactory(username="guide_admin", is_superuser=True, is_staff=True))
    data = nested_form_data(
        {
            "title": "不动产登记办事指南",
            "slug": "",
            "item_name": "不动产登记",
            "item_code": "",
            "basis": rich_text(""),
            "conditions": rich_text("<p>不动产权利人。</p>"),
            "materials": rich_text(""),
            "procedure": rich_text("<p>受理、审核、登簿。</p>"),
            "time_limit": "",
            "fees": "不收费",
            "location_hours": "县政务服务中心",
            "consultation": "0855-6612140",
            "complaints": "",
            "online_url": "",
            "downloads": streamfield([]),
        }
    )
    data["action-submit"] = "1"  # 提交审核: publication goes through review
    url = reverse("wagtailadmin_pages:add", args=("government", "serviceguidepage", index.pk))
    response = client.post(url, data)
    html = response.content.decode()
    assert not ServiceGuidePage.objects.filter(title="不动产登记办事指南").exists()
    for label in ("设定依据", "办理材料", "办理时限", "监督投诉"):
        assert f"请填写“{label}”（办事指南必备要素）。" in html, label
    assert "请填写“申请条件”" not in html


def test_review_check_names_a_missing_guide_element(portal):
    from portal.review.checks import check_required_fields

    guide = ServiceGuidePage(title="x", **(GUIDE_FIELDS | {"complaints": ""}))
    messages = [f.message for f in check_required_fields(guide, None)]
    assert messages == ["“监督投诉”未填写"]


# --- 专题专栏 ---------------------------------------------------------------------------------
def test_topics_column_shows_topic_cards_not_articles(client, portal):
    column = portal.column(ColumnKey.TOPICS)
    topic = add_page(
        column,
        TopicPage(
            title="乡村振兴",
            intro="集中展示全县推进乡村振兴的工作进展。",
            cover_image=ImageFactory(),
        ),
    )
    sub = add_page(topic, ColumnPage(title="政策文件", slug="zcwj", content_kind="news"))
    make_news(sub, title="专题里的一篇新闻")

    html = get(client, column)
    card = html[html.index('class="topic-card"') :]
    assert "乡村振兴" in card and "集中展示全县推进乡村振兴的工作进展。" in card
    assert 'class="topic-card__banner"' in card
    assert f'href="{sub.url}"' in card and "政策文件" in card
    assert "专题里的一篇新闻" not in html


# --- 在线访谈 ---------------------------------------------------------------------------------
def test_interview_shows_guests_time_transcript_and_pictures(client, portal):
    column = portal.column(ColumnKey.INTERACTION_INTERVIEWS)
    assert InterviewPage.can_create_at(column)
    assert not InterviewPage.can_create_at(portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE))
    photo = ImageFactory(title="访谈现场")
    image = {"image": {"image": photo.pk, "alt_text": "访谈现场", "decorative": False}}
    interview = add_page(
        column,
        InterviewPage(
            title="县医保局负责人谈参保缴费",
            interview_time=timezone.make_aware(datetime.datetime(2026, 10, 15, 15, 0)),
            host="县融媒体中心",
            guests=[{"type": "guest", "value": {"name": "王建国", "position": "县医疗保障局局长"}}],
            transcript=[
                {"type": "turn", "value": {"speaker": "主持人", "text": "<p>请介绍缴费渠道。</p>"}},
                {
                    "type": "turn",
                    "value": {"speaker": "王建国", "text": "<p>可以通过线上渠道缴费。</p>"},
                },
            ],
            photos=[{"type": "image", "value": image | {"caption": "访谈现场"}}],
        ),
    )
    html = get(client, interview)
    assert "县医疗保障局局长" in html and "王建国" in html
    assert "2026年10月15日 15:00" in html
    assert re.search(r"<strong>主持人：</strong>.*请介绍缴费渠道。", html, re.S)
    assert "可以通过线上渠道缴费。" in html
    assert 'alt="访谈现场"' in html and "访谈图片" in html
    assert "县医保局负责人谈参保缴费" in get(client, column)


# --- cross-cutting apps -----------------------------------------------------------------------
def test_search_finds_the_new_types_and_offers_them_as_filters(portal):
    from search.services import type_choices

    labels = dict(type_choices())
    assert labels["serviceguidepage"] == "办事指南"
    assert labels["leaderpage"] == "领导"
    assert labels["interviewpage"] == "在线访谈"
    index = standing(portal.column(ColumnKey.SERVICES), ServiceIndexPage)
    guide = make_guide(index, materials="<p>户口簿和出生医学证明。</p>")
    assert [p.pk for p in Page.objects.live().search("出生医学证明")] == [guide.pk]


def test_statistics_count_the_new_types_under_their_column(portal):
    from portal.statistics.models import PageKind
    from portal.statistics.recorder import page_facts

    index = standing(portal.column(ColumnKey.OVERVIEW), LeaderIndexPage)
    leader = add_page(
        index, LeaderPage(title="某县长", position="县长", responsibilities="主持全面工作。")
    )
    facts = page_facts(leader)
    assert facts["category"] == "overview"
    assert facts["page_kind"] == PageKind.ITEM
    assert facts["column_id"] == portal.column(ColumnKey.OVERVIEW).pk
    assert leader.get_owner_unit() == Unit.objects.get(kind="office")


@pytest.mark.parametrize(
    "model", [UnitDirectoryPage, LeaderIndexPage, ServiceIndexPage], ids=lambda m: m.__name__
)
def test_standing_pages_may_only_go_in_their_column_kinds(portal, model):
    assert not model.can_create_at(portal.column(ColumnKey.NEWS_HEADLINES))


def test_unit_directory_shows_a_unit_edit_without_a_publication(client, portal, settings):
    from django.core.cache import cache

    settings.PAGECACHE_ENABLED = True  # anonymous visitors' page cache (tests turn it off)
    cache.clear()
    page = standing(portal.column(ColumnKey.OVERVIEW), UnitDirectoryPage)
    assert "负责全县林业资源保护" not in get(client, page)  # now in the page cache
    forestry = portal.unit("lyj")
    forestry.duties = "负责全县林业资源保护和发展。"
    forestry.save()
    assert "负责全县林业资源保护" in get(client, page)


def test_index_pages_are_not_counted_as_published_information(portal):
    from portal.statistics.models import PageKind
    from portal.statistics.recorder import page_facts

    overview = portal.column(ColumnKey.OVERVIEW)
    for page in (
        standing(overview, UnitDirectoryPage),
        standing(overview, LeaderIndexPage),
        standing(portal.column(ColumnKey.SERVICES), ServiceIndexPage),
    ):
        assert page_facts(page)["page_kind"] == PageKind.COLUMN, page.title


def test_unit_directory_queries_do_not_grow_with_the_units(client, portal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = standing(portal.column(ColumnKey.OVERVIEW), UnitDirectoryPage)
    get(client, page)  # warm the per-worker routes and sites
    with CaptureQueriesContext(connection) as queries:
        get(client, page)
    assert Unit.objects.count() > 40
    assert len(queries) <= 15, [q["sql"][:120] for q in queries.captured_queries]
