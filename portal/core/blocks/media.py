from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with alt text (required unless marked decorative) and an optional caption."""

    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video file kept on this site (no third-party player, no outside host)."""

    video = DocumentChooserBlock(label="视频文件（MP4）")
    title = blocks.CharBlock(label="视频标题", max_length=200)
    transcript = blocks.TextBlock(label="文字稿（供无障碍阅读）", required=False)

    class Meta:
        icon = "media"
        label = "视频"
        template = "blocks/video.html"
