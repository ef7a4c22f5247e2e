"""What the import remembers: which object of this database came from which bundle record.

Pages match by translation key and locale, units by 统一社会信用代码, collections by name and
parent; images, documents and snippets have no key that survives another database, so the
import records the pairing here. A second import of the same bundle (or an incremental one
from the same source) finds the object again instead of duplicating it.
"""

from django.db import models


class ImportedObject(models.Model):
    source = models.CharField(
        "来源网站", max_length=100, help_text="迁移包来源网站的网站标识码（或主机名）"
    )
    kind = models.CharField("类型", max_length=100)
    source_key = models.CharField("迁移包中的标识", max_length=255)
    object_id = models.CharField("本站对象ID", max_length=64)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "已导入对象"
        verbose_name_plural = "已导入对象"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_key"], name="unique_imported_object"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.source_key} → {self.kind}#{self.object_id}"
