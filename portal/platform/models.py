"""信息推送: an item of one site offered to a column of another site (信息资源库).

The receiving site decides: its 终审 (permission ``platform_desk.accept_push``) accepts or
declines each request. Accepting creates a Wagtail alias of the item in the column: it follows
later publications of the source and is unpublished with it (撤稿 at the source withdraws it
everywhere). The source site counts the item once; the receiver's counters see the alias as
an item of the receiving column (docs/site-cluster.md).
"""

from django.conf import settings
from django.db import models


class PushStatus(models.TextChoices):
    PENDING = "pending", "待接收"
    ACCEPTED = "accepted", "已采用"
    DECLINED = "declined", "未采用"


class PushRequest(models.Model):
    source = models.ForeignKey(
        "wagtailcore.Page", verbose_name="推送信息", on_delete=models.CASCADE, related_name="+"
    )
    column = models.ForeignKey(
        "wagtailcore.Page", verbose_name="接收栏目", on_delete=models.CASCADE, related_name="+"
    )
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="推送人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pushed_at = models.DateTimeField("推送时间", auto_now_add=True)
    note = models.CharField("推送说明", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=PushStatus.choices, default=PushStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    alias = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="转载页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "信息推送"
        verbose_name_plural = "信息推送"
        ordering = ["-pushed_at", "-pk"]
        permissions = [("accept_push", "接收其他站点推送的信息")]
        constraints = [
            models.UniqueConstraint(fields=["source", "column"], name="push_once_per_column")
        ]

    def __str__(self):
        return f"{self.source_id} → {self.column_id}"
