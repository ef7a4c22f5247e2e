from django.conf import settings
from django.db import models


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
