"""StreamField blocks, split by kind (text, media, attachments, layout).

``BodyBlock`` is the one body every content page uses, so that review, search and migration
read one shape of content.
"""

from wagtail import blocks

from .attachments import AttachmentBlock
from .layout import TableBlock
from .media import ImageWithCaptionBlock, VideoBlock
from .text import HeadingBlock, ParagraphBlock, QuoteBlock


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    attachment = AttachmentBlock()
    table = TableBlock()

    class Meta:
        block_counts = {}


__all__ = [
    "AttachmentBlock",
    "BodyBlock",
    "HeadingBlock",
    "ImageWithCaptionBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
    "VideoBlock",
]
