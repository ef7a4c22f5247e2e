from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock


class TableBlock(WagtailTableBlock):
    class Meta:
        icon = "table"
        label = "表格"
        template = "blocks/table.html"
