"""Recognising attachment types by content (magic bytes), not by file name.

The allow-list (pdf, ofd, doc, docx, wps, xls, xlsx, et, jpg, png) comes from the county's
information publishing rules; an attachment is accepted only when its bytes are one of these
formats and its extension names that format.
"""

import io
import zipfile

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"

#: detected kind → the extensions that may carry it
KIND_EXTENSIONS = {
    "pdf": {"pdf"},
    "ofd": {"ofd"},
    # OLE2 compound files: Word 97-2003, Excel 97-2003, WPS 文字 and WPS 表格
    "ole2": {"doc", "xls", "wps", "et"},
    "docx": {"docx", "wps"},
    "xlsx": {"xlsx", "et"},
    "jpg": {"jpg", "jpeg"},
    "png": {"png"},
}
ALLOWED_EXTENSIONS = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "jpg", "png")

KIND_LABELS = {
    "pdf": "PDF",
    "ofd": "OFD",
    "ole2": "Office 97-2003/WPS",
    "docx": "Word (docx)",
    "xlsx": "Excel (xlsx)",
    "jpg": "JPEG 图片",
    "png": "PNG 图片",
    "mp4": "MP4 视频",
}


def detect_kind(head: bytes, open_whole=None):
    """The kind of a file from its first bytes; ``open_whole()`` returns the whole file (bytes)
    when a zip container must be looked into. Returns None for anything else."""
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpg"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(ZIP_MAGIC) and open_whole is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(open_whole())) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        # GB/T 33190: an OFD package has OFD.xml at its root
        if "OFD.xml" in names:
            return "ofd"
        if "[Content_Types].xml" in names:
            if any(name.startswith("word/") for name in names):
                return "docx"
            if any(name.startswith("xl/") for name in names):
                return "xlsx"
    return None


def detect_file(field_file):
    """Detect the kind of a stored file (a Django FieldFile)."""
    try:
        field_file.open("rb")
        try:
            head = field_file.read(2048)

            def whole():
                field_file.seek(0)
                return field_file.read()

            return detect_kind(head, whole)
        finally:
            field_file.close()
    except (OSError, ValueError):
        return None


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_attachment(document):
    """(ok, message) for a Wagtail document against the allow-list."""
    ext = extension_of(document.file.name)
    kind = detect_file(document.file)
    if kind is None or kind == "mp4":
        return (
            False,
            "文件内容不是允许的附件格式（PDF、OFD、DOC、DOCX、WPS、XLS、XLSX、ET、JPG、PNG）",
        )
    if ext not in KIND_EXTENSIONS[kind]:
        return False, f"文件内容是{KIND_LABELS[kind]}，与扩展名“.{ext}”不符"
    return True, ""
