"""Load the regulations corpus (../shared/corpus/regulations) and add it to the page tree
as 政策文件 quickly: pages are created live without revisions (Wagtail's post_save signal
indexes each one through the configured search backend, as publication would)."""

import datetime
import html
import re
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
    return [{"type": "paragraph",
             "value": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)}]


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
