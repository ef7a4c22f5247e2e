"""Wording rules and leaders per site (站群, issue 12 §1): the platform-wide rules plus the
site's own are checked on a site's pages; a rule or a leader of county B never flags county
A's text; the admin lists and changes only what the person may."""

import pytest
from django.urls import reverse

from portal.core.roles import SITE_ADMINS
from portal.review.checks import run_checks
from portal.review.inspection import inspect_page
from portal.review.models import Leader, WordingRule
from tests.factories import UserFactory, make_news, paragraph_body
from tests.review.helpers import login

from .helpers import two_counties

pytestmark = pytest.mark.django_db

LOCAL_WRONG = "乙县老城关镇"  # county B's own rule: the town's former name
PLATFORM_WRONG = "某某省旧称"


def findings_text(page):
    return " ".join(f"{f.message} {f.excerpt}" for f in run_checks(page))


def rule(phrase, correction, site=None, **extra):
    return WordingRule.objects.create(
        phrase=phrase, correction=correction, category="norm", severity="block", site=site, **extra
    )


def test_a_sites_rule_flags_its_own_pages_only_and_platform_rules_flag_every_site(tmp_path):
    a, b = two_counties(tmp_path)
    rule(LOCAL_WRONG, "乙县城关镇", site=b.site)
    rule(PLATFORM_WRONG, "某某省", site=None)
    text = f"会议在{LOCAL_WRONG}召开，{PLATFORM_WRONG}代表出席。"
    on_a = make_news(a.czj.news_column.specific, title="甲县财政局会议", body=paragraph_body(text))
    on_b = make_news(b.czj.news_column.specific, title="乙县财政局会议", body=paragraph_body(text))

    a_found, b_found = findings_text(on_a), findings_text(on_b)
    assert "乙县城关镇" in b_found and "乙县城关镇" not in a_found
    assert "某某省" in a_found and "某某省" in b_found

    # 全站巡检 applies the same rules per page
    a_rows = " ".join(r["suggestion"] for r in inspect_page(on_a))
    b_rows = " ".join(r["suggestion"] for r in inspect_page(on_b))
    assert "乙县城关镇" in b_rows and "乙县城关镇" not in a_rows


def test_a_sites_leader_is_checked_on_its_own_pages_only(tmp_path):
    a, b = two_counties(tmp_path)
    WordingRule.objects.get_or_create(
        phrase="领导职务",
        site=None,
        defaults={"kind": "builtin", "correction": "按检查结果", "category": "norm"},
    )
    Leader.objects.create(site=b.site, name="赵德明", titles="县委副书记、县长")
    text = "县长、县委副书记赵德明出席会议。"
    on_a = make_news(a.czj.news_column.specific, title="甲县会议", body=paragraph_body(text))
    on_b = make_news(b.czj.news_column.specific, title="乙县会议", body=paragraph_body(text))
    assert "赵德明的职务应按“县委副书记、县长”的顺序书写" in findings_text(on_b)
    assert "赵德明的职务" not in findings_text(on_a)


def test_the_same_phrase_may_be_a_rule_of_two_sites_and_of_the_platform(tmp_path):
    a, b = two_counties(tmp_path)
    rule("老地名", "新地名一", site=a.site)
    rule("老地名", "新地名二", site=b.site)
    rule("老地名", "新地名", site=None)
    from django.core.exceptions import ValidationError

    twice = WordingRule(phrase="老地名", correction="又一条", site=a.site)
    with pytest.raises(ValidationError, match="本站点已有这条错误表述的规则"):
        twice.full_clean()
    builtin = WordingRule(kind="builtin", phrase="领导职务", correction="按检查结果", site=a.site)
    with pytest.raises(ValidationError, match="内置检查是全平台的"):
        builtin.full_clean()


def _site_admin(county, name):
    return UserFactory(username=name, groups=[county.group(SITE_ADMINS)])


def test_a_site_administrator_sees_platform_and_own_rules_and_changes_only_their_own(
    client, tmp_path, settings
):
    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    own = rule("甲县自有规则词", "甲县改正", site=a.site)
    other = rule("乙县自有规则词", "乙县改正", site=b.site)
    platform = rule("全平台规则词", "全平台改正", site=None)
    login(client, _site_admin(a, "a_admin"))

    listing = client.get(
        reverse("wagtailsnippets_review_wordingrule:list"), {"q": "规则词"}
    ).content.decode()
    assert own.phrase in listing and platform.phrase in listing
    assert other.phrase not in listing

    edit = "wagtailsnippets_review_wordingrule:edit"
    delete = "wagtailsnippets_review_wordingrule:delete"
    assert client.get(reverse(edit, args=(own.pk,))).status_code == 200
    assert client.get(reverse(edit, args=(other.pk,))).status_code == 404
    assert client.get(reverse(delete, args=(other.pk,))).status_code == 404
    # a platform-wide rule: Wagtail's refusal (back to the dashboard with a message)
    refused = client.get(reverse(edit, args=(platform.pk,)))
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/"))
    client.post(reverse(delete, args=(other.pk,)))
    client.post(reverse(delete, args=(platform.pk,)))
    assert WordingRule.objects.filter(pk__in=[other.pk, platform.pk]).count() == 2

    # creating: only their own site; a platform-wide rule or one of county B is refused
    add = reverse("wagtailsnippets_review_wordingrule:add")
    form = {
        "kind": "literal",
        "correction": "改正",
        "category": "norm",
        "severity": "block",
        "enabled": "on",
    }
    refused_other = client.post(add, {**form, "phrase": "伪造乙县规则", "site": b.site.pk})
    refused_platform = client.post(add, {**form, "phrase": "伪造全平台规则", "site": ""})
    assert refused_other.status_code == 200 and refused_platform.status_code == 200
    assert "请选择" in refused_other.content.decode() or "有效" in refused_other.content.decode()
    assert not WordingRule.objects.filter(phrase__startswith="伪造").exists()
    client.post(add, {**form, "phrase": "甲县新规则", "site": a.site.pk})
    assert WordingRule.objects.get(phrase="甲县新规则").site_id == a.site.pk


def test_the_platform_administrator_changes_every_rule(client, tmp_path, settings):
    from django.contrib.auth.models import Group

    from portal.core.roles import PLATFORM_ADMINS

    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    other = rule("乙县自有规则词", "乙县改正", site=b.site)
    platform = rule("全平台规则词", "全平台改正", site=None)
    admin = UserFactory(username="platform", groups=[Group.objects.get(name=PLATFORM_ADMINS)])
    login(client, admin)
    edit = "wagtailsnippets_review_wordingrule:edit"
    assert client.get(reverse(edit, args=(other.pk,))).status_code == 200
    assert client.get(reverse(edit, args=(platform.pk,))).status_code == 200
    client.post(
        reverse("wagtailsnippets_review_wordingrule:add"),
        {
            "kind": "literal",
            "phrase": "平台新规则",
            "correction": "改正",
            "category": "norm",
            "severity": "block",
            "enabled": "on",
            "site": "",
        },
    )
    assert WordingRule.objects.get(phrase="平台新规则").site_id is None


def test_leaders_of_another_site_are_out_of_reach(client, tmp_path, settings):
    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    own = Leader.objects.create(site=a.site, name="钱甲明", titles="县长")
    other = Leader.objects.create(site=b.site, name="孙乙亮", titles="县长")
    login(client, _site_admin(a, "a_admin"))
    listing = client.get(reverse("wagtailsnippets_review_leader:list")).content.decode()
    assert own.name in listing and other.name not in listing
    edit = "wagtailsnippets_review_leader:edit"
    assert client.get(reverse(edit, args=(own.pk,))).status_code == 200
    assert client.get(reverse(edit, args=(other.pk,))).status_code == 404
