"""Publication log, per-day counters, and the figures admins enter by hand.

``PublicationEvent`` is the log: one row per publication event (publish, unpublish, delete),
written by the signal receivers in ``signals.py`` and by the historical-import API in
``services.py``. ``DailyCount`` holds the counters those events move, one row per day, column,
unit, statistics category, label and kind, so a year's report is a sum over at most a few
thousand rows instead of a scan of the page tree. ``verify`` (services) replays the log and
must agree with the counters.

Page, column, unit and site references are plain integers (0 = none), not foreign keys: the
log must outlive deleted pages, and 0 instead of NULL keeps the counters' unique key exact on
every database. ``site_id`` is the site (站群) whose tree held the page when the event was
logged (``portal.core.sites.site_id_for_path``): every counter and report is per site. The
figures admins enter (``AnnualFormInput``, ``ReviewLitigationRecord``) and the monitor's mail
log (``ColumnAlertLog``) belong to a site too (a foreign key: they are edited in the admin).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .forms import SiteScopedAdminForm


class EventType(models.TextChoices):
    PUBLISH = "publish", "发布"
    UNPUBLISH = "unpublish", "撤稿（取消发布）"
    DELETE = "delete", "删除"


class PageKind(models.TextChoices):
    ITEM = "item", "信息"
    TOPIC = "topic", "专题"
    COLUMN = "column", "栏目"
    HOME = "home", "首页"
    # 站群 信息推送: an alias of another site's item, shown in one of this site's columns; the
    # source site counts the item, this site counts it as 转载, outside 信息发布总数
    REPRINT = "reprint", "转载"


def default_site_id():
    from portal.core.sites import default_site_id as site_id

    return site_id()


class PublicationEvent(models.Model):
    page_id = models.IntegerField("页面ID", db_index=True)
    site_id = models.IntegerField("站点ID", default=0)
    event = models.CharField("事件", max_length=10, choices=EventType.choices)
    at = models.DateTimeField("时间", db_index=True)
    day = models.DateField("日期", db_index=True)
    column_id = models.IntegerField("栏目ID", default=0)
    unit_id = models.IntegerField("单位ID", default=0)
    category = models.CharField("统计类别", max_length=20, blank=True)
    label = models.CharField("统计子类", max_length=40, blank=True)
    page_kind = models.CharField(
        "页面类别", max_length=10, choices=PageKind.choices, default=PageKind.ITEM
    )
    #: finer kind for report lines that count one page type (解读: interpretation.text …)
    subkind = models.CharField("细分", max_length=40, blank=True)
    first_publication = models.BooleanField("首次发布", default=False)
    historical = models.BooleanField("历史导入", default=False)
    #: the change this event made to ``DailyCount.new_items`` (+1 first publication, −1 a
    #: withdrawal in the same year, +1 a restoration in the same year, else 0)
    delta = models.SmallIntegerField(default=0)
    title = models.CharField("标题", max_length=255, blank=True)

    class Meta:
        verbose_name = "发布记录"
        verbose_name_plural = "发布记录"
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["page_kind", "at"]),
            models.Index(fields=["page_id", "at"]),
            models.Index(fields=["site_id", "day"], name="statistics_event_site_day"),
        ]
        permissions = [("view_statistics", "查看统计报表")]

    def __str__(self):
        return f"{self.get_event_display()} #{self.page_id} {self.at:%Y-%m-%d %H:%M}"


class DailyCount(models.Model):
    """Counters of one day for one (site, column, unit, category, label, kind)."""

    day = models.DateField()
    site_id = models.IntegerField(default=0)
    column_id = models.IntegerField(default=0)
    unit_id = models.IntegerField(default=0)
    category = models.CharField(max_length=20, blank=True)
    label = models.CharField(max_length=40, blank=True)
    page_kind = models.CharField(max_length=10, default=PageKind.ITEM)
    subkind = models.CharField(max_length=40, blank=True)
    #: items first published that day, less those withdrawn again within the same year
    new_items = models.IntegerField(default=0)
    #: publish events that day (first publications and republished revisions)
    updates = models.IntegerField(default=0)

    class Meta:
        verbose_name = "每日发布计数"
        verbose_name_plural = "每日发布计数"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "site_id",
                    "column_id",
                    "unit_id",
                    "category",
                    "label",
                    "page_kind",
                    "subkind",
                ],
                name="statistics_dailycount_site_key",
            )
        ]
        indexes = [models.Index(fields=["site_id", "day"], name="statistics_count_site_day")]

    def __str__(self):
        return f"{self.day} {self.category}/{self.label}: +{self.new_items} ({self.updates})"


class AnnualFormInput(models.Model):
    """Fields of the 政府网站工作年度报表 the portal cannot know, entered per site and year."""

    base_form_class = SiteScopedAdminForm

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        on_delete=models.CASCADE,
        default=default_site_id,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度")
    # 访问量
    unique_visitors = models.PositiveIntegerField("独立用户访问总量（个）", default=0)
    total_visits = models.PositiveIntegerField("网站总访问量（次）", default=0)
    # 解读回应
    media_commentaries = models.PositiveIntegerField("媒体评论文章数量（篇）", default=0)
    hot_topic_responses = models.PositiveIntegerField(
        "回应公众关注热点或重大舆情数量（次）", default=0
    )
    # 办事服务
    service_catalogue_published = models.BooleanField("是否发布服务事项目录", default=True)
    registered_users = models.PositiveIntegerField("注册用户数（个）", default=0)
    service_items = models.PositiveIntegerField("政务服务事项数量（项）", default=0)
    service_items_online = models.PositiveIntegerField(
        "可全程在线办理政务服务事项数量（项）", default=0
    )
    service_cases = models.PositiveIntegerField("办件量总数（件）", default=0)
    service_cases_persons = models.PositiveIntegerField("其中：自然人办件量（件）", default=0)
    service_cases_legal = models.PositiveIntegerField("其中：法人办件量（件）", default=0)
    # 互动交流 (the portal fills what the participation app knows; the rest is entered)
    unified_platform = models.BooleanField("是否使用统一平台", default=True)
    messages_received = models.PositiveIntegerField(
        "收到留言数量（条）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    messages_closed = models.PositiveIntegerField(
        "办结留言数量（条）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    messages_avg_days = models.DecimalField(
        "平均办理时间（天）",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="留空则使用系统统计",
    )
    messages_public_replies = models.PositiveIntegerField(
        "公开答复数量（条）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    consultations = models.PositiveIntegerField(
        "征集调查期数（期）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    consultation_comments = models.PositiveIntegerField(
        "收到意见数量（条）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    consultation_results = models.PositiveIntegerField(
        "公布调查结果期数（期）", null=True, blank=True, help_text="留空则使用系统统计"
    )
    interviews = models.PositiveIntegerField("在线访谈期数（期）", default=0)
    interview_questions = models.PositiveIntegerField("网民留言数量（条）", default=0)
    interview_answers = models.PositiveIntegerField("答复网民提问数量（条）", default=0)
    smart_qa = models.BooleanField("是否提供智能问答", default=False)
    # 安全防护
    security_checks = models.PositiveIntegerField("安全检测评估次数（次）", default=0)
    security_issues = models.PositiveIntegerField("发现问题数量（个）", default=0)
    security_fixed = models.PositiveIntegerField("问题整改数量（个）", default=0)
    security_monitoring = models.BooleanField("是否建立安全监测预警机制", default=True)
    emergency_drill = models.BooleanField("是否开展应急演练", default=False)
    security_officer = models.BooleanField("是否明确网站安全负责人", default=True)
    # 移动新媒体
    has_new_media = models.BooleanField("是否有移动新媒体", default=False)
    weibo_name = models.CharField("微博：名称", max_length=100, blank=True)
    weibo_posts = models.PositiveIntegerField("微博：信息发布量（条）", default=0)
    weibo_followers = models.PositiveIntegerField("微博：关注量（个）", default=0)
    wechat_name = models.CharField("微信：名称", max_length=100, blank=True)
    wechat_posts = models.PositiveIntegerField("微信：信息发布量（条）", default=0)
    wechat_subscribers = models.PositiveIntegerField("微信：订阅数（个）", default=0)
    new_media_other = models.CharField("移动新媒体：其他", max_length=200, blank=True)
    # 创新发展
    search_as_service = models.BooleanField("搜索即服务", default=True)
    multilingual = models.BooleanField("多语言版本", default=False)
    accessibility = models.BooleanField("无障碍浏览", default=True)
    personalised = models.BooleanField("千人千网", default=False)
    innovation_other = models.CharField("创新发展：其他", max_length=200, blank=True)
    # 填报
    head_of_unit = models.CharField("单位负责人", max_length=50, blank=True)
    reviewer = models.CharField("审核人", max_length=50, blank=True)
    filled_by = models.CharField("填报人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    filled_on = models.DateField("填报日期", null=True, blank=True)
    # 年报表二: decisions and fees the portal does not hold (第二十条第（五）（六）（八）项)
    licensing_decisions = models.PositiveIntegerField("表二：行政许可本年处理决定数量", default=0)
    penalty_decisions = models.PositiveIntegerField("表二：行政处罚本年处理决定数量", default=0)
    enforcement_decisions = models.PositiveIntegerField("表二：行政强制本年处理决定数量", default=0)
    fee_amount = models.DecimalField(
        "表二：行政事业性收费本年收费金额（万元）", max_digits=12, decimal_places=2, default=0
    )
    # 政府信息公开工作年度报告: free text of the sections the portal cannot write
    report_overview = models.TextField("年报：一、总体情况（补充说明）", blank=True)
    report_problems = models.TextField("年报：五、存在的主要问题及改进情况", blank=True)
    report_other = models.TextField("年报：六、其他需要报告的事项", blank=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("year"),
        MultiFieldPanel(
            [FieldPanel("unique_visitors"), FieldPanel("total_visits")], heading="访问量"
        ),
        MultiFieldPanel(
            [FieldPanel("media_commentaries"), FieldPanel("hot_topic_responses")],
            heading="解读回应（解读材料、解读产品由系统统计）",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "service_catalogue_published",
                    "registered_users",
                    "service_items",
                    "service_items_online",
                    "service_cases",
                    "service_cases_persons",
                    "service_cases_legal",
                )
            ],
            heading="办事服务",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "unified_platform",
                    "messages_received",
                    "messages_closed",
                    "messages_avg_days",
                    "messages_public_replies",
                    "consultations",
                    "consultation_comments",
                    "consultation_results",
                    "interviews",
                    "interview_questions",
                    "interview_answers",
                    "smart_qa",
                )
            ],
            heading="互动交流",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "security_checks",
                    "security_issues",
                    "security_fixed",
                    "security_monitoring",
                    "emergency_drill",
                    "security_officer",
                )
            ],
            heading="安全防护",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "has_new_media",
                    "weibo_name",
                    "weibo_posts",
                    "weibo_followers",
                    "wechat_name",
                    "wechat_posts",
                    "wechat_subscribers",
                    "new_media_other",
                )
            ],
            heading="移动新媒体",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "search_as_service",
                    "multilingual",
                    "accessibility",
                    "personalised",
                    "innovation_other",
                )
            ],
            heading="创新发展",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in ("head_of_unit", "reviewer", "filled_by", "contact_phone", "filled_on")
            ],
            heading="填报",
        ),
        MultiFieldPanel(
            [
                FieldPanel(f)
                for f in (
                    "licensing_decisions",
                    "penalty_decisions",
                    "enforcement_decisions",
                    "fee_amount",
                    "report_overview",
                    "report_problems",
                    "report_other",
                )
            ],
            heading="政府信息公开工作年度报告",
        ),
    ]

    class Meta:
        verbose_name = "年度报表填报项"
        verbose_name_plural = "年度报表填报项"
        ordering = ["-year", "site_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year"], name="statistics_annualinput_site_year"
            )
        ]

    def __str__(self):
        return f"{self.year}年度报表填报项"


class ReviewOutcome(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class ReviewProceeding(models.TextChoices):
    REVIEW = "review", "行政复议"
    LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼·未经复议直接起诉"
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", "行政诉讼·复议后起诉"


class ReviewLitigationRecord(models.Model):
    """One administrative review or lawsuit about disclosure, for 年报表四 (of its site)."""

    base_form_class = SiteScopedAdminForm

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        on_delete=models.CASCADE,
        default=default_site_id,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("统计年度")
    proceeding = models.CharField("类型", max_length=30, choices=ReviewProceeding.choices)
    outcome = models.CharField("结果", max_length=20, choices=ReviewOutcome.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    received_on = models.DateField("受理日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "复议诉讼记录"
        verbose_name_plural = "复议诉讼记录"
        ordering = ["-year", "proceeding", "pk"]

    def __str__(self):
        return f"{self.year} {self.get_proceeding_display()} {self.get_outcome_display()}"


class ColumnAlertLog(models.Model):
    """One row per site and day on which the column-freshness email went out (at most once a
    day per site)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        on_delete=models.CASCADE,
        default=default_site_id,
        related_name="+",
    )
    sent_on = models.DateField("发送日期")
    sent_at = models.DateTimeField("发送时间")
    recipients = models.TextField("收件人", blank=True)
    columns = models.TextField("涉及栏目", blank=True)

    class Meta:
        verbose_name = "栏目监测提醒"
        verbose_name_plural = "栏目监测提醒"
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["site", "sent_on"], name="statistics_alertlog_site_day")
        ]

    def __str__(self):
        return f"栏目监测提醒 {self.sent_on}"


__all__ = [
    "AnnualFormInput",
    "ColumnAlertLog",
    "DailyCount",
    "EventType",
    "PageKind",
    "PublicationEvent",
    "ReviewLitigationRecord",
    "ReviewOutcome",
    "ReviewProceeding",
]
