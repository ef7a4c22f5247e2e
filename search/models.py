"""Search dictionary terms (editable by administrators) and cached attachment text."""

from django.contrib import admin
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel


def _site_field(help_text):
    """An optional site: empty = the whole platform (every site), else that site only."""
    return models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=help_text,
    )


class SiteScoped:
    """Rows that apply to the whole platform (``site`` empty) or to one site."""

    @admin.display(description="适用范围")
    def scope(self):
        return self.site.site_name if self.site_id else "全平台"


def _unique_per_site(name, field="query"):
    """One row per ``field`` and site, and one platform-wide row per ``field`` (NULL is
    never equal to NULL in a unique constraint, hence the second, conditional one)."""
    return [
        models.UniqueConstraint(fields=["site", field], name=f"{name}_per_site"),
        models.UniqueConstraint(
            fields=[field],
            condition=models.Q(site__isnull=True),
            name=f"{name}_platform",
            violation_error_message="全平台已有相同的条目。",
        ),
    ]


class SearchTerm(SiteScoped, models.Model):
    """A word the segmenter must keep whole (a place, a unit, a policy term): the
    platform's (``site`` empty, a platform administrator's) or one site's own (站群).

    jieba keeps one dictionary per process, so every site's words are loaded together
    (search/segmentation.py ``admin_terms``); a word kept whole only decides where text
    is cut, and Han text is indexed as overlapping bigrams as well, so a word of one
    site changes what no other site finds. Who sees and edits a word is per site."""

    word = models.CharField(
        "词语",
        max_length=40,
        help_text="如地名、单位简称、政策术语，例如“村超”“两汪乡”",
    )
    site = _site_field("留空：全平台通用；选择站点：该站点的词条")
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    panels = [FieldPanel("word"), FieldPanel("site"), FieldPanel("note")]

    class Meta:
        verbose_name = "搜索词典词条"
        verbose_name_plural = "搜索词典"
        ordering = ["word"]
        constraints = _unique_per_site("search_term", field="word")

    def __str__(self):
        return self.word

    def clean(self):
        from django.core.exceptions import ValidationError

        self.word = (self.word or "").strip()
        if len(self.word) < 2 or any(ch.isspace() for ch in self.word):
            raise ValidationError({"word": "词条至少两个字，且不能包含空格。"})


@receiver(post_save, sender=SearchTerm)
@receiver(post_delete, sender=SearchTerm)
def reload_dictionary(**kwargs):
    from .segmentation import segmenter

    segmenter.reload()


class AttachmentText(models.Model):
    """Text extracted from an attached document, keyed by the file's content hash, so a
    document attached to many pages (or re-indexed often) is parsed once."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="文档"
    )
    file_hash = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "附件文本"
        verbose_name_plural = "附件文本"

    def __str__(self):
        return f"{self.document_id}: {self.text[:30]}"


class PopularSearchHit(models.Model):
    """One client's successful search for one query on one day: 热门搜索 counts clients,
    so 40 requests from one address count once. ``client`` is a keyed hash of the client
    address (no address is stored); rows older than the popular-search period are deleted."""

    query = models.CharField("搜索词", max_length=50)
    day = models.DateField("日期")
    client = models.CharField("访客标识", max_length=32)
    #: the site searched on (each site has its own 热门搜索)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = "热门搜索记录"
        verbose_name_plural = "热门搜索记录"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "query", "day", "client"], name="search_popular_hit_once_a_day"
            )
        ]
        indexes = [
            models.Index(fields=["day", "query"], name="search_popular_day_query"),
            models.Index(fields=["site", "day"], name="search_popular_site_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.query}"


class HiddenSearchTerm(SiteScoped, models.Model):
    """A search term an administrator keeps out of 热门搜索 (spam, a pushed term)."""

    query = models.CharField("搜索词", max_length=50, help_text="不在“热门搜索”中显示的搜索词")
    site = _site_field("留空：在所有站点屏蔽；选择站点：只在该站点屏蔽")
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    panels = [FieldPanel("query"), FieldPanel("site"), FieldPanel("note")]

    class Meta:
        verbose_name = "热门搜索屏蔽词"
        verbose_name_plural = "热门搜索屏蔽词"
        ordering = ["query"]
        constraints = _unique_per_site("search_hidden_term")

    def __str__(self):
        return self.query

    def clean(self):
        from wagtail.search.utils import normalise_query_string

        self.query = normalise_query_string(self.query or "")


class Synonym(SiteScoped, models.Model):
    """Words a search treats as the same (社保卡 = 社会保障卡), or one-way (营业执照 finds
    个体工商户登记, not back). Expanded at query time on every backend
    (search/synonyms.py); seeded from search/data/synonyms.json by migration 0005."""

    words = models.CharField(
        "词语",
        max_length=400,
        help_text="用顿号、逗号或空格分隔，例如：社保卡、社会保障卡。单向时第一个词是搜索词。",
    )
    two_way = models.BooleanField(
        "双向",
        default=True,
        help_text="双向：搜索其中任一个词都能找到含其他词的页面；单向：只有搜索第一个词时"
        "才同时查找其后的词。",
    )
    site = _site_field("留空：全平台通用；选择站点：只在该站点的搜索中使用")
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    panels = [FieldPanel("words"), FieldPanel("two_way"), FieldPanel("site"), FieldPanel("note")]

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["words"]

    def __str__(self):
        return self.words

    @admin.display(description="方向")
    def direction(self):
        return "双向" if self.two_way else "单向"

    def word_list(self):
        from .synonyms import split_words

        return split_words(self.words)

    def clean(self):
        from django.core.exceptions import ValidationError

        words = self.word_list()
        if len(words) < 2:
            raise ValidationError({"words": "请至少填写两个词语，用顿号、逗号或空格分隔。"})
        if any(len(word) > 40 for word in words):
            raise ValidationError({"words": "每个词语不超过 40 个字。"})
        self.words = "、".join(words)


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def reload_synonyms(**kwargs):
    from .synonyms import synonyms

    synonyms.reload()


class ApprovedSearchTerm(SiteScoped, models.Model):
    """热门搜索 allow-list: a term is shown as a popular search only once an administrator
    approved it here (in advance, or from 热门搜索审核), and only while enough different
    visitors search it and it passes the wording rules (search/popular.py)."""

    query = models.CharField("搜索词", max_length=50, help_text="允许在“热门搜索”中显示的搜索词")
    site = _site_field("留空：所有站点均可显示；选择站点：只在该站点显示")
    note = models.CharField("说明", max_length=200, blank=True)
    approved_by = models.CharField("审核人", max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField("审核时间", auto_now_add=True)

    panels = [FieldPanel("query"), FieldPanel("site"), FieldPanel("note")]

    class Meta:
        verbose_name = "热门搜索白名单"
        verbose_name_plural = "热门搜索白名单"
        ordering = ["query"]
        constraints = _unique_per_site("search_approved_term")

    def __str__(self):
        return self.query

    def clean(self):
        from wagtail.search.utils import normalise_query_string

        self.query = normalise_query_string(self.query or "")
