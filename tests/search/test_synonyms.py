"""Synonyms and 简称: both directions, one-way entries, edits in the admin (SQLite and
PostgreSQL)."""

import pytest
from wagtail.models import Page

from search.models import Synonym
from search.synonyms import synonyms
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


def found(q):
    return {p.title for p in Page.objects.live().search(q)}


@pytest.fixture
def pages(portal):
    column = portal.unit_news_column("xzfb")
    make_news(column, title="社会保障卡申领指南", body=paragraph_body("携带居民身份证到窗口办理。"))
    make_news(column, title="社保卡挂失", body=paragraph_body("拨打服务热线即可挂失。"))
    make_news(
        column,
        title="城乡居民最低生活保障审批",
        body=paragraph_body("申请最低生活保障应当以家庭为单位提出。"),
    )
    make_news(column, title="个体工商户登记办事指南", body=paragraph_body("申请人提交登记申请书。"))
    make_news(column, title="营业执照遗失补领", body=paragraph_body("在报纸上刊登遗失声明。"))
    synonyms.reload()


def test_the_seed_has_hundreds_of_service_names():
    assert Synonym.objects.count() >= 300
    assert "社会保障卡" in synonyms.alternatives("社保卡")
    assert "住房公积金" in synonyms.alternatives("公积金")


def test_short_name_finds_the_full_name_and_back(pages):
    assert found("社保卡") == {"社会保障卡申领指南", "社保卡挂失"}
    assert found("社会保障卡") == {"社会保障卡申领指南", "社保卡挂失"}
    assert found("低保") == {"城乡居民最低生活保障审批"}


def test_synonym_inside_a_longer_query(pages):
    assert found("社保卡申领") == {"社会保障卡申领指南"}
    assert found("低保审批") == {"城乡居民最低生活保障审批"}


def test_one_way_entry(pages):
    # 营业执照 finds 个体工商户登记; 个体工商户登记 does not find 营业执照
    assert found("营业执照") == {"个体工商户登记办事指南", "营业执照遗失补领"}
    assert found("个体工商户登记") == {"个体工商户登记办事指南"}


def test_an_entry_added_in_the_admin_is_used_at_once(pages, admin_client):
    assert found("卡片挂失") == set()
    response = admin_client.post(
        "/admin/snippets/portal_search/synonym/add/",
        {"words": "卡片挂失，社保卡挂失", "two_way": "on", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Synonym.objects.filter(words="卡片挂失、社保卡挂失").exists()
    assert found("卡片挂失") == {"社保卡挂失"}


def test_an_entry_of_one_word_is_refused_in_chinese(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal_search/synonym/add/", {"words": "社保卡", "two_way": "on"}
    )
    assert response.status_code == 200
    assert "请至少填写两个词语" in response.content.decode()


def test_a_synonym_word_is_not_taken_out_of_a_longer_word(portal):
    # 外资 ⇄ 外商投资, but 外资股 (one word) does not become 外商投资 + 股
    from search.segmentation import segmenter

    synonyms.reload()
    kinds = [group[0] for group in segmenter.query_plan("外资股")[0]]
    assert kinds == ["chain"]
    assert [group[0] for group in segmenter.query_plan("外资企业")[0]][0] == "syn"
