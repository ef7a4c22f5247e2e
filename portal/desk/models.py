"""The column desk's records: pages in the 回收站 (recycle bin), and the permissions of the
column operations (batch move/copy/撤稿, the recycle bin)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from wagtail.models import Page

from portal.core import clock


class RecycledPage(models.Model):
    """A page (with everything below it) moved into the 回收站 instead of being deleted.

    The page row, its revisions, its 索引号 and its statistics stay as they are; the page sits
    under the hidden 回收站 root (portal/desk/recycle.py), outside every site, so it has no
    public URL and is in no listing, search or sitemap. Restorable for
    ``recycle.RETENTION_DAYS`` days, then purged (``purge_recycle_bin``)."""

    page = models.OneToOneField(
        Page, verbose_name="页面", on_delete=models.CASCADE, related_name="recycled"
    )
    title = models.CharField("标题", max_length=255)
    former_parent = models.ForeignKey(
        Page,
        verbose_name="原上级页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    former_parent_title = models.CharField("原上级页面标题", max_length=255, blank=True)
    former_slug = models.SlugField("原网址名", max_length=255, allow_unicode=True)
    former_url_path = models.TextField("原路径", blank=True)
    descendant_count = models.PositiveIntegerField("下级页面数", default=0)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="删除人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_at = models.DateTimeField("删除时间", default=clock.now)

    class Meta:
        verbose_name = "回收站中的页面"
        verbose_name_plural = "回收站"
        ordering = ["-deleted_at", "-pk"]
        permissions = [
            ("batch_pages", "批量移动、复制、撤稿栏目内容"),
            ("manage_recycle_bin", "管理回收站（恢复、彻底删除）"),
        ]

    def __str__(self):
        return self.title

    @property
    def purge_after(self):
        from .recycle import RETENTION_DAYS

        return self.deleted_at + timedelta(days=RETENTION_DAYS)


class ReminderLog(models.Model):
    """One daily mail (digest or overdue reminder) sent to one user: at most once a day."""

    DIGEST = "digest"
    OVERDUE = "overdue"
    KINDS = [(DIGEST, "每日待办汇总"), (OVERDUE, "超时提醒")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("日期")
    kind = models.CharField("类别", max_length=20, choices=KINDS)
    items = models.PositiveIntegerField("事项数", default=0)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "待办提醒记录"
        verbose_name_plural = "待办提醒记录"
        constraints = [
            models.UniqueConstraint(fields=["user", "day", "kind"], name="desk_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.user} {self.day} {self.get_kind_display()}"
