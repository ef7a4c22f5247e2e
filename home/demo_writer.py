"""How the demo builder writes an item: date first, then a subject allowed in that month, then
the title, body, picture and attachment from that subject (home/demo_subjects.py).

A mixin of ``home.demo.DemoBuilder`` (it uses the builder's random generator, clock, site and
units). Pictures are drawn once per kind and variant (home/demo_pictures.py) and chosen per
item from its title, so the same item always gets the same picture; attachments are written
per item (DOCX or PDF) and carry the item's own title and text.
"""

import hashlib
import io
import zlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from portal.units.models import UnitKind

from . import demo_subjects as S
from .demo_pictures import KINDS, VARIANTS, picture_jpeg


def label(unit):
    return (unit.short_name or unit.name) if unit else "县人民政府"


def month_of(moment):
    return timezone.localtime(moment).month


class WriterMixin:
    # --- dates -----------------------------------------------------------------------------
    def when_in(self, months, max_days, min_days=0):
        """A moment in the window whose month is one of ``months``, or None."""
        for _ in range(60):
            moment = self.when(max_days, min_days)
            if month_of(moment) in months:
                return moment
        return None

    def between(self, start, end):
        seconds = max(60, int((end - start).total_seconds()))
        moment = start + timedelta(seconds=self.rng.randint(0, seconds))
        return min(moment, self.now - timedelta(minutes=5))

    # --- places and units ----------------------------------------------------------------
    @property
    def county(self):
        """The county's name as titles write it (榕江县)."""
        return self.home.title.replace("人民政府", "") or "本县"

    @property
    def townships(self):
        if not hasattr(self, "_townships"):
            self._townships = list(self.units.filter(kind=UnitKind.TOWNSHIP).order_by("sort_order"))
        return self._townships

    def place_names(self):
        return [label(t) for t in self.townships] or [f"{self.county}城区"]

    def owner_unit(self, subject, default=None):
        for word in subject.owners:
            unit = self.units.filter(name__contains=word).order_by("sort_order").first()
            if unit is not None:
                return unit
        return default

    # --- subjects --------------------------------------------------------------------------
    def subject_for(self, moment, pool=None):
        month = month_of(moment)
        allowed = S.in_month(pool or S.SUBJECTS, month)
        if not allowed:
            allowed = S.in_month([s for s in S.SUBJECTS if not s.owners], month)
        return self.rng.choice(allowed)

    def values(self, moment, unit=None, place=None, subject=None, **extra):
        local = timezone.localtime(moment)
        values = {
            "county": self.county,
            "unit": label(unit) if not isinstance(unit, str) else unit,
            "place": place or self.rng.choice(self.place_names()),
            "topic": subject.topic if subject else "",
            "meeting": self.rng.choice(S.MEETINGS),
            "activity": self.rng.choice(subject.activities) if subject else "",
            "crop": "",
            "year": local.year,
            "next_year": local.year + 1,
            "year4": local.year + 4,
            "n": self.rng.randint(2, 60) * 10,
            "n2": self.rng.randint(3, 40),
        }
        values.update(extra)
        return values

    # --- news --------------------------------------------------------------------------------
    def news_text(self, moment, unit, pool, township=False, crops=False, unit_label=None):
        """(title, paragraphs, picture kind) of a news item by ``unit`` dated ``moment``."""
        subject = self.subject_for(moment, pool)
        place = label(unit) if township else None
        values = self.values(moment, unit_label or unit, place, subject)
        month = month_of(moment)
        if crops and self.rng.random() < 0.3:
            ripe = [c for c, (_, months) in S.CROPS.items() if month in months and len(months) < 12]
            if ripe and self.rng.random() < 0.6:
                crop = self.rng.choice(ripe)
                template, bank = "{place}{crop}迎来丰收季", S.HARVEST_SENTENCES
            else:
                crop = self.rng.choice(list(S.CROPS))
                template, bank = "{place}：{crop}产业带动群众增收", S.CROP_SENTENCES
            values.update(crop=crop, topic="特色产业发展")
            sentences = list(bank) + list(S.PROGRESS_SENTENCES[1:]) + list(S.CLOSING_SENTENCES)
            return template.format(**values), self.format_all(sentences, values), S.CROPS[crop][0]
        options = list(S.NEWS_TEMPLATES)
        if township:
            options += S.TOWNSHIP_TEMPLATES
        elif subject.owners and unit_label is None:
            options += S.COUNTY_TEMPLATES  # a county unit visiting a township
        if subject.titles and self.rng.random() < 0.5:
            options = [(t, "progress", None) for t in subject.titles]
        template, kind, picture = self.rng.choice(options)
        sentences = [
            *S.BODY_SENTENCES[kind][:1],
            *subject.sentences,
            *S.BODY_SENTENCES[kind][1:],
            *S.CLOSING_SENTENCES,
        ]
        return (
            template.format(**values),
            self.format_all(sentences, values),
            picture or subject.picture,
        )

    def format_all(self, sentences, values):
        return [s.format(**values) for s in sentences]

    # --- pictures ----------------------------------------------------------------------------
    def picture(self, kind, key):
        """The drawn picture of ``kind`` for the item ``key`` (its title): same item, same
        picture; pictures are made once per kind and variant."""
        variant = zlib.crc32(key.encode()) % VARIANTS
        cache = self.__dict__.setdefault("_pictures", {})
        if (kind, variant) not in cache:
            title = KINDS[kind][0]
            data = picture_jpeg(kind, variant)
            cache[(kind, variant)] = Image.objects.create(
                title=title
                if not variant
                else title.replace("（示意图）", f"（示意图{variant + 1}）"),
                collection=self.media_collection(),
                file=ImageFile(io.BytesIO(data), name=f"demo-{kind}-{variant + 1}.jpg"),
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
            )
        return cache[(kind, variant)]

    def image_block(self, kind, key):
        image = self.picture(kind, key)
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": KINDS[kind][1], "decorative": False},
                "caption": image.title,
            },
        }

    def media_collection(self):
        if not hasattr(self, "_collection"):
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(
                name="演示素材"
            ).first() or root.add_child(name="演示素材")
        return self._collection

    # --- attachments ---------------------------------------------------------------------------
    def attachment(self, title, item_title, paragraphs):
        """A PDF or (one in three) DOCX whose text is the item's: its title, then its
        paragraphs."""
        number = self.__dict__.setdefault("_documents", 0) + 1
        self._documents = number
        # the sheet's own number: two items of one subject may share title and text, and
        # two attachments with the same bytes are one file to the migration importer
        lines = [item_title, *paragraphs, f"附件登记号：RJ-{number:04d}"]
        document = Document(title=title, collection=self.media_collection())
        if number % 3 == 0:
            data, name = docx_bytes(title, lines), f"attachment-{number:04d}.docx"
        else:
            data, name = chinese_pdf(title, lines), f"attachment-{number:04d}.pdf"
        document.file.save(name, ContentFile(data), save=False)
        # size and hash known now: nothing reads the file again to learn them
        document.file_size = len(data)
        document.file_hash = hashlib.sha1(data).hexdigest()
        document.save()
        return document

    def attachment_block(self, document):
        return {"type": "attachment", "value": {"document": document.pk, "title": ""}}

    def blocks(self, paragraphs, picture=None, attachment=None):
        blocks = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]
        if picture is not None:
            blocks.insert(1, picture)
        if attachment is not None:
            blocks.append(self.attachment_block(attachment))
        return blocks


def docx_bytes(title, paragraphs):
    from docx import Document as DocxDocument

    document = DocxDocument()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def chinese_pdf(title, paragraphs):
    """A one-page A4 PDF in the standard Chinese font (the writer of the 申请表)."""
    from disclosure_catalog.application_form import (
        LEFT,
        RIGHT,
        TOP,
        Canvas,
        pdf_document,
        to_unicode_cmap,
        wrap,
    )

    canvas = Canvas()
    canvas.centred(TOP, title, 16)
    y = TOP - 36
    for paragraph in paragraphs:
        for line in wrap("　　" + paragraph, RIGHT - LEFT, 11):
            if y < 60:
                break
            canvas.text(LEFT, y, line, 11)
            y -= 18
        y -= 4
    text = title + "".join(paragraphs) + "　"
    return pdf_document(canvas.content(), title=title, to_unicode=to_unicode_cmap(text))
