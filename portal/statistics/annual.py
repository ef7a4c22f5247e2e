"""The 政府网站工作年度报表 and the tables of the 政府信息公开工作年度报告, as data.

Layouts come from copies of the project's reference files in ``data/`` (nothing reads
../shared at run time). Figures come from the counters (``reports.annual_report``), from the
catalogue (表二), from the participation app when it provides ``portal.participation.stats``
(表三 and 互动交流), and from what admins enter per year (``AnnualFormInput``,
``ReviewLitigationRecord``).

Every builder takes ``site`` (a Site, its id, or None for the default site): the figures,
the inputs and the identity (网站名称, 网站标识码 …) are that site's (站群).
"""

import importlib
import inspect
import json
import re
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from .models import AnnualFormInput, ReviewLitigationRecord, ReviewOutcome, ReviewProceeding
from .reports import annual_report, resolve_site

DATA_DIR = Path(__file__).resolve().parent / "data"
FORM_LAYOUT = json.loads((DATA_DIR / "website_annual_form.json").read_text(encoding="utf-8"))
REPORT_LAYOUT = json.loads((DATA_DIR / "disclosure_report_tables.json").read_text(encoding="utf-8"))

#: the 2021 format (国办公开办函〔2021〕30号) applies from the 2021 reports; earlier years use
#: the 2019 format (国办公开办函〔2019〕60号)
FORMAT_2021_FROM = 2021

INTERACTION_KEYS = (
    "messages_received",
    "messages_closed",
    "messages_avg_days",
    "messages_public_replies",
    "consultations",
    "consultation_comments",
    "consultations_results_published",
)


def participation_stats():
    """``portal.participation.stats`` if that module exists, else None."""
    try:
        return importlib.import_module("portal.participation.stats")
    except ImportError:
        return None


def participation_figures(name, year, site, **kwargs):
    """``portal.participation.stats.<name>(year, …)`` for ``site``, or None without it.

    Adapt here once participation records carry their site: a function that accepts
    ``site`` is given it; one that does not counts the whole installation, which is the
    default site's (records made before the platform belong to the default site), so
    another site gets nothing from it."""
    module = participation_stats()
    fn = getattr(module, name, None) if module is not None else None
    if fn is None:
        return None
    try:
        takes_site = "site" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        takes_site = False
    if takes_site:
        return fn(year, site=site, **kwargs)
    from portal.core.sites import default_site_id

    if site is not None and site.pk != default_site_id():
        return None
    return fn(year, **kwargs)


def inputs_for(year, site=None):
    site = resolve_site(site)
    found = AnnualFormInput.objects.filter(year=year, site=site).first() if site else None
    return found or AnnualFormInput(year=year, site=site)


def yes_no(value):
    return "是" if value else "否"


def interaction_figures(year, inputs, site=None):
    """互动交流 figures: admin input where entered, else the participation app, else 0."""
    system = participation_figures("interaction_counts", year, resolve_site(site)) or {}
    input_fields = {
        "messages_received": "messages_received",
        "messages_closed": "messages_closed",
        "messages_avg_days": "messages_avg_days",
        "messages_public_replies": "messages_public_replies",
        "consultations": "consultations",
        "consultation_comments": "consultation_comments",
        "consultations_results_published": "consultation_results",
    }
    out = {}
    for key in INTERACTION_KEYS:
        entered = getattr(inputs, input_fields[key])
        value = entered if entered is not None else system.get(key, 0)
        out[key] = value if value is not None else 0
    return out


def site_facts(site=None):
    """(SiteIdentity, 首页网址) of ``site`` (default: the default site)."""
    from portal.core.models import SiteIdentity

    site = resolve_site(site)
    identity = SiteIdentity.for_site(site) if site else SiteIdentity()
    return identity, home_address(site)


#: host names of a Site not yet given its public address (bootstrap_portal creates "localhost")
LOCAL_HOSTS = {"", "*", "localhost", "127.0.0.1", "0.0.0.0", "::1"}


def home_address(site):
    """首页网址: the Site's address once it has a public host name, else (for the default
    site) the deployment's ``WAGTAILADMIN_BASE_URL`` (the address the portal is served at)."""
    from django.conf import settings

    if site is not None and site.hostname not in LOCAL_HOSTS:
        return site.root_url + "/"
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    if base:
        return base.rstrip("/") + "/"
    return site.root_url + "/" if site else ""


def annual_form(year, report=None, site=None):
    """[(section name, [(field label, value), …]), …] in the reference layout."""
    site = resolve_site(site)
    report = report or annual_report(year, site=site)
    inputs = inputs_for(year, site)
    identity, url = site_facts(site)
    interaction = interaction_figures(year, inputs, site)
    interp = report["interpretations"]
    interp_total = interp["materials"] + interp["products"] + inputs.media_commentaries
    values = {
        "网站名称": identity.site_name,
        "首页网址": url,
        "主办单位": identity.sponsor,
        "网站类型（政府门户网站/部门网站）": "政府门户网站",
        "政府网站标识码": identity.site_code,
        "ICP备案号": identity.icp_number,
        "公安机关备案号": identity.police_number,
        "独立用户访问总量（个）": inputs.unique_visitors,
        "网站总访问量（次）": inputs.total_visits,
        "总数（条）": report["total"],
        "概况类信息更新量（条）": report["overview_updates"],
        "政务动态信息更新量（条）": report["news"]["total"],
        "信息公开目录信息更新量（条）": report["catalogue"]["total"],
        "维护数量（个）": report["topics"]["maintained"],
        "新开设数量（个）": report["topics"]["opened"],
        "解读信息发布总数（条）": interp_total,
        "其中：解读材料数量（条）": interp["materials"],
        "其中：解读产品数量（个）": interp["products"],
        "其中：媒体评论文章数量（篇）": inputs.media_commentaries,
        "回应公众关注热点或重大舆情数量（次）": inputs.hot_topic_responses,
        "是否发布服务事项目录": yes_no(inputs.service_catalogue_published),
        "注册用户数（个）": inputs.registered_users,
        "政务服务事项数量（项）": inputs.service_items,
        "可全程在线办理政务服务事项数量（项）": inputs.service_items_online,
        "办件量总数（件）": inputs.service_cases,
        "其中：自然人办件量（件）": inputs.service_cases_persons,
        "其中：法人办件量（件）": inputs.service_cases_legal,
        "是否使用统一平台": yes_no(inputs.unified_platform),
        "留言办理：收到留言数量（条）": interaction["messages_received"],
        "留言办理：办结留言数量（条）": interaction["messages_closed"],
        "留言办理：平均办理时间（天）": interaction["messages_avg_days"],
        "留言办理：公开答复数量（条）": interaction["messages_public_replies"],
        "征集调查：征集调查期数（期）": interaction["consultations"],
        "征集调查：收到意见数量（条）": interaction["consultation_comments"],
        "征集调查：公布调查结果期数（期）": interaction["consultations_results_published"],
        "在线访谈：访谈期数（期）": inputs.interviews,
        "在线访谈：网民留言数量（条）": inputs.interview_questions,
        "在线访谈：答复网民提问数量（条）": inputs.interview_answers,
        "是否提供智能问答": yes_no(inputs.smart_qa),
        "安全检测评估次数（次）": inputs.security_checks,
        "发现问题数量（个）": inputs.security_issues,
        "问题整改数量（个）": inputs.security_fixed,
        "是否建立安全监测预警机制": yes_no(inputs.security_monitoring),
        "是否开展应急演练": yes_no(inputs.emergency_drill),
        "是否明确网站安全负责人": yes_no(inputs.security_officer),
        "是否有移动新媒体": yes_no(inputs.has_new_media),
        "微博：名称": inputs.weibo_name,
        "微博：信息发布量（条）": inputs.weibo_posts,
        "微博：关注量（个）": inputs.weibo_followers,
        "微信：名称": inputs.wechat_name,
        "微信：信息发布量（条）": inputs.wechat_posts,
        "微信：订阅数（个）": inputs.wechat_subscribers,
        "搜索即服务": yes_no(inputs.search_as_service),
        "多语言版本": yes_no(inputs.multilingual),
        "无障碍浏览": yes_no(inputs.accessibility),
        "千人千网": yes_no(inputs.personalised),
        "单位负责人": inputs.head_of_unit,
        "审核人": inputs.reviewer,
        "填报人": inputs.filled_by,
        "联系电话": inputs.contact_phone,
        "填报日期": inputs.filled_on.isoformat() if inputs.filled_on else "",
    }
    sections = []
    for section in FORM_LAYOUT["sections"]:
        rows = []
        for label in section["fields"]:
            if label == "其他":
                value = (
                    inputs.new_media_other
                    if section["name"] == "移动新媒体"
                    else inputs.innovation_other
                )
            else:
                value = values.get(label, "")
            rows.append((label, value))
        sections.append((section["name"], rows))
    return sections


# --- 年报 ---------------------------------------------------------------------------------
def uses_2021_format(year):
    return year >= FORMAT_2021_FROM


def normative_counts(year, site=None):
    """表二 (第二十条第（一）项) for 行政规范性文件, from the catalogue's policy documents.

    issued: live normative documents first published in the year (written in the year for
    the 2019 format's 本年新制作数量); repealed: validity 废止 with the invalid date in the
    year; in force: live, published by the year's end, not expired or repealed by then.
    """
    Policy = apps.get_model("disclosure_catalog", "PolicyDocumentPage")
    start = timezone.make_aware(timezone.datetime(year, 1, 1))
    end = timezone.make_aware(timezone.datetime(year + 1, 1, 1))
    last_day = date(year, 12, 31)
    from portal.core.sites import site_page_filter

    site = resolve_site(site)
    in_site = site_page_filter(site) if site is not None else Q()
    normative = Policy.objects.live().filter(in_site, is_normative=True)
    issued = normative.filter(first_published_at__gte=start, first_published_at__lt=end).count()
    made = normative.filter(
        Q(written_date__year=year)
        | Q(written_date__isnull=True, first_published_at__gte=start, first_published_at__lt=end)
    ).count()
    repealed = Policy.objects.filter(
        in_site, is_normative=True, validity="废止", invalid_date__year=year
    ).count()
    in_force = (
        normative.filter(first_published_at__lt=end)
        .filter(Q(validity="有效") | Q(invalid_date__gt=last_day))
        .count()
    )
    return {"issued": issued, "made": made, "repealed": repealed, "in_force": in_force}


def table2(year, site=None):
    """[(block, columns, rows)] of 表二 in the year's format; rows are [label, *values]."""
    counts = normative_counts(year, site)
    inputs = inputs_for(year, site)
    if uses_2021_format(year):
        layout = REPORT_LAYOUT["table_2_proactive_2021"]
        values = {
            "规章": [0, 0, 0],
            "行政规范性文件": [counts["issued"], counts["repealed"], counts["in_force"]],
            "行政许可": [inputs.licensing_decisions],
            "行政处罚": [inputs.penalty_decisions],
            "行政强制": [inputs.enforcement_decisions],
            "行政事业性收费": [inputs.fee_amount],
        }
    else:
        layout = REPORT_LAYOUT["table_2_proactive_2019"]
        values = {
            "规章": [0, 0, 0],
            "规范性文件": [counts["made"], counts["issued"], counts["in_force"]],
            "行政许可": ["", "", inputs.licensing_decisions],
            "行政处罚": ["", "", inputs.penalty_decisions],
            "行政强制": ["", "", inputs.enforcement_decisions],
        }
    blocks = []
    for block in layout:
        width = len(block["columns"]) - 1
        rows = [[label, *values.get(label, [""] * width)] for label in block["rows"]]
        blocks.append((block["block"], block["columns"], rows))
    return blocks


TABLE3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def table3_layout(year):
    """Row labels of 表三 in the year's format, with their indent level."""
    rows = []
    for label, children in REPORT_LAYOUT["table_3_requests"]["rows_2021"]:
        rows.append((label, 0))
        for child in children:
            child_label, grandchildren = child
            if not uses_2021_format(year) and child_label.startswith("（六）"):
                rows.append((child_label, 1))  # 2019: （六）其他处理 has no sub-rows
                continue
            rows.append((child_label, 1))
            rows.extend((g, 2) for g in grandchildren)
    return rows


_SUB_ROW = re.compile(r"^(（[一二三四五六七八九十]）)[^0-9]*?\s*(\d+)\.")


def _data_key(label, parent):
    """The stable key of a 表三 row label: its numbering (一、 / （二） / 1.) and its parent's.

    Accepts both separate sub-row labels ("1.属于国家秘密" after "（三）不予公开") and
    combined ones ("（三）不予公开 1.属于国家秘密")."""
    label = label.strip()
    match = _SUB_ROW.match(label)
    if match:
        return (match.group(1), match.group(2))
    if label.startswith("（"):
        return (label[:3],)
    if label[:1].isdigit():
        return (parent[:3], label.split(".", 1)[0])
    return (label.split("、", 1)[0],)


def table3(year, site=None):
    """(columns, [(label, level, values)]) — from the participation app, else zeros.

    ``portal.participation.stats.table3(year)`` returns rows in the 2021 layout; rows are
    matched by their numbering so wording differences do not matter. Heading rows with
    sub-rows (三、本年度办理结果, （三）不予公开 …) have ``values`` None (blank in the table),
    as in the official layout.
    """
    layout = table3_layout(year)
    data = {}
    result = participation_figures("table3", year, resolve_site(site))
    if result:
        parent = ""
        for label, values in result.get("rows", []):
            key = _data_key(label, parent)
            if len(key) == 1 and key[0].startswith("（"):
                parent = key[0]
            data[key] = [int(v or 0) for v in values]
    has_children = set()
    for (label, level), nxt in zip(layout, layout[1:] + [("", 0)], strict=True):
        if nxt[1] > level:
            has_children.add(label)
    rows, parent = [], ""
    for label, level in layout:
        if level == 1:
            parent = label
        if label in has_children:
            rows.append((label, level, None))
            continue
        values = data.get(_data_key(label, parent))
        if values is None and label.startswith("（六）"):
            # 2019: one row for （六）, the sum of the 2021 sub-rows when those are given
            subs = [data.get(("（六）", str(n))) for n in range(1, 4)]
            subs = [v for v in subs if v]
            if subs:
                values = [sum(col) for col in zip(*subs, strict=True)]
        rows.append((label, level, list(values) if values else [0] * 7))
    return TABLE3_COLUMNS, rows


def _table3_children(prefix):
    for _label, children in REPORT_LAYOUT["table_3_requests"]["rows_2021"]:
        for child_label, grandchildren in children:
            if child_label.startswith(prefix):
                return grandchildren
    return []


def table4(year, site=None):
    """(groups, columns, values): 15 numbers, five per group, from the admin's records."""
    groups = [
        (ReviewProceeding.REVIEW, "行政复议"),
        (ReviewProceeding.LAWSUIT_DIRECT, "行政诉讼·未经复议直接起诉"),
        (ReviewProceeding.LAWSUIT_AFTER_REVIEW, "行政诉讼·复议后起诉"),
    ]
    outcomes = [
        ReviewOutcome.UPHELD,
        ReviewOutcome.CORRECTED,
        ReviewOutcome.OTHER,
        ReviewOutcome.PENDING,
    ]
    columns = REPORT_LAYOUT["table_4_review_litigation"]["columns_per_group"]
    records = list(
        ReviewLitigationRecord.objects.filter(year=year, site=resolve_site(site)).values_list(
            "proceeding", "outcome"
        )
    )
    values = []
    for proceeding, _name in groups:
        counts = [
            sum(1 for p, o in records if p == proceeding and o == outcome) for outcome in outcomes
        ]
        values.extend(counts + [sum(counts)])
    return [name for _p, name in groups], columns, values


def disclosure_report(year, site=None):
    """Everything the 年报 draft needs, as data (the DOCX writer lays it out)."""
    site = resolve_site(site)
    report = annual_report(year, site=site)
    inputs = inputs_for(year, site)
    identity, _url = site_facts(site)
    columns, t3 = table3(year, site)
    total_row = next((v for label, _lvl, v in t3 if label.startswith("一、")), None) or [0] * 7
    closed_row = next((v for label, _lvl, v in t3 if label.startswith("（七）")), None) or [0] * 7
    counts = normative_counts(year, site)
    interaction = interaction_figures(year, inputs, site)
    overview = (
        f"{year}年，{identity.sponsor or identity.site_name}认真贯彻落实《中华人民共和国政府信息"
        f"公开条例》，通过政府门户网站主动公开政府信息。全年门户网站发布信息{report['total']}条，"
        f"其中概况类信息更新{report['overview_updates']}条，政务动态信息{report['news']['total']}条，"
        f"信息公开目录信息{report['catalogue']['total']}条；新开设专题专栏"
        f"{report['topics']['opened']}个，维护专题专栏{report['topics']['maintained']}个；"
        f"发布政策解读{report['interpretations']['total']}条。"
    )
    if interaction["messages_received"]:
        overview += (
            f"全年收到网民留言{interaction['messages_received']}条，办结"
            f"{interaction['messages_closed']}条。"
        )
    proactive = (
        f"本年制发行政规范性文件{counts['issued']}件，废止{counts['repealed']}件，"
        f"现行有效{counts['in_force']}件。"
        if uses_2021_format(year)
        else f"本年新制作规范性文件{counts['made']}件，新公开{counts['issued']}件，"
        f"对外公开总数{counts['in_force']}件。"
    )
    requests = f"本年新收政府信息公开申请{total_row[-1]}件，办理结果总计{closed_row[-1]}件。"
    t4_groups, t4_columns, t4_values = table4(year, site)
    return {
        "year": year,
        "format": 2021 if uses_2021_format(year) else 2019,
        "title": f"{identity.sponsor or identity.site_name}{year}年政府信息公开工作年度报告",
        "sections": REPORT_LAYOUT["sections"],
        "overview": overview + (("\n" + inputs.report_overview) if inputs.report_overview else ""),
        "proactive": proactive,
        "requests": requests,
        "review": f"本年发生政府信息公开行政复议、行政诉讼共{sum(t4_values[4::5])}件。",
        "problems": inputs.report_problems or "（请填写存在的主要问题及改进情况。）",
        "other": inputs.report_other or "本年度无其他需要报告的事项。",
        "table2": table2(year, site),
        "table3": (columns, t3),
        "table4": (t4_groups, t4_columns, t4_values),
    }
