"""Text of attached documents (PDF, DOCX, TXT) for the search index.

``BasePage.search_attachment_text()`` (portal.core) finds the documents in a page's body and
asks the ``portal_attachment_text`` hook for their text; this module answers it. The text is
cached per document in ``AttachmentText`` and re-extracted only when the file changes.
"""

import io
import logging

logger = logging.getLogger(__name__)

#: per document; a longer text is cut here (the index holds words, not whole books)
MAX_CHARS = 200_000
MAX_PDF_PAGES = 300


def _pdf_text(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


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
