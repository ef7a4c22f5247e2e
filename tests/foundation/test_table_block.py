"""A table in a page body renders as an HTML table (issue 16, item 8)."""

from portal.core.columns import ColumnKey
from tests.factories import make_news


def test_table_renders_as_html_table_with_header_and_escaped_cells(client, portal):
    table = {
        "data": [["项目", "金额（万元）"], ["道路维修<script>alert(1)</script>", "120"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "2025年预算表",
    }
    page = make_news(
        portal.column(ColumnKey.NEWS_HEADLINES),
        title="预算表格",
        body=[{"type": "table", "value": table}],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "{'data'" not in html and "first_row_is_table_header" not in html
    assert "<caption>2025年预算表</caption>" in html
    assert '<th scope="col"' in html and "金额（万元）" in html
    assert "<td" in html and "120" in html
    assert "<script>alert(1)</script>" not in html
    assert "道路维修&lt;script&gt;" in html
