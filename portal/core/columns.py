"""Facts about columns (栏目) shared by the page apps and the cross-cutting apps."""

from django.db import models


class StatsCategory(models.TextChoices):
    """The 年度报表 category a column's items count under (DESIGN §7)."""

    OVERVIEW = "overview", "概况类"
    NEWS = "news", "政务动态"
    CATALOGUE = "catalogue", "信息公开目录"
    TOPIC = "topic", "专题专栏"
    OTHER = "other", "其他"


class FreshnessRule(models.TextChoices):
    """How often a column must be updated.

    Source: 政府网站发展指引 / 全国政府网站抽查评分细则 (reference/statutory_rules.json,
    inspection_vetoes_政府网站): 动态 columns not updated for 14 days, 通知公告 and 政策文件
    columns not updated for 6 months count as 长期未更新.
    """

    NONE = "none", "不监测"
    NEWS = "news", "动态类（14天）"
    NOTICE = "notice", "通知公告、政策文件类（6个月）"


#: limits in days; 6 months counted as 183 days
FRESHNESS_LIMIT_DAYS = {FreshnessRule.NEWS: 14, FreshnessRule.NOTICE: 183}


class ColumnKey:
    """Stable keys of the columns the software itself needs to find (the admin may rename
    and move columns; the key stays)."""

    OVERVIEW = "overview"
    NEWS = "news"
    NEWS_HEADLINES = "news.headlines"
    NEWS_DEPARTMENTS = "news.departments"
    NEWS_TOWNSHIPS = "news.townships"
    NEWS_NOTICES = "news.notices"
    DISCLOSURE = "disclosure"
    DISCLOSURE_GUIDE = "disclosure.guide"
    DISCLOSURE_RULES = "disclosure.rules"
    DISCLOSURE_ANNUAL_REPORTS = "disclosure.annual_reports"
    DISCLOSURE_STATUTORY = "disclosure.statutory"
    DISCLOSURE_POLICY = "disclosure.policy"
    DISCLOSURE_POLICY_NORMATIVE = "disclosure.policy.normative"
    DISCLOSURE_POLICY_OTHER = "disclosure.policy.other"
    DISCLOSURE_INTERPRETATION = "disclosure.interpretation"
    DISCLOSURE_DEPARTMENTS = "disclosure.departments"
    DISCLOSURE_TOWNSHIPS = "disclosure.townships"
    DISCLOSURE_ON_REQUEST = "disclosure.on_request"
    TOPICS = "topics"
    INTERACTION = "interaction"
    INTERACTION_MESSAGES = "interaction.messages"
    INTERACTION_CONSULTATIONS = "interaction.consultations"
    INTERACTION_INTERVIEWS = "interaction.interviews"
    SERVICES = "services"
