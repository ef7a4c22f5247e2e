"""The Word → StreamField conversion as a pure function (no database)."""

import io

import docx

from portal.core.wordimport.convert import convert
from tests.desk.word_files import sample_docx


def converted(data=None):
    stored = []

    def store(image):
        stored.append(image)
        return 100 + len(stored)

    result = convert(docx.Document(io.BytesIO(data or sample_docx())), store)
    return result, stored


def test_the_document_becomes_headings_paragraphs_a_table_and_images_in_order():
    result, stored = converted()
    assert [b["type"] for b in result.blocks] == [
        "heading",
        "paragraph",
        "image",
        "heading",
        "table",
        "image",
        "paragraph",
    ]
    assert result.title == "关于做好2026年春季学期开学工作的通知"
    assert result.blocks[0]["value"] == "一、总体要求"
    assert result.blocks[3]["value"] == "二、工作安排"
    assert [b["value"]["image"]["image"] for b in result.blocks if b["type"] == "image"] == [
        101,
        102,
    ]
    assert len(stored) == 2 and all(image.data.startswith(b"\x89PNG") for image in stored)


def test_word_styles_manual_indents_and_empty_paragraphs_are_dropped():
    result, _ = converted()
    html = result.blocks[1]["value"]
    # one paragraph: the empty and space-only ones are gone; 首行缩进 comes from the site's CSS
    assert html == "<p>各乡镇、各部门要高度重视，<b>确保安全有序开学</b>。</p>"
    for block in result.blocks:
        text = str(block["value"])
        assert "style" not in text and "font" not in text and "color" not in text


def test_table_cells_and_a_merged_row_are_kept():
    result, _ = converted()
    table = next(b["value"] for b in result.blocks if b["type"] == "table")
    assert table["data"][0] == ["时间", "事项", "责任单位"]
    assert table["data"][1] == ["2月20日", "校园安全检查", "县教育局"]
    assert table["data"][2][0] == "以上工作须于开学前完成"
    assert table["mergeCells"] == [{"row": 2, "col": 0, "rowspan": 1, "colspan": 3}]
    assert table["first_row_is_table_header"] is True  # the whole first row is bold


def test_text_is_escaped_and_lists_become_lists():
    document = docx.Document()
    document.add_paragraph("<script>alert(1)</script>")
    document.add_paragraph("第一项", style="List Bullet")
    document.add_paragraph("第二项", style="List Bullet")
    document.add_paragraph("步骤一", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    result, _ = converted(buffer.getvalue())
    assert result.blocks == [
        {
            "type": "paragraph",
            "id": result.blocks[0]["id"],
            "value": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
            "<ul><li>第一项</li><li>第二项</li></ul><ol><li>步骤一</li></ol>",
        }
    ]


def test_an_image_the_store_refuses_is_listed_as_skipped():
    document = docx.Document(io.BytesIO(sample_docx()))
    result = convert(document, lambda image: None)
    assert not any(b["type"] == "image" for b in result.blocks)
    assert len(result.skipped) == 2


def test_lower_heading_levels_stay_inside_the_paragraph_block():
    document = docx.Document()
    document.add_heading("一、总体要求", 1)
    document.add_heading("（一）工作目标", 3)
    document.add_paragraph("到2026年底完成。")
    document.add_heading("1.具体指标", 4)
    buffer = io.BytesIO()
    document.save(buffer)
    result, _ = converted(buffer.getvalue())
    assert [(b["type"], b["value"]) for b in result.blocks] == [
        ("heading", "一、总体要求"),
        ("paragraph", "<h3>（一）工作目标</h3><p>到2026年底完成。</p><h4>1.具体指标</h4>"),
    ]


def test_word_tables_of_contents_are_left_out_and_table_pictures_reported():
    from docx.shared import Inches

    from tests.factories import png_bytes

    document = docx.Document()
    document.add_paragraph("一、总体要求\t1", style=document.styles.add_style("toc 1", 1))
    document.add_heading("一、总体要求", 1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "照片"
    table.cell(0, 1).paragraphs[0].add_run().add_picture(io.BytesIO(png_bytes()), width=Inches(1))
    buffer = io.BytesIO()
    document.save(buffer)
    result, stored = converted(buffer.getvalue())
    assert [b["type"] for b in result.blocks] == ["heading", "table"]
    assert result.blocks[1]["value"]["data"] == [["照片", ""]]
    assert result.skipped == ["表格中的图片1张"] and stored == []


def test_reading_refuses_old_formats_oversized_files_and_bombs_in_chinese():
    import zipfile

    import pytest

    from portal.core.wordimport.importer import (
        MAX_BYTES,
        OLD_FORMAT,
        WordImportError,
        read_document,
    )
    from portal.review.filetypes import OLE2_MAGIC

    with pytest.raises(WordImportError, match="另存为"):
        read_document("通知.doc", OLE2_MAGIC + b"\0" * 600)
    with pytest.raises(WordImportError) as refused:
        read_document("通知.wps", OLE2_MAGIC + b"\0" * 600)
    assert str(refused.value) == OLD_FORMAT
    with pytest.raises(WordImportError, match="文件过大"):
        read_document("通知.docx", b"PK\x03\x04" + b"\0" * MAX_BYTES)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>" + " " * (120 * 1024 * 1024))
    with pytest.raises(WordImportError, match="超出允许范围"):
        read_document("通知.docx", bomb.getvalue())
