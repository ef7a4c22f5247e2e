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
    "zip": "ZIP 压缩包",
}


def detect_kind(head: bytes, open_whole=None):
    """The kind of a file from its first bytes; ``open_whole()`` returns the whole file (bytes)
    when a zip container must be looked into. Returns None for anything else."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n\x00")[:5] == b"%PDF-":
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
        return zip_kind(names)
    return None


def zip_kind(names):
    """The kind of a zip container from its member names (the part each format requires)."""
    # GB/T 33190: an OFD package has OFD.xml at its root
    if "OFD.xml" in names:
        return "ofd"
    if "[Content_Types].xml" in names:
        # ECMA-376: the main part of a Word document / an Excel workbook
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return "zip"


# --- limits against "bombs": small files that inflate to huge ones ---------------------------
#: the most a zip container (docx, xlsx, ofd, zip) may inflate to, in total
MAX_INFLATED_BYTES = 100 * 1024 * 1024
#: a container inflating beyond this size must not be more compressed than MAX_RATIO
RATIO_CHECK_BYTES = 5 * 1024 * 1024
MAX_RATIO = 50
MAX_MEMBERS = 10_000


def zip_bomb_error(archive):
    """A Chinese message when a zip container inflates too much, else "". Uses the sizes the
    archive declares; reading never yields more than the declared size (zipfile)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        return f"压缩包内文件过多（{len(infos)}个），请精简后重新上传"
    inflated = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if inflated > MAX_INFLATED_BYTES or (
        inflated > RATIO_CHECK_BYTES and inflated / compressed > MAX_RATIO
    ):
        return (
            f"文件解压后达 {inflated / 1024 / 1024:.1f} MB（压缩前 {compressed / 1024:.0f} KB），"
            "超出允许范围，可能是异常文件。请另存为正常文档或转为 PDF 后重新上传"
        )
    return ""


UPLOAD_NOT_ALLOWED = (
    "文件内容不是允许的附件格式（PDF、OFD、DOC、DOCX、WPS、XLS、XLSX、ET、JPG、PNG）"
)


def check_upload(name, data):
    """A Chinese message when an uploaded document's bytes are not what its extension says
    (or are a "bomb"), else "". The same rules as 自动检查 (``check_attachment``), applied when
    the file arrives; plus the other extensions documents may have (mp4, zip, txt, csv)."""
    ext = extension_of(name)
    head = data[:2048]
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                error = zip_bomb_error(archive)
                if error:
                    return error
                kind = zip_kind(set(archive.namelist()))
        except (zipfile.BadZipFile, OSError, ValueError):
            return "文件已损坏，无法打开，请重新上传"
    else:
        kind = detect_kind(head)
    if ext in ("txt", "csv"):
        if kind is not None or b"\x00" in data[:65536]:
            return f"文件内容不是纯文本，与扩展名“.{ext}”不符"
        return ""
    if ext == "zip":
        return "" if kind == "zip" else "文件内容不是 ZIP 压缩包，与扩展名“.zip”不符"
    if ext == "mp4":
        return "" if kind == "mp4" else "文件内容不是 MP4 视频，与扩展名“.mp4”不符"
    if kind is None or kind in ("mp4", "zip"):
        return UPLOAD_NOT_ALLOWED
    if ext not in KIND_EXTENSIONS[kind]:
        return f"文件内容是{KIND_LABELS[kind]}，与扩展名“.{ext}”不符"
    return ""


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
    if kind is None or kind in ("mp4", "zip"):
        return (
            False,
            "文件内容不是允许的附件格式（PDF、OFD、DOC、DOCX、WPS、XLS、XLSX、ET、JPG、PNG）",
        )
    if ext not in KIND_EXTENSIONS[kind]:
        return False, f"文件内容是{KIND_LABELS[kind]}，与扩展名“.{ext}”不符"
    return True, ""
