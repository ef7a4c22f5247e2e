"""索引号 allocation: ``{unit code}/{YYYY}-{NNNNN}``, a serial per unit per year.

Rules (DESIGN §5): assigned once, on first publication; never reused (the counter only
moves forward, deleting an item does not give its number back); unique even when two items
publish at the same moment; imported items keep their legacy numbers (and new serials skip
any number already taken).

Concurrency: the counter row is incremented with a single ``UPDATE … SET last = last + 1``
inside the publishing transaction. On PostgreSQL the row lock serialises concurrent
publications of the same unit and year; SQLite serialises all writers.
"""

from django.db import IntegrityError, models, transaction
from django.utils import timezone


class IndexNumberSequence(models.Model):
    prefix = models.CharField("单位代码", max_length=20)
    year = models.PositiveSmallIntegerField("年度")
    last_serial = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        app_label = "disclosure_catalog"
        verbose_name = "索引号序列"
        verbose_name_plural = "索引号序列"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_index_sequence")
        ]

    def __str__(self):
        return f"{self.prefix}/{self.year}: {self.last_serial}"


def format_index_number(prefix, year, serial):
    return f"{prefix}/{year:04d}-{serial:05d}"


def _next_serial(prefix, year):
    qs = IndexNumberSequence.objects.filter(prefix=prefix, year=year)
    if not qs.update(last_serial=models.F("last_serial") + 1):
        try:
            with transaction.atomic():
                IndexNumberSequence.objects.create(prefix=prefix, year=year, last_serial=1)
            return 1
        except IntegrityError:  # another transaction created it first
            qs.update(last_serial=models.F("last_serial") + 1)
    return qs.values_list("last_serial", flat=True).get()


def allocate_index_number(prefix, when=None, is_taken=None):
    """Allocate the next free 索引号 for ``prefix`` in the year of ``when``.

    ``is_taken(number)`` tells whether a number is already used (e.g. by an imported item);
    such numbers are skipped, never handed out twice.
    """
    when = timezone.localtime(when or timezone.now())
    with transaction.atomic():
        while True:
            number = format_index_number(prefix, when.year, _next_serial(prefix, when.year))
            if is_taken is None or not is_taken(number):
                return number
