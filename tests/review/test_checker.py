"""The content checker (portal.review.checker): for each rule kind, sentences that must be
flagged and correct ones that must not. Rules come from the seeded wording table."""

import datetime

import pytest

from portal.review.checker import check_text

pytestmark = pytest.mark.django_db


def found(text, date=None):
    return [(f.rule, f.text, f.suggestion) for f in check_text(text, date=date)]


def flagged(text, date=None):
    return bool(check_text(text, date=date))


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        ("根据黔府发【2019】3号文件精神", "黔府发【2019】3号", "黔府发〔2019〕3号"),
        ("按照国办发(2020)12号文件", "国办发(2020)12号", "国办发〔2020〕12号"),
        ("依据黔府办函［2022］45号", "黔府办函［2022］45号", "黔府办函〔2022〕45号"),
        ("根据县委发[2023]5号文件", "县委发[2023]5号", "县委发〔2023〕5号"),
        ("根据县委发〔2023〕第5号文件", "县委发〔2023〕第5号", "县委发〔2023〕5号"),
        ("执行县政发〔2020〕016号文件", "县政发〔2020〕016号", "县政发〔2020〕16号"),
    ],
)
def test_document_numbers(text, wrong, right):
    assert ("文号格式", wrong, right) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "根据黔府发〔2019〕3号文件精神",
        "按照（2019）黔01民初3号民事判决书",  # a court case number, not a 文号
        "《榕江县国土空间总体规划（2021—2035年）》",
    ],
)
def test_correct_document_numbers_pass(text):
    assert not [f for f in check_text(text) if f.rule == "文号格式"]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("会议定于2023年13月5日召开", "日期有误"),
        ("全县于2022年2月30日完成任务", "日期有误"),
        ("2021年6月31日前完成申报", "日期有误"),
        ("活动时间为11月31日", "日期有误"),
        ("全县1-5月完成投资10亿元", "起止范围"),
        ("预计2024-2025年完成改造", "起止范围"),
        ("全县干部群众,认真学习", "半角标点"),
        ("会议强调:要坚持问题导向", "半角标点"),
        ("要认真抓好落实。。", "标点重复"),
        ("养老机构12家，，床位800张", "标点重复"),
        ("我县的的发展环境不断优化", "字词重复"),
        ("进一步加强与与周边县区的合作", "字词重复"),
    ],
)
def test_patterns(text, rule):
    assert rule in [r for r, _t, _s in found(text)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月29日，县政府召开常务会议。",
        "全县1—5月完成投资10亿元，1至5月增长8%。",
        "咨询电话：0855-8221234，日期2019-03-24。",
        "全县干部群众，认真学习：坚持问题导向。",
        "他们的的确确为群众办了实事，这件事不能不了了之。",
        "保险标的的受损情况，以生产木材为主要目的的商品林。",
    ],
)
def test_correct_patterns_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "old, new, date",
    [
        ("县国土资源局", "自然资源局", "2022-05-10"),
        ("县卫计局", "卫健局", "2021-03-15"),
        ("县工商行政管理局", "市场监督管理局", "2020-06-01"),
        ("县扶贫办", "乡村振兴局", "2022-08-12"),
        ("县安全生产监督管理局", "应急管理局", "2023-04-01"),
        ("县卫生和计划生育委员会", "卫生健康委员会", "2020-01-01"),
    ],
)
def test_renamed_institution_after_the_rename(old, new, date):
    text = f"{old}组织开展专项检查。"
    findings = check_text(text, date=datetime.date.fromisoformat(date))
    assert [f.suggestion for f in findings] == [new]
    assert "机构名称已变更" in findings[0].explanation
    assert "依据" in findings[0].explanation


@pytest.mark.parametrize(
    "old, date",
    [
        ("县国土资源局", "2017-05-10"),
        ("县卫计局", "2016-03-15"),
        ("县工商行政管理局", "2015-06-01"),
        ("县扶贫办", "2019-08-12"),  # 乡村振兴局 from 2021
        ("县安全生产监督管理局", "2017-04-01"),
    ],
)
def test_old_institution_name_before_the_rename_is_correct(old, date):
    assert not flagged(f"{old}组织开展专项检查。", datetime.date.fromisoformat(date))


def test_old_name_spoken_of_as_history_is_correct():
    day = datetime.date(2022, 5, 10)
    assert not flagged("原县国土资源局的职责划入县自然资源局。", day)
    assert flagged("县国土资源局组织开展耕地保护专项检查。", day)


def test_default_date_is_today():
    assert flagged("县国土资源局组织开展耕地保护专项检查。")


@pytest.mark.parametrize(
    "text, rule, right",
    [
        ("深入学习贯彻党的19大精神", "会议届次", "党的十九大"),
        ("全面贯彻落实十九届4中全会精神", "会议届次", "十九届四中全会"),
        ("学习贯彻19届六中全会精神", "会议届次", "十九届六中全会"),
        ("学习贯彻十9届五中全会精神", "会议届次", "十九届五中全会"),
        ("认真学习宣传贯彻党的20大精神", "会议届次", "党的二十大"),
        ("县长、县委副书记张明主持会议", "职务排序", "县委副书记、县长"),
        ("副县长、县委常委李华出席", "职务排序", "县委常委、副县长"),
        ("县政府、县委联合印发实施意见", "职务排序", "县委、县政府"),
        ("县人大主任陈刚出席会议", "职务全称", "县人大常委会主任"),
        ("县政协主任杨林主持会议", "职务全称", "县政协主席"),
        ("深入学习习近平新时代中国特色社会主思想", "规范提法", "习近平新时代中国特色社会主义思想"),
        ("全县上下要增强四个意思", "规范提法", "四个意识"),
        ("为实现中华民族伟大复新而奋斗", "规范提法", "中华民族伟大复兴"),
    ],
)
def test_political_expressions(text, rule, right):
    assert [(r, s) for r, _t, s in found(text) if r == rule] == [(rule, right)]


@pytest.mark.parametrize(
    "text",
    [
        "深入学习贯彻党的十九大精神和十九届四中全会精神。",
        "认真学习宣传贯彻党的二十大精神。",
        "县委副书记、县长张明主持会议，县委常委、副县长李华出席。",
        "县委、县政府高度重视民生工作。",
        "县人大常委会主任陈刚、县政协主席杨林出席会议。",
        "县政协办公室主任参加调研，县人大一级主任科员列席。",
        "深入学习贯彻习近平新时代中国特色社会主义思想，增强“四个意识”。",
        "第3届全县运动会开幕。",
    ],
)
def test_correct_political_expressions_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, right",
    [
        ("全县上下要再接再励", "再接再厉"),
        ("即然已经部署，就要抓好落实", "既然"),
        ("工作人员上门为群众按装净水设备", "安装"),
        ("群众迫不急待地搬进了新居", "迫不及待"),
        ("我们要一股作气完成任务", "一鼓作气"),
        ("各单位要认真的学习了会议精神", "认真地学习"),
        ("此项工作做的很好", "做得很好"),
    ],
)
def test_fixed_phrases(text, right):
    assert right in [s for _r, _t, s in found(text)]


@pytest.mark.parametrize(
    "text, right",
    [
        ("做好防汛抗罕工作", "抗旱"),
        ("完善社会保章体系", "保障"),
        ("持续优化营商环镜", "环境"),
        ("加快基础设施建没", "建设"),
    ],
)
def test_typo_detection_without_a_rule(text, right):
    # the suggestion is the word or the whole set phrase containing it
    assert [r for r, _t, s in found(text) if right in s] == ["错别字识别"]


@pytest.mark.parametrize(
    "text",
    [
        "做好防汛抗旱工作，完善社会保障体系。",
        "持续优化营商环境，激发市场主体活力。",
        "本办法自2024年1月1日起施行。",
        "县教育局、县卫健局负责组织实施，我县被评为全国文明城市提名城市。",
        "县级以上地方人民政府民政部门负责本行政区域内的殡葬管理工作。",
    ],
)
def test_typo_detection_leaves_correct_text_alone(text):
    assert found(text) == []


def test_admin_changes_apply_at_once():
    from portal.review.models import WordingRule

    assert flagged("全县上下要再接再励")
    rule = WordingRule.objects.get(phrase="再接再励")
    rule.enabled = False
    rule.save()
    assert not flagged("全县上下要再接再励")
    WordingRule.objects.create(
        kind="pattern",
        phrase=r"榕江县政府网",
        correction="榕江县人民政府门户网站",
        category="norm",
        severity="warn",
        note="网站名称：应使用全称",
    )
    assert [(f.rule, f.suggestion) for f in check_text("欢迎访问榕江县政府网")] == [
        ("网站名称", "榕江县人民政府门户网站")
    ]


def test_admin_form_refuses_a_bad_pattern_and_a_rename_without_date():
    from django.core.exceptions import ValidationError

    from portal.review.models import WordingRule

    with pytest.raises(ValidationError, match="正则表达式有误"):
        WordingRule(kind="pattern", phrase="(未闭合", correction="x").full_clean()
    with pytest.raises(ValidationError, match="生效日期"):
        WordingRule(kind="renamed", phrase="某某局", correction="某某新局").full_clean()


# --- 领导职务: names with titles and 同志 from the 领导信息 table -------------------------------
@pytest.fixture
def leaders():
    from portal.review.models import Leader

    for i, (name, titles, comrade) in enumerate(
        [
            ("李明华", "县委书记", False),
            ("王建国", "县委副书记、县长", False),
            ("赵德明", "县人大常委会主任", False),
            ("陈志刚", "县政协主席", False),
            ("刘晓燕", "县委常委、常务副县长", False),
            ("马文斌", "县委副书记", True),
        ]
    ):
        Leader.objects.create(name=name, titles=titles, requires_comrade=comrade, sort_order=i)


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        # a title that is not the person's
        ("县长李明华出席会议并讲话", "县长李明华", "县委书记李明华"),
        ("县委书记王建国主持会议", "县委书记王建国", "县委副书记、县长王建国"),
        ("县政协副主席陈志刚主持会议", "县政协副主席陈志刚", "县政协主席陈志刚"),
        # the titles of one person out of order (政府 before 党委)
        ("县长、县委副书记王建国主持会议", "县长、县委副书记王建国", "县委副书记、县长王建国"),
        (
            "常务副县长、县委常委刘晓燕调研",
            "常务副县长、县委常委刘晓燕",
            "县委常委、常务副县长刘晓燕",
        ),
        # a 人大/政协 post without its full name
        ("县人大主任赵德明出席会议", "县人大主任赵德明", "县人大常委会主任赵德明"),
        ("县政协主任陈志刚主持会议", "县政协主任陈志刚", "县政协主席陈志刚"),
        # the style asks for 同志 after 马文斌
        ("县委副书记马文斌主持会议", "马文斌", "马文斌同志"),
    ],
)
def test_leaders_titles_and_comrade(leaders, text, wrong, right):
    assert [(t, s) for r, t, s in found(text) if r == "领导职务"] == [(wrong, right)]


def test_a_wrong_title_after_the_name(leaders):
    (finding,) = check_text("王建国副县长强调，要抓好落实")
    assert (finding.rule, finding.text) == ("领导职务", "副县长")
    assert "县委副书记、县长" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "县委书记李明华，县委副书记、县长王建国，县人大常委会主任赵德明，县政协主席陈志刚出席会议。",
        "县长王建国主持会议，县委常委、常务副县长刘晓燕出席。",
        "王建国县长强调，要抓好落实。",
        "原县长李明华、时任县委书记王建国参加了当年的会议。",  # the title held then
        "县委副书记马文斌同志主持会议。",
        "王建国、马文斌同志出席会议。",
        "李明华、马文斌等同志参加调研。",
        "县委书记张强主持会议。",  # not in the table: not checked
    ],
)
def test_leaders_correct_sentences_pass(leaders, text):
    assert found(text) == []


def test_without_a_leader_table_names_are_not_checked():
    assert found("县长李明华出席会议并讲话") == []


def test_leader_table_changes_apply_at_once(leaders):
    from portal.review.models import Leader

    assert flagged("县长李明华出席会议")
    leader = Leader.objects.get(name="李明华")
    leader.titles = "县委副书记、县长"
    leader.save()
    assert not flagged("县长李明华出席会议")
    leader.enabled = False  # no longer in office
    leader.save()
    assert not flagged("县委书记李明华出席会议")


def test_leader_admin_in_chinese(client, leaders):
    from django.core.exceptions import ValidationError

    from portal.review.models import Leader
    from tests.factories import UserFactory
    from tests.review.helpers import login

    admin = UserFactory(username="super_leaders", is_superuser=True, is_staff=True)
    login(client, admin)
    listing = client.get("/admin/snippets/review/leader/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "领导信息" in html and "县委副书记、县长" in html and "姓名后加“同志”" in html
    add = "/admin/snippets/review/leader/add/"
    wrong_order = {"name": "钱进", "titles": "副县长，县委常委", "sort_order": 9, "enabled": "on"}
    response = client.post(add, wrong_order)
    assert response.status_code == 200 and "党内职务应排在政府职务之前" in response.content.decode()
    response = client.post(add, dict(wrong_order, titles="县委常委，副县长"))
    assert response.status_code == 302
    assert Leader.objects.get(name="钱进").titles == "县委常委、副县长"
    assert found("副县长钱进出席") == []
    assert [t for r, t, _s in found("县长钱进出席") if r == "领导职务"] == ["县长钱进"]
    with pytest.raises(ValidationError, match="无法识别的职务"):
        Leader(name="钱进", titles="分管农业").full_clean()


def test_a_leaders_name_is_not_a_typo(leaders):
    from portal.review.models import Leader

    assert [r for r, _t, _s in found("县委常委钱进出席")] == ["错别字识别"]  # 钱进 → 前进?
    Leader.objects.create(name="钱进", titles="县委常委")
    assert found("县委常委钱进出席") == []
