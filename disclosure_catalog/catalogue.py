"""信息公开目录 browsing: filters by 主题分类, 体裁, 发布机构 (unit), year and 有效性, a
paginated server-side listing with 索引号 and 文号.

Queries are bounded whatever the page size: the units of the 发布机构 filter (one), the
years present (one), the count and the page of items (two, listing fields only).
"""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.utils import timezone

from .classification import _data, genre_choices, validity_choices

PAGE_SIZE = 20
LISTING_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "first_published_at",
    "index_number",
    "document_number",
    "publisher",
    "written_date",
    "genre",
    "topic_category",
    "validity",
    "invalid_date",
)
MAX_QUERY_LENGTH = 50


@dataclass
class Filters:
    topic: str = ""
    genre: str = ""
    unit: int | None = None
    year: int | None = None
    validity: str = ""
    q: str = ""
    errors: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.topic or self.genre or self.unit or self.year or self.validity or self.q)


def topic_options():
    """[(first level, [(value, label)])]: a whole first level, or one second level."""
    return [
        (first, [(first, f"{first}（全部）")] + [(f"{first}/{s}", s) for s in seconds])
        for first, seconds in _data()["categories"].items()
    ]


def _valid_topics():
    values = set()
    for _first, options in topic_options():
        values.update(value for value, _label in options)
    return values


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_filters(params, units):
    """Filters from the query string; unknown values are ignored (and reported)."""
    f = Filters()
    topic = params.get("topic", "")
    if topic:
        if topic in _valid_topics():
            f.topic = topic
        else:
            f.errors.append("主题分类")
    genre = params.get("genre", "")
    if genre:
        if genre in {g for g, _ in genre_choices()}:
            f.genre = genre
        else:
            f.errors.append("体裁")
    unit = _int(params.get("unit"))
    if params.get("unit"):
        if unit in {u.pk for u in units}:
            f.unit = unit
        else:
            f.errors.append("发布机构")
    year = _int(params.get("year"))
    if params.get("year"):
        if year and 1990 <= year <= 2100:
            f.year = year
        else:
            f.errors.append("年份")
    validity = params.get("validity", "")
    if validity:
        if validity in {v for v, _ in validity_choices()}:
            f.validity = validity
        else:
            f.errors.append("有效性")
    f.q = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    return f


def filtered(queryset, f):
    if f.topic:
        if "/" in f.topic:
            queryset = queryset.filter(topic_category=f.topic)
        else:
            queryset = queryset.filter(topic_category__startswith=f.topic + "/")
    if f.genre:
        queryset = queryset.filter(genre=f.genre)
    if f.unit:
        queryset = queryset.filter(unit_id=f.unit)
    if f.year:
        tz = timezone.get_current_timezone()
        start = timezone.datetime(f.year, 1, 1, tzinfo=tz)
        end = timezone.datetime(f.year + 1, 1, 1, tzinfo=tz)
        queryset = queryset.filter(first_published_at__gte=start, first_published_at__lt=end)
    if f.validity:
        queryset = queryset.filter(validity=f.validity)
    if f.q:
        for word in f.q.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(document_number__icontains=word)
                | Q(index_number__icontains=word)
            )
    return queryset


def page_of(queryset, number, size=PAGE_SIZE):
    paginator = Paginator(queryset, size)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def years_of(queryset):
    """The years with items, newest first (one query)."""
    return [
        d.year for d in queryset.order_by().datetimes("first_published_at", "year", order="DESC")
    ]
