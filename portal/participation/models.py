"""依申请公开 applications, 留言 messages, 意见征集 consultations and the working-day overrides."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.core import clock
from portal.core.blocks import BodyBlock
from portal.core.models import BasePage

from . import crypto, outcomes
from .fields import DigestField, EncryptedEmailField, EncryptedTextField
from .validators import mask_id, mask_name, mask_phone
from .workdays import WorkCalendar, parse_days

# 条例第三十三条: reply within 20 working days; an extension of at most 20 working days
REPLY_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 20
# 条例第三十条: one single correction notice within 7 working days of receipt
CORRECTION_NOTICE_WORKING_DAYS = 7
DEFAULT_CORRECTION_PERIOD_WORKING_DAYS = 15
# 条例第三十二条: the third party has 15 working days; that time does not count
THIRD_PARTY_WORKING_DAYS = 15
# due-soon alerts: deadlines within this many working days
DUE_SOON_WORKING_DAYS = 3
# 政府网站 inspection veto: a valid message unanswered for more than 3 months
MESSAGE_LIMIT_MONTHS = 3
MESSAGE_WARN_DAYS_BEFORE = 30
# 重大行政决策程序暂行条例第十四条: comment period generally not less than 30 days
MAJOR_DECISION_MIN_DAYS = 30

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_query_code(length=8):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def hash_code(tracking_number, code):
    return hashlib.sha256(f"{tracking_number}:{code.strip().upper()}".encode()).hexdigest()


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar as _cal

    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def today():
    return clock.today()


class CalendarOverride(models.Model):
    """A correction to the holiday calendar: a day declared a working day or a day off."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField(
        "是否工作日",
        default=False,
        help_text="勾选表示当天上班（如调休上班的周末）；不勾选表示放假。",
    )
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：2027年春节放假")

    class Meta:
        ordering = ["date"]
        verbose_name = "工作日调整"
        verbose_name_plural = "工作日调整"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {'上班' if self.is_workday else '放假'}"


class HolidayNotice(models.Model):
    """The State Council's notice of a year's holidays (国务院办公厅关于××年部分节假日安排的通知),
    as an admin entered it. Until a year has one (or the ``chinese_calendar`` package knows the
    year), deadlines through that year are counted on the statutory holidays alone and marked
    provisional (workdays.WorkCalendar.is_provisional)."""

    year = models.PositiveSmallIntegerField(
        "年份", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(
        "通知名称", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    document_number = models.CharField(
        "文号", max_length=50, blank=True, help_text="如：国办发明电〔2026〕7号"
    )
    days_off = models.TextField(
        "放假日期",
        help_text="通知中的全部放假日期（含周末），每行一段，如“2027-02-05至2027-02-11”。",
    )
    working_days = models.TextField(
        "调休上班日期",
        blank=True,
        help_text="通知中调休上班的周六、周日，每行一个，如“2027-02-14”。",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = "节假日安排通知"
        verbose_name_plural = "节假日安排通知"

    def __str__(self):
        return f"{self.year}年 {self.title}"

    def clean(self):
        errors = {}
        parsed = {}
        for field in ("days_off", "working_days"):
            try:
                parsed[field] = parse_days(getattr(self, field) or "")
            except ValueError as error:
                errors[field] = str(error)
                continue
            if not self.year:
                continue
            # a notice may start the 元旦 holiday in the last days of the year before
            first, last = dt.date(self.year - 1, 12, 1), dt.date(self.year, 12, 31)
            stray = [d for d in parsed[field] if not first <= d <= last]
            if stray:
                errors[field] = f"{stray[0]:%Y-%m-%d}不在{self.year}年的放假安排范围内。"
        if "days_off" in parsed and not parsed["days_off"] and "days_off" not in errors:
            errors["days_off"] = "请填写放假日期。"
        if not errors and len(parsed) == 2:
            both = set(parsed["days_off"]) & set(parsed["working_days"])
            if both:
                errors["working_days"] = f"{min(both):%Y-%m-%d}同时填在放假日期和调休上班日期中。"
        if errors:
            raise ValidationError(errors)

    def days(self):
        """{date: is_workday} for the days the notice names."""
        days = dict.fromkeys(parse_days(self.days_off), False)
        days.update(dict.fromkeys(parse_days(self.working_days or ""), True))
        return days


# --- 依申请公开 ---------------------------------------------------------------------------
class ApplicantType(models.TextChoices):
    NATURAL = "natural", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OrganisationKind(models.TextChoices):
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    WELFARE = "welfare", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他有效证件"


class DeliveryForm(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文档"
    DISC = "disc", "光盘"


class DeliveryWay(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查询"


class ApplicationStatus(models.TextChoices):
    REGISTERED = "registered", "已登记，待确认接收"
    CORRECTION = "correction", "待申请人补正"
    PROCESSING = "processing", "已受理，办理中"
    CONSULTING = "consulting", "征求第三方意见中"
    REPLIED = "replied", "已答复"
    ARCHIVED = "archived", "已归档"
    VOID = "void", "无效申请（不予登记）"


OPEN_STATUSES = (
    ApplicationStatus.REGISTERED,
    ApplicationStatus.CORRECTION,
    ApplicationStatus.PROCESSING,
    ApplicationStatus.CONSULTING,
)
RUNNING_STATUSES = (ApplicationStatus.PROCESSING, ApplicationStatus.CONSULTING)
CLOSED_STATUSES = (ApplicationStatus.REPLIED, ApplicationStatus.ARCHIVED)


def _default_site_id():
    from portal.core.sites import default_site_id

    return default_site_id()


class SiteScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        """What ``user`` may see: the rows of their sites (portal.core.sites)."""
        from portal.core.sites import site_ids_for_user

        return self.filter(site_id__in=site_ids_for_user(user))

    def for_site(self, site):
        return self.filter(site_id=site.pk) if site is not None else self.none()


class DisclosureApplication(models.Model):
    """A 政府信息公开申请 (条例第二十九条) and its handling (条例第三十条至第三十六条)."""

    #: the site (county portal) it was submitted on: only that site's people handle it
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        on_delete=models.PROTECT,
        related_name="+",
        default=_default_site_id,
        editable=False,
    )
    tracking_number = models.CharField("申请编号", max_length=24, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    # applicant (条例第二十九条第二款第一项)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(
        "法人或其他组织类别", max_length=20, blank=True, choices=OrganisationKind.choices
    )
    # personal data encrypted at rest (个人信息保护法第五十一条; crypto.py)
    name = EncryptedTextField("姓名或名称", max_length=100)
    contact_person = EncryptedTextField("联系人", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = EncryptedTextField("证件号码", max_length=40)
    phone = EncryptedTextField("联系电话", max_length=30)
    email = EncryptedEmailField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", max_length=200)
    # keyed hashes for exact lookup (same applicant applying again)
    id_number_digest = DigestField(source="id_number")
    phone_digest = DigestField(source="phone")
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # the information requested (第二项)
    description = models.TextField("所需信息的名称或内容描述", max_length=2000)
    document_number = models.CharField("文号", max_length=100, blank=True)
    purpose = models.CharField("用途说明（选填）", max_length=200, blank=True)
    # form and way of delivery (第三项)
    delivery_form = models.CharField("获取信息的形式", max_length=20, choices=DeliveryForm.choices)
    delivery_way = models.CharField("获取信息的方式", max_length=20, choices=DeliveryWay.choices)

    status = models.CharField(
        "状态",
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.REGISTERED,
        db_index=True,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # 条例第三十一条: online applications are received on the date both sides confirm
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    clock_start = models.DateField("答复期限起算日", null=True, blank=True)
    # 补正 (条例第三十条)
    correction_requested_on = models.DateField("补正告知日期", null=True, blank=True)
    correction_notice = models.TextField("补正告知内容", blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    correction_text = models.TextField("补正内容", blank=True, max_length=2000)
    corrected_on = models.DateField("补正日期", null=True, blank=True)
    # 延期 (条例第三十三条第二款)
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_approver = models.CharField("延期批准人", max_length=50, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extended_on = models.DateField("延期日期", null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # 答复 (条例第三十六条)
    reply_type = models.CharField(
        "答复类型", max_length=30, blank=True, choices=outcomes.REPLY_TYPE_CHOICES
    )
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    void_reason = models.CharField("不予登记原因", max_length=200, blank=True)

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        permissions = [("handle_application", "办理政府信息公开申请")]
        # tracking numbers are per site: a county moving onto the platform keeps its own
        constraints = [
            models.UniqueConstraint(
                fields=["site", "tracking_number"], name="application_number_unique_per_site"
            )
        ]

    def __str__(self):
        # never the applicant's ID or phone: this string reaches audit logs
        return self.tracking_number

    @classmethod
    def with_id_number(cls, id_number):
        """Applications by the same ID number (exact match through the keyed hash)."""
        value = crypto.digest(id_number)
        return cls.objects.filter(id_number_digest=value) if value else cls.objects.none()

    @classmethod
    def with_phone(cls, phone):
        value = crypto.digest(phone)
        return cls.objects.filter(phone_digest=value) if value else cls.objects.none()

    # --- identity --------------------------------------------------------------------------
    @classmethod
    def new_tracking_number(cls, site_id=None):
        """A number not yet used on the site (numbers are per site)."""
        stamp = timezone.localtime().strftime("%Y%m%d")
        while True:
            number = f"YSQ{stamp}{secrets.randbelow(10**5):05d}"
            taken = cls.objects.filter(tracking_number=number)
            if site_id is not None:
                taken = taken.filter(site_id=site_id)
            if not taken.exists():
                return number

    def set_query_code(self):
        code = new_query_code()
        self.query_code_hash = hash_code(self.tracking_number, code)
        return code

    def check_query_code(self, code):
        return hmac.compare_digest(
            self.query_code_hash, hash_code(self.tracking_number, code or "")
        )

    # --- masked personal data ----------------------------------------------------------------
    @property
    def masked_id(self):
        return mask_id(self.id_number)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def masked_name(self):
        if self.applicant_type == ApplicantType.ORGANISATION:
            return self.name
        return mask_name(self.name)

    @property
    def stats_column(self):
        """The applicant column of 表三."""
        if self.applicant_type == ApplicantType.NATURAL:
            return "natural"
        return self.organisation_kind or "other"

    @property
    def applicant_label(self):
        if self.applicant_type == ApplicantType.NATURAL:
            return "自然人"
        return f"法人或其他组织（{self.get_organisation_kind_display() or '其他'}）"

    @property
    def reply_type_label(self):
        return outcomes.REPLY_TYPE_LABELS.get(self.reply_type, "")

    # --- deadlines ---------------------------------------------------------------------------
    def pause_ranges(self, cal=None):
        cal = cal or WorkCalendar()
        return [p.effective_range(cal) for p in self.pauses.all()]

    def deadline(self, cal=None):
        """The reply deadline (条例第三十三条), or None while the clock is not running."""
        if self.clock_start is None or self.status == ApplicationStatus.CORRECTION:
            return None
        cal = cal or WorkCalendar()
        return cal.add_working_days(
            self.clock_start, REPLY_WORKING_DAYS + self.extension_days, self.pause_ranges(cal)
        )

    def deadline_is_provisional(self, cal=None):
        """Whether the reply deadline is counted through a year whose holiday notice is not
        known yet (shown with workdays.PROVISIONAL_NOTE)."""
        cal = cal or WorkCalendar()
        return cal.is_provisional(self.clock_start, self.deadline(cal))

    def extension_refusal(self, on=None, cal=None):
        """Why the reply deadline cannot be extended now (条例第三十三条第二款: once, before
        the deadline, while the application is being handled), or None if it can."""
        if self.status not in RUNNING_STATUSES:
            return "只有办理中的申请可以延期。"
        if self.extension_days:
            return "该申请已经延期，不能再次延期。"
        deadline = self.deadline(cal)
        if deadline is not None and (on or today()) > deadline:
            return f"答复期限已于{deadline:%Y年%m月%d日}届满，不能再延期。"
        return None

    def correction_notice_deadline(self, cal=None):
        if self.received_on is None:
            return None
        cal = cal or WorkCalendar()
        return cal.add_working_days(self.received_on, CORRECTION_NOTICE_WORKING_DAYS)

    def working_days_left(self, on=None, cal=None):
        cal = cal or WorkCalendar()
        deadline = self.deadline(cal)
        if deadline is None:
            return None
        on = on or today()
        if deadline >= on:
            return cal.working_days_between(on, deadline)
        return -cal.working_days_between(deadline, on)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def active_pause(self):
        return self.pauses.filter(ended_on__isnull=True).first()

    def can_request_correction(self, on=None, cal=None):
        """One single notice (一次性告知), within 7 working days of receipt."""
        if self.correction_requested_on or self.status not in RUNNING_STATUSES:
            return False
        limit = self.correction_notice_deadline(cal)
        return limit is not None and (on or today()) <= limit


class ClockPause(models.Model):
    """Time that does not count toward the reply deadline: 征求第三方意见 (条例第三十二条)."""

    application = models.ForeignKey(
        DisclosureApplication, on_delete=models.CASCADE, related_name="pauses"
    )
    reason = models.CharField("事由", max_length=200, default="征求第三方意见")
    third_party = models.CharField("第三方", max_length=100, blank=True)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"

    def __str__(self):
        return f"{self.reason} {self.started_on:%Y-%m-%d}"

    def limit(self, cal=None):
        return (cal or WorkCalendar()).add_working_days(self.started_on, THIRD_PARTY_WORKING_DAYS)

    def effective_range(self, cal=None):
        """The paused span: until the recorded end, at most the third party's 15 working days."""
        limit = self.limit(cal)
        end = min(self.ended_on, limit) if self.ended_on else limit
        return (self.started_on, end)


class ApplicationEvent(models.Model):
    """The application's public timeline (the audit log keeps who did what)."""

    application = models.ForeignKey(
        DisclosureApplication, on_delete=models.CASCADE, related_name="events"
    )
    created_at = models.DateTimeField(default=timezone.now)
    label = models.CharField(max_length=100)
    detail = models.TextField(blank=True)
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.label


# --- 留言咨询 --------------------------------------------------------------------------------
class MessageCategory(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    OTHER = "other", "其他"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "已受理，待办理"
    ASSIGNED = "assigned", "办理中"
    ANSWERED = "answered", "已答复"
    REJECTED = "rejected", "不予受理"


class Message(models.Model):
    """A message to the county leader's mailbox (县长信箱 / 留言咨询)."""

    #: the site (county portal) it was submitted on: only that site's people handle it
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        on_delete=models.PROTECT,
        related_name="+",
        default=_default_site_id,
        editable=False,
    )
    tracking_number = models.CharField("留言编号", max_length=24, editable=False)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("留言时间", default=timezone.now, db_index=True)
    # personal data encrypted at rest (个人信息保护法第五十一条; crypto.py)
    name = EncryptedTextField("姓名", max_length=50)
    phone = EncryptedTextField("联系电话", max_length=30)
    email = EncryptedEmailField("电子邮箱", blank=True)
    phone_digest = DigestField(source="phone")
    category = models.CharField(
        "留言类型", max_length=20, choices=MessageCategory.choices, default=MessageCategory.CONSULT
    )
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("留言内容", max_length=2000)
    allow_public = models.BooleanField("同意公开留言及答复", default=True)

    status = models.CharField(
        "状态",
        max_length=20,
        choices=MessageStatus.choices,
        default=MessageStatus.PENDING,
        db_index=True,
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核人",
    )
    reject_reason = models.CharField("不予受理原因", max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="承办人",
    )
    answering_unit = models.CharField("答复单位", max_length=100, blank=True)
    reply = models.TextField("答复内容", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, db_index=True)
    is_public = models.BooleanField(
        "公开显示", default=False, help_text="审核通过且申请人同意公开时，答复后在网站公开。"
    )

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "留言"
        verbose_name_plural = "留言"
        permissions = [("handle_message", "办理留言")]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "tracking_number"], name="message_number_unique_per_site"
            )
        ]

    def __str__(self):
        return self.tracking_number

    @classmethod
    def new_tracking_number(cls, site_id=None):
        """A number not yet used on the site (numbers are per site)."""
        stamp = timezone.localtime().strftime("%Y%m%d")
        while True:
            number = f"LY{stamp}{secrets.randbelow(10**5):05d}"
            taken = cls.objects.filter(tracking_number=number)
            if site_id is not None:
                taken = taken.filter(site_id=site_id)
            if not taken.exists():
                return number

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def submitted_on(self):
        return timezone.localtime(self.submitted_at).date()

    @property
    def limit_date(self):
        """The day the message would have gone 3 months unanswered (veto item)."""
        return add_months(self.submitted_on, MESSAGE_LIMIT_MONTHS)

    @property
    def warn_date(self):
        return self.limit_date - dt.timedelta(days=MESSAGE_WARN_DAYS_BEFORE)

    @property
    def is_unanswered(self):
        return self.status in (
            MessageStatus.PENDING,
            MessageStatus.ACCEPTED,
            MessageStatus.ASSIGNED,
        )

    @property
    def days_to_answer(self):
        if not self.replied_at:
            return None
        return (timezone.localtime(self.replied_at).date() - self.submitted_on).days


# --- 意见征集 --------------------------------------------------------------------------------
class ConsultationPage(BasePage):
    """A draft under public consultation (意见征集) with its comment period and results."""

    start_date = models.DateField("征集开始日期")
    end_date = models.DateField("征集截止日期")
    is_major_decision = models.BooleanField(
        "重大行政决策草案",
        default=False,
        help_text="重大行政决策草案征求意见期限一般不少于30日（重大行政决策程序暂行条例第十四条）。",
    )
    short_period_reason = models.CharField(
        "期限少于30日的理由",
        max_length=200,
        blank=True,
        help_text="重大行政决策草案征求意见期限少于30日时必须说明理由。",
    )
    summary = models.TextField("征集说明", max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name="草案正文", blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    results = RichTextField(
        "意见采纳情况", blank=True, help_text="征集结束后发布：收到意见的总体情况、采纳情况及理由。"
    )
    results_published_on = models.DateField("采纳情况发布日期", null=True, blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("is_major_decision"),
                FieldPanel("short_period_reason"),
            ],
            heading="征集期限",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("contact"),
        MultiFieldPanel(
            [FieldPanel("results"), FieldPanel("results_published_on")],
            heading="意见采纳情况（征集结束后填写）",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary")]

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    allowed_column_kinds = ("general",)
    required_fields = ("start_date", "end_date", "body")
    body_field = "body"
    type_label = "意见征集"
    template = "participation/consultation_page.html"

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"

    @property
    def period_days(self):
        if not (self.start_date and self.end_date):
            return 0
        return (self.end_date - self.start_date).days + 1

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "征集截止日期不能早于开始日期。"
        elif (
            self.is_major_decision
            and self.period_days < MAJOR_DECISION_MIN_DAYS
            and not self.short_period_reason.strip()
        ):
            # 重大行政决策程序暂行条例第十四条: generally no less than 30 days
            errors["short_period_reason"] = (
                f"重大行政决策草案征求意见期限一般不少于30日，当前仅{self.period_days}日。"
                "请延长征集期限，或填写期限少于30日的理由。"
            )
        if errors:
            raise ValidationError(errors)

    def is_open(self, on=None):
        on = on or today()
        return bool(self.start_date and self.end_date and self.start_date <= on <= self.end_date)

    def has_closed(self, on=None):
        return bool(self.end_date and (on or today()) > self.end_date)

    def show_results(self, on=None):
        return self.has_closed(on) and bool(self.results)

    def comment_counts(self):
        if self.pk is None:  # an unsaved page in the admin preview
            return {"received": 0, "approved": 0}
        qs = self.comments.all()
        return {
            "received": qs.count(),
            "approved": qs.filter(status=CommentStatus.APPROVED).count(),
        }

    def serve(self, request, *args, **kwargs):
        from .views import consultation_serve

        return consultation_serve(self, request, *args, **kwargs)


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已采纳为有效意见"
    REJECTED = "rejected", "无效意见"


class ConsultationComment(models.Model):
    page = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments", verbose_name="意见征集"
    )
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    # personal data encrypted at rest (个人信息保护法第五十一条; crypto.py)
    name = EncryptedTextField("姓名", max_length=50)
    phone = EncryptedTextField("联系电话", max_length=30, blank=True)
    email = EncryptedEmailField("电子邮箱", blank=True)
    body = models.TextField("意见建议", max_length=2000)
    status = models.CharField(
        "审核状态",
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    moderation_note = models.CharField("审核备注", max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"

    def __str__(self):
        return f"{self.page.title} · {mask_name(self.name)}"

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


class AlertLog(models.Model):
    """One row per day and kind of alert sent, so alerts go out once a day."""

    day = models.DateField()
    kind = models.CharField(max_length=40)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "kind"], name="participation_alert_once_a_day")
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.kind}"
