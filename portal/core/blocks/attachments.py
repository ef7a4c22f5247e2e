from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="附件")
    title = blocks.CharBlock(
        label="显示名称", required=False, max_length=200, help_text="留空则使用文档标题"
    )

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "blocks/attachment.html"
