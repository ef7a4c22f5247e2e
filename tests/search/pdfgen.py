"""A PDF whose text layer holds Chinese (a simple font with a ToUnicode map), so text
extraction can be tested without shipping a CJK font."""

from portal.core.pdf import one_page_pdf, stream


def chinese_pdf(text):
    chars = list(dict.fromkeys(text))
    assert len(chars) < 200
    codes = {ch: i + 1 for i, ch in enumerate(chars)}
    shown = "".join(f"\\{codes[ch]:03o}" for ch in text)
    content = f"BT /F1 12 Tf 20 100 Td ({shown}) Tj ET".encode()
    bfchar = "\n".join(f"<{codes[ch]:02X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    return one_page_pdf(content, font_extra=b" /ToUnicode 6 0 R", extra_objects=[stream(cmap)])
