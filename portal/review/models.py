"""Review and publishing (信息审核发布制度, DESIGN §6) on Wagtail's workflows.

Task types used by the default workflow 自动检查 → 本单位审核 → 保密审查 → 终审:

- ``AutoCheckTask``      runs the automatic check when it starts and approves or rejects at
                         once (no person acts on it)
- ``UnitReviewTask``     approved only by the reviewers of the page's own unit
- ``GroupReviewTask``    approved by members of the chosen groups (保密审查, 终审)

All human steps share one rule: nobody approves a revision they wrote (second pair of eyes),
and a superuser is no exception — their override is the explicit force-publish action, which
needs a reason and is logged.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Task, TaskState
from wagtail.search import index


class WordingCategory(models.TextChoices):
    SERIOUS = "serious", "严重表述错误"
    TYPO = "typo", "错别字"
    SENSITIVE = "sensitive", "敏感词"
    NORM = "norm", "规范表述"


class RuleKind(models.TextChoices):
    """How a wording rule matches (portal.review.checker reads the table)."""

    LITERAL = "literal", "固定词语"
    PATTERN = "pattern", "正则表达式"
    RENAMED = "renamed", "机构更名"
    BUILTIN = "builtin", "内置检查"


class Severity(models.TextChoices):
    BLOCK = "block", "阻止发布"
    WARN = "warn", "提示"


def _site_field(help_text):
    """An optional site (站群): empty = the whole platform, else that site only."""
    return models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="适用站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=help_text,
    )


class SiteScopedRow:
    """A row of the whole platform (``site`` empty) or of one site."""

    def scope(self):
        return self.site.site_name or self.site.hostname if self.site_id else "全平台"

    scope.short_description = "适用范围"


class WordingRule(SiteScopedRow, index.Indexed, models.Model):
    """One entry of the admin-editable wording table checked by 自动检查: platform-wide
    (no site: a platform administrator's) or one site's own (站群: checked on that site's
    pages only)."""

    kind = models.CharField(
        "规则类型",
        max_length=10,
        choices=RuleKind.choices,
        default=RuleKind.LITERAL,
        help_text="固定词语逐字匹配；正则表达式按模式匹配；机构更名在生效日期之后才算错误；"
        "内置检查是程序实现的检查（文号、日期、标点、错别字识别等），只能启用或停用、改处理方式和说明",
    )
    phrase = models.CharField(
        "错误表述",
        max_length=300,
        help_text="固定词语：在标题和正文中逐字匹配；正则表达式：按正则模式匹配；机构更名：旧名称；"
        "内置检查：检查名称",
    )
    correction = models.CharField("建议改为", max_length=200)
    category = models.CharField(
        "类别", max_length=20, choices=WordingCategory.choices, default=WordingCategory.TYPO
    )
    severity = models.CharField(
        "处理方式", max_length=10, choices=Severity.choices, default=Severity.BLOCK
    )
    note = models.CharField("说明", max_length=300, blank=True)
    exceptions = models.CharField(
        "例外",
        max_length=300,
        blank=True,
        help_text="包含错误表述的正确说法，用逗号分隔，例如“学习总书记”不算“习总书记”",
    )
    effective_from = models.DateField(
        "生效日期",
        null=True,
        blank=True,
        help_text="机构更名：新名称启用的日期；成文或首次发布在此日期之前的稿件使用旧名称不算错误",
    )
    source = models.CharField("依据", max_length=200, blank=True, help_text="文件名称和文号")
    site = _site_field("留空：全平台通用（平台管理员维护）；选择站点：只检查该站点的稿件")
    enabled = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("kind"),
        FieldPanel("phrase"),
        FieldPanel("correction"),
        FieldPanel("category"),
        FieldPanel("severity"),
        FieldPanel("note"),
        FieldPanel("exceptions"),
        FieldPanel("effective_from"),
        FieldPanel("source"),
        FieldPanel("enabled"),
    ]
    search_fields = [
        index.SearchField("phrase"),
        index.SearchField("correction"),
        index.AutocompleteField("phrase"),
        index.FilterField("category"),
        index.FilterField("severity"),
    ]

    class Meta:
        verbose_name = "用语规则"
        verbose_name_plural = "用语规则"
        ordering = ["category", "phrase"]
        # one row per phrase and site, one platform-wide row per phrase (NULL never equals
        # NULL in a unique constraint, hence the conditional second one)
        constraints = [
            models.UniqueConstraint(fields=["site", "phrase"], name="review_wordingrule_per_site"),
            models.UniqueConstraint(
                fields=["phrase"],
                condition=Q(site__isnull=True),
                name="review_wordingrule_platform",
            ),
        ]

    def __str__(self):
        return f"{self.phrase} → {self.correction}"

    def clean(self):
        import re

        from django.core.exceptions import ValidationError

        if self.kind == RuleKind.PATTERN:
            try:
                re.compile(self.phrase)
            except re.error as exc:
                raise ValidationError({"phrase": f"正则表达式有误：{exc}"}) from exc
        if self.kind == RuleKind.RENAMED and not self.effective_from:
            raise ValidationError({"effective_from": "机构更名规则必须填写生效日期"})
        if self.kind == RuleKind.BUILTIN and self.site_id:
            raise ValidationError(
                {"kind": "内置检查是全平台的，站点不能单独设置；请选择其他规则类型"}
            )
        duplicate = WordingRule.objects.filter(phrase=self.phrase, site_id=self.site_id).exclude(
            pk=self.pk
        )
        if self.phrase and duplicate.exists():
            where = "全平台" if self.site_id is None else "本站点"
            raise ValidationError({"phrase": f"{where}已有这条错误表述的规则"})
        if self.kind == RuleKind.BUILTIN:
            from .checker.builtin import BUILTIN_CHECKS

            if self.phrase not in BUILTIN_CHECKS:
                names = "、".join(BUILTIN_CHECKS)
                raise ValidationError({"phrase": f"没有这个内置检查，可用的有：{names}"})

    def exception_list(self):
        return [
            e.strip()
            for e in self.exceptions.replace("，", ",").split(",")
            if e.strip() and self.phrase in e.strip()
        ]

    def find_in(self, text):
        """(start, end) of each occurrence of the phrase not covered by an exception."""
        exceptions = self.exception_list()
        start = text.find(self.phrase)
        while start != -1:
            end = start + len(self.phrase)
            covered = False
            for exception in exceptions:
                offset = exception.find(self.phrase)
                while offset != -1:
                    left = start - offset
                    if left >= 0 and text[left : left + len(exception)] == exception:
                        covered = True
                        break
                    offset = exception.find(self.phrase, offset + 1)
                if covered:
                    break
            if not covered:
                yield start, end
            start = text.find(self.phrase, end)


class Leader(SiteScopedRow, models.Model):
    """One leader of the site (领导信息) for the checker's 领导职务 check: the name with the
    titles in the order they are written and whether the site's style adds 同志. A leader
    belongs to one site (站群: a county's 县长 is checked on that county's pages only); one
    without a site (a provincial leader) is checked on every site."""

    name = models.CharField("姓名", max_length=20)
    titles = models.CharField(
        "职务",
        max_length=200,
        help_text="按规范顺序填写，用顿号分隔，党内职务在前，例如“县委副书记、县长”；"
        "人大、政协职务写全称，例如“县人大常委会主任”“县政协主席”",
    )
    requires_comrade = models.BooleanField(
        "姓名后加“同志”",
        default=False,
        help_text="选中后，稿件中出现该领导姓名而后面没有“同志”时给出提示",
    )
    sort_order = models.IntegerField("排序", default=0, help_text="数字小的排在前面")
    enabled = models.BooleanField(
        "在任", default=True, help_text="不在任的领导不再检查（“原县长……”的写法不受影响）"
    )
    site = _site_field("所在站点；留空：全平台（如省级领导，平台管理员维护）")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("titles"),
        FieldPanel("requires_comrade"),
        FieldPanel("sort_order"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.titles} {self.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .checker.leaders import TITLE, split_titles

        self.name = (self.name or "").strip()
        titles = split_titles(self.titles)
        if not titles:
            raise ValidationError({"titles": "请填写职务"})
        unknown = [t for t in titles if not re.fullmatch(TITLE, t)]
        if unknown:
            raise ValidationError(
                {
                    "titles": f"无法识别的职务：{'、'.join(unknown)}（请写“县委副书记”“县长”这样的职务名称）"
                }
            )
        # 同一人兼任党政职务时党内职务在前（党政机关公文和新闻报道的通行排序）
        party = [i for i, t in enumerate(titles) if re.search(r"委|书记", t)]
        government = [i for i, t in enumerate(titles) if re.search(r"[县市区州省乡镇]长$", t)]
        if party and government and min(government) < max(party):
            raise ValidationError({"titles": "职务顺序有误：党内职务应排在政府职务之前"})
        self.titles = "、".join(titles)


# --- tasks ---------------------------------------------------------------------------------
def revision_authors(task_state):
    """Users who wrote the revision under review or the latest revision (the one that will be
    published when the workflow finishes)."""
    authors = set()
    if task_state.revision_id and task_state.revision.user_id:
        authors.add(task_state.revision.user_id)
    obj = task_state.workflow_state.content_object
    latest = obj.get_latest_revision() if obj is not None else None
    if latest is not None and latest.user_id:
        authors.add(latest.user_id)
    return authors


def latest_revision_author_id(obj):
    latest = obj.get_latest_revision()
    return latest.user_id if latest is not None else None


class ReviewTaskMixin:
    """Shared rules of the human review steps (本单位审核, 保密审查, 终审)."""

    REVIEW_ACTIONS = [
        ("reject", "退回修改", True),
        ("approve", "审核通过", False),
        ("approve", "审核通过并填写意见", True),
    ]

    def reviewer_group_ids(self, obj):  # pragma: no cover - overridden
        """The groups whose members review ``obj`` at this step."""
        raise NotImplementedError

    def user_is_reviewer(self, obj, user):
        if not (user and user.is_authenticated):
            return False
        ids = self.reviewer_group_ids(obj)
        return bool(ids) and user.groups.filter(pk__in=ids).exists()

    def eligible_reviewers(self, obj, task_state=None, exclude=()):
        """Active users who may act on ``obj`` at this step: reviewers, minus the authors of
        the revision (第二人审核). Empty means the item is stuck."""
        authors = revision_authors(task_state) if task_state else {latest_revision_author_id(obj)}
        authors = {pk for pk in authors | set(exclude) if pk}
        return (
            get_user_model()
            .objects.filter(is_active=True, groups__in=self.reviewer_group_ids(obj))
            .exclude(pk__in=authors)
            .distinct()
        )

    def user_may_act(self, obj, user):
        if not (user and user.is_authenticated and user.is_active):
            return False
        if not self.user_is_reviewer(obj, user):
            return False
        # 第二人审核: nobody approves a revision they wrote, at any step.
        return latest_revision_author_id(obj) != user.pk

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        # reviewers may correct a page and approve it with their changes — but then they wrote
        # the revision, so someone else must approve it (see on_action)
        return not self.user_is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def get_actions(self, obj, user):
        if self.user_may_act(obj, user):
            return list(self.REVIEW_ACTIONS)
        return []

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin's workflow action URL names the page and the task state separately: check
        # the task state's own page, not the one in the URL.
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied("该审核步骤已经结束。")
        if task_state.task_id != self.pk:
            raise PermissionDenied
        obj = task_state.workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        if not self.user_is_reviewer(obj, user):
            raise PermissionDenied("您不是本审核步骤的审核人。")
        if user.pk in revision_authors(task_state):
            raise PermissionDenied("不能审核自己撰写的版本，请由其他审核人审核。")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
        allowed = []
        for state in states.select_related("revision", "workflow_state"):
            obj = state.workflow_state.content_object
            if obj is None:
                continue
            obj = obj.specific if isinstance(obj, Page) else obj
            if self.user_may_act(obj, user):
                allowed.append(state.pk)
        return TaskState.objects.filter(pk__in=allowed)


class UnitReviewTask(ReviewTaskMixin, Task):
    """本单位审核: only the reviewers of the page's own unit approve it."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "本单位审核"
        verbose_name_plural = "本单位审核"

    @classmethod
    def get_description(cls):
        return "由页面所属单位的审核人员审核；其他单位的审核人员不能处理。"

    def reviewer_group_ids(self, obj):
        """The unit's reviewers; when none of them can act (the unit has no active reviewer,
        or its only reviewer wrote the revision), the county office's reviewers as well
        (escalation: an item never waits on nobody)."""
        unit = owner_unit(obj)
        own = [unit.reviewers_group_id] if unit is not None and unit.reviewers_group_id else []
        author = latest_revision_author_id(obj)
        if own and (
            get_user_model()
            .objects.filter(is_active=True, groups__in=own)
            .exclude(pk=author)
            .exists()
        ):
            return own
        office = office_unit()
        if (
            office is not None
            and office.reviewers_group_id
            and office.reviewers_group_id not in own
        ):
            return own + [office.reviewers_group_id]
        return own


class GroupReviewTask(ReviewTaskMixin, Task):
    """保密审查 / 终审: members of the chosen groups approve it."""

    groups = models.ManyToManyField(Group, verbose_name="审核用户组", related_name="review_tasks")

    admin_form_fields = Task.admin_form_fields + ["groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = "用户组审核"
        verbose_name_plural = "用户组审核"

    @classmethod
    def get_description(cls):
        return "由所选用户组的成员审核（如保密审查、终审）；不能审核自己撰写的版本。"

    def reviewer_group_ids(self, obj):
        return list(self.groups.values_list("pk", flat=True))


class AutoCheckTask(Task):
    """自动检查: runs when the task starts and approves or rejects at once."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "自动检查"
        verbose_name_plural = "自动检查"

    @classmethod
    def get_description(cls):
        return (
            "自动检查必填项、发布时间、图片替代文字、附件类型、链接和用语规则；"
            "有阻止项时立即退回编辑，仅有提示时自动通过。"
        )

    def start(self, workflow_state, user=None):
        from .checks import run_checks

        task_state = super().start(workflow_state, user=user)
        obj = workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        revision = task_state.revision
        page = revision.as_object() if revision is not None else obj
        findings = run_checks(page)
        result = CheckResult.objects.create(
            task_state=task_state,
            page_id=obj.pk,
            revision=revision,
            findings=[f.as_dict() for f in findings],
            passed=not any(f.blocks for f in findings),
        )
        comment = result.summary()
        # the check itself decides, not the person who submitted: log it without a user
        from wagtail.log_actions import LogContext

        with LogContext(user=None, generate_uuid=False):
            if result.passed:
                task_state.approve(user=None, update=False, comment=comment)
            else:
                task_state.reject(user=None, update=False, comment=comment)
        return task_state

    def get_actions(self, obj, user):
        return []

    def locked_for_user(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return TaskState.objects.none()


def owner_unit(obj):
    """The unit whose reviewers do 本单位审核: the page's own unit; pages no unit owns (county
    columns, the home page) belong to the county government office (县政府办)."""
    if isinstance(obj, Page) and type(obj) is Page:
        obj = obj.specific
    getter = getattr(obj, "get_owner_unit", None)
    unit = getter() if getter else None
    return unit if unit is not None else office_unit()


def office_unit():
    """The county government office (县政府办)."""
    from portal.units.models import Unit, UnitKind

    return Unit.objects.filter(kind=UnitKind.OFFICE).order_by("sort_order", "pk").first()


def stuck_task_states():
    """Human review steps in progress on which nobody can act, even after escalation."""
    states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
        "revision", "workflow_state", "task"
    )
    stuck = []
    for state in states:
        task = state.task.specific
        obj = state.workflow_state.content_object
        if not isinstance(task, ReviewTaskMixin) or obj is None:
            continue
        obj = obj.specific if isinstance(obj, Page) else obj
        if not task.eligible_reviewers(obj, state).exists():
            stuck.append((state, obj))
    return stuck


class CheckResult(models.Model):
    """The findings of one automatic check, kept for the editor and the reviewers."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="check_result"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    findings = models.JSONField(default=list)
    passed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "自动检查结果"
        verbose_name_plural = "自动检查结果"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"自动检查（页面 {self.page_id}）：{'通过' if self.passed else '未通过'}"

    @property
    def blocking(self):
        return [f for f in self.findings if f.get("severity") == Severity.BLOCK]

    @property
    def warnings(self):
        return [f for f in self.findings if f.get("severity") != Severity.BLOCK]

    def summary(self):
        lines = []
        if self.passed:
            lines.append(
                "自动检查通过" + (f"，有 {len(self.warnings)} 条提示：" if self.warnings else "。")
            )
        else:
            lines.append(
                f"自动检查未通过：{len(self.blocking)} 处必须修改"
                + (f"，另有 {len(self.warnings)} 条提示" if self.warnings else "")
                + "。"
            )
        for number, finding in enumerate(self.blocking + self.warnings, start=1):
            line = f"{number}. 【{finding['rule']}】{finding['message']}"
            if finding.get("excerpt"):
                line += f"（原文：“{finding['excerpt']}”）"
            if finding.get("suggestion"):
                line += f" 建议：{finding['suggestion']}"
            lines.append(line)
        return "\n".join(lines)


class WithdrawnPage(models.Model):
    """A withdrawn (撤稿) page: its public URL answers 410 with a notice."""

    path = models.CharField("原网址路径", max_length=500, unique=True)
    page = models.ForeignKey(
        Page,
        verbose_name="页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("标题", max_length=255)
    reason = models.TextField("撤稿原因", help_text="仅内部留存（审计日志），不在网站上显示。")
    public_notice = models.TextField(
        "对外说明", blank=True, help_text="显示在原网址的“该信息已撤销”提示页上；可不填。"
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,  # records imported from another site name no user account
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("撤稿时间", default=timezone.now)

    class Meta:
        verbose_name = "已撤稿页面"
        verbose_name_plural = "已撤稿页面"
        ordering = ["-withdrawn_at"]
        permissions = [
            ("withdraw_page", "撤稿"),
            ("view_review_audit", "查看审核与发布记录"),
        ]

    def __str__(self):
        return f"{self.title}（{self.path}）"

    def clean(self):
        # the path is matched against requests on this site (WithdrawnPageMiddleware):
        # a path of this site only, as public_path() stores it; imports are checked here
        path = self.path or ""
        if (
            not path.startswith("/")
            or path.startswith("//")
            or any(c.isspace() for c in path)
            or "?" in path
            or "#" in path
        ):
            raise ValidationError(
                {"path": "原网址路径应是本站的路径，以“/”开头，不含域名、空格、“?”或“#”。"}
            )


# --- 全站巡检 (site inspection, portal.review.inspection) -------------------------------------
class InspectionKind(models.TextChoices):
    CONTENT = "content", "内容纠错"
    ATTACHMENT = "attachment", "附件内容"
    INTERNAL_LINK = "internal", "站内链接"
    EXTERNAL_LINK = "external", "外部链接"
    IMAGE = "image", "图片替代文字"
    PUBLISH_TIME = "time", "发布时间"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    RESOLVED = "resolved", "已修正"
    FALSE_ALARM = "false_alarm", "误报"


class InspectedPage(models.Model):
    """When a live page was last inspected, and which publication that was (incremental)."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    published_stamp = models.DateTimeField("检查时的发布时间", null=True)
    inspected_at = models.DateTimeField("检查时间", default=timezone.now)

    class Meta:
        verbose_name = "已巡检页面"
        verbose_name_plural = "已巡检页面"

    def __str__(self):
        return f"页面 {self.page_id}"


class InspectionFinding(models.Model):
    page = models.ForeignKey(Page, verbose_name="页面", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL
    )
    column = models.ForeignKey(
        Page,
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("检查项", max_length=12, choices=InspectionKind.choices)
    rule = models.CharField("规则", max_length=300)
    category = models.CharField("类别", max_length=20, blank=True)
    severity = models.CharField("处理方式", max_length=10, choices=Severity.choices)
    location = models.CharField("位置", max_length=200, blank=True)
    text = models.CharField("问题内容", max_length=500)
    context = models.CharField("上下文", max_length=600, blank=True)
    explanation = models.TextField("说明", blank=True)
    suggestion = models.CharField("建议", max_length=500, blank=True)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        "状态", max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    first_seen = models.DateTimeField("发现时间", default=timezone.now)
    last_seen = models.DateTimeField("最近检查", default=timezone.now)
    notified = models.BooleanField("已通知", default=False)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="标记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissed_at = models.DateTimeField("标记时间", null=True, blank=True)
    dismiss_reason = models.CharField("误报理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "巡检问题"
        verbose_name_plural = "巡检问题"
        ordering = ["-first_seen", "page_id"]
        constraints = [
            models.UniqueConstraint(fields=["page", "fingerprint"], name="inspection_unique")
        ]
        indexes = [models.Index(fields=["status", "severity"])]
        permissions = [
            ("view_site_inspection", "查看全站巡检报告"),
            ("dismiss_inspection_finding", "将巡检问题标记为误报"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text}"


class ExternalLinkStatus(models.Model):
    """The last answer of an external URL, cached between inspections."""

    #: sha256 of the URL: a unique index on the URL itself would overflow PostgreSQL's btree
    #: limit for long non-ASCII addresses
    key = models.CharField(max_length=64, unique=True)
    url = models.TextField("地址")
    ok = models.BooleanField("可访问", default=True)
    status_code = models.IntegerField("状态码", null=True)
    error = models.CharField("错误", max_length=300, blank=True)
    checked_at = models.DateTimeField("检查时间", default=timezone.now)

    class Meta:
        verbose_name = "外部链接检查"
        verbose_name_plural = "外部链接检查"

    def __str__(self):
        return self.url


class InspectionRun(models.Model):
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True)
    whole_site = models.BooleanField("全部页面", default=False)
    pages = models.IntegerField("检查页面数", default=0)
    new_findings = models.IntegerField("新发现问题数", default=0)

    class Meta:
        verbose_name = "巡检记录"
        verbose_name_plural = "巡检记录"
        ordering = ["-started_at"]

    def __str__(self):
        return f"全站巡检 {self.started_at:%Y-%m-%d %H:%M}"
