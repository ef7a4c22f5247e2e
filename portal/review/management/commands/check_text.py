"""``manage.py check_text [FILE ...|-] [--date YYYY-MM-DD] [--format text|json]``

Runs the content checker (portal.review.checker) on plain text, .docx or .pdf files, so the
office can check a document before it becomes a page. Attachment text is read with the search
app's capped extractors (search.attachments). Exit status 1 when any finding blocks
publication.
"""

import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


def read_file(name):
    from search.attachments import MAX_CHARS, extract_bytes

    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    extension = "txt" if name == "-" else Path(name).suffix.lower().lstrip(".")
    if extension in ("pdf", "docx"):
        return extract_bytes(data, extension)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)[:MAX_CHARS]
        except UnicodeDecodeError:
            continue
    raise CommandError(f"{name}：无法识别文件编码（支持 UTF-8 和 GB18030）")


class Command(BaseCommand):
    help = "内容纠错：检查文本、Word（.docx）或 PDF 文件中的错别字和错误表述"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", default=["-"], help="文件，“-”表示标准输入")
        parser.add_argument("--date", help="稿件日期（成文日期），格式 YYYY-MM-DD，默认今天")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, files, date=None, format="text", **options):
        from portal.review.checker import CATEGORY_LABELS, SEVERITY_LABELS, check_text

        item_date = None
        if date:
            try:
                item_date = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"日期格式有误：{date}，应为 YYYY-MM-DD") from exc
        blocking = False
        for name in files or ["-"]:
            try:
                text = read_file(name)
            except OSError as exc:
                raise CommandError(f"{name}：无法读取（{exc.strerror or exc}）") from exc
            for f in check_text(text, date=item_date):
                blocking = blocking or f.blocks
                if format == "json":
                    row = {
                        "file": name,
                        "rule": f.rule,
                        "category": CATEGORY_LABELS.get(f.category, f.category),
                        "severity": f.severity,
                        "start": f.start,
                        "end": f.end,
                        "text": f.text,
                        "context": f.context,
                        "suggestion": f.suggestion,
                        "explanation": f.explanation,
                    }
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
                else:
                    line = text.count("\n", 0, f.start) + 1
                    self.stdout.write(
                        f"{name}:{line}: [{SEVERITY_LABELS[f.severity]}·{f.category_label}] "
                        f"“{f.text}” {f.explanation}"
                        + (f" 建议：{f.suggestion}" if f.suggestion else "")
                        + f" （{f.context}）"
                    )
        if blocking:
            sys.exit(1)
