"""Text of attached documents (PDF, DOCX, TXT) for the search index.

``BasePage.search_attachment_text()`` (portal.core) finds the documents in a page's body and
asks the ``portal_attachment_text`` hook for their text; this module answers it. The text is
cached per document in ``AttachmentText`` and re-extracted only when the file changes.
"""

import io
import logging
import time
import zipfile

logger = logging.getLogger(__name__)

#: per document; a longer text is cut here (the index holds words, not whole books)
MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
#: hard caps against attachment "bombs" (a 30 KB .docx inflating to 10 MB took 28 s to read
#: with python-docx): the time one extraction may take, and the most a .docx's text part may
#: inflate to (zipfile never reads past the size an archive declares)
MAX_SECONDS = 5.0
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Budget:
    """Stops an extraction after MAX_SECONDS or MAX_CHARS; what was read so far is kept."""

    def __init__(self):
        self.deadline = time.monotonic() + MAX_SECONDS
        self.size = 0

    def add(self, text):
        self.size += len(text)
        return self.size < MAX_CHARS and time.monotonic() < self.deadline


def _pdf_text(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts, budget = [], Budget()
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        if not budget.add(text):
            break
    return "\n".join(parts)


def _docx_text(data):
    """Paragraph and table text of word/document.xml, streamed (never the whole tree)."""
    from lxml import etree

    parts, budget = [], Budget()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_DOCX_XML_BYTES:
            logger.warning(
                "a .docx attachment's text inflates to %d bytes: not read", info.file_size
            )
            return ""
        with archive.open(info) as xml:
            events = etree.iterparse(
                xml,
                events=("end",),
                tag=(WORD_NS + "t", WORD_NS + "p"),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            )
            for _event, element in events:
                text = element.text or "" if element.tag == WORD_NS + "t" else "\n"
                parts.append(text)
                element.clear()
                if not budget.add(text):
                    break
    return "".join(parts)


def _txt_text(data):
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "txt": _txt_text}


def extract_bytes(data, extension):
    extractor = EXTRACTORS.get((extension or "").lower().lstrip("."))
    if extractor is None or not data:
        return ""
    try:
        text = extractor(data)
    except Exception as exc:  # noqa: BLE001 - a broken upload must not stop indexing
        logger.warning(
            "could not extract text from a .%s attachment: %s", extension, exc.__class__.__name__
        )
        return ""
    return " ".join(text.split())[:MAX_CHARS]


def document_text(document):
    """The text of one wagtail Document, from the cache when the file has not changed."""
    from .models import AttachmentText

    extension = document.file_extension
    if extension.lower() not in EXTRACTORS:
        return ""
    try:
        file_hash = document.get_file_hash()
    except (OSError, ValueError):
        return ""
    cached = AttachmentText.objects.filter(document=document).first()
    if cached is not None and cached.file_hash == file_hash:
        return cached.text
    try:
        document.file.open("rb")
        try:
            data = document.file.read()
        finally:
            document.file.close()
    except (OSError, ValueError):
        return ""
    text = extract_bytes(data, extension)
    AttachmentText.objects.update_or_create(
        document=document, defaults={"file_hash": file_hash, "text": text}
    )
    return text


def documents_text(documents):
    return "\n".join(filter(None, (document_text(doc) for doc in documents)))
