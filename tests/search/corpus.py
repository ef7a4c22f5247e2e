"""Load the regulations corpus (../shared/corpus/regulations) and add it to the page tree
as 政策文件 quickly: pages are created live without revisions (Wagtail's post_save signal
indexes each one through the configured search backend, as publication would)."""

import datetime
import html
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

_NAME_RE = re.compile(r"^(?P<title>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$")


@dataclass
class Regulation:
    title: str
    date: datetime.date
    paragraphs: list

    @property
    def text(self):
        return "\n".join(self.paragraphs)


def load_regulations(directory):
    docs = []
    for path in sorted(Path(directory).glob("*.md")):
        match = _NAME_RE.match(path.name)
        raw = path.read_text(encoding="utf-8")
        head, _, body = raw.partition("<!-- INFO END -->")
        title_line = next((ln for ln in head.splitlines() if ln.startswith("# ")), "")
        title = title_line[2:].strip() or (match["title"] if match else path.stem)
        date = datetime.date.fromisoformat(match["date"]) if match else datetime.date(2020, 1, 1)
        paragraphs = [ln.lstrip("#").strip() for ln in (body or raw).splitlines()]
        docs.append(Regulation(title, date, [p for p in paragraphs if p]))
    return docs


def body_blocks(paragraphs):
    """The whole text as one rich-text block (as an editor pasting a document would)."""
    return [{"type": "paragraph", "value": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)}]


def default_document_number(i, doc):
    return f"国法规〔{doc.date.year}〕{i + 1}号"


def add_policies(parent, docs, document_number=None):
    """Create one live PolicyDocumentPage per document under ``parent``; returns the pages."""
    from django.utils import timezone

    from disclosure_catalog.models import PolicyDocumentPage

    pages = []
    for i, doc in enumerate(docs):
        when = timezone.make_aware(datetime.datetime.combine(doc.date, datetime.time(9)))
        page = PolicyDocumentPage(
            title=doc.title[:255],
            slug=f"reg-{i + 1}",  # versions of one regulation share a title
            summary=(doc.paragraphs[0] if doc.paragraphs else doc.title)[:900],
            topic_category="综合政务/政务公开",
            genre="通知",
            document_number=(document_number or default_document_number)(i, doc),
            body=body_blocks(doc.paragraphs),
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        parent.add_child(instance=page)
        pages.append(page)
    return pages


def bulk_pages(parent, docs, batch=500):
    """Insert live PolicyDocumentPage rows table by table (no signals, no revisions, no
    search indexing: index them with the backend's ``add_bulk``). ``docs``: (title, date,
    paragraphs). Used where thousands of pages are needed fast (tests, benchmarks)."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone
    from wagtail.models import Page

    from disclosure_catalog.models import CatalogItemPage, PolicyDocumentPage

    next_id = (Page.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    first_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    content_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    pages = []
    for i, (title, date, paragraphs) in enumerate(docs):
        when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
        pk = next_id + i
        page = PolicyDocumentPage(
            id=pk,
            page_ptr_id=pk,
            catalogitempage_ptr_id=pk,
            path=Page._get_path(parent.path, parent.depth + 1, first_step + i),
            depth=parent.depth + 1,
            numchild=0,
            title=title[:255],
            draft_title=title[:255],
            slug=f"b{pk}",
            url_path=f"{parent.url_path}b{pk}/",
            live=True,
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            first_published_at=when,
            last_published_at=when,
            summary=paragraphs[0][:900],
            topic_category="综合政务/政务公开",
            genre="通知",
            document_number=f"国法规〔{date.year}〕{pk}号",
            body=body_blocks(paragraphs),
        )
        pages.append(page)
    for model in (Page, CatalogItemPage, PolicyDocumentPage):
        fields = model._meta.local_concrete_fields
        for start in range(0, len(pages), batch):
            model._base_manager._insert(pages[start : start + batch], fields=fields)
    Page.objects.filter(pk=parent.pk).update(
        numchild=Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), "
                "(SELECT MAX(id) FROM wagtailcore_page))"
            )
    return pages
