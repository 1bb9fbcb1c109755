"""StreamField blocks shared by the portal's article types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.core.embeds import parse_video_url, validate_video_url

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (alt)"),
        max_length=255,
        required=False,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị; để trống nếu ảnh chỉ để trang trí."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=500, required=False)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người/nguồn trích dẫn"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(
        label=_("Tên hiển thị"), max_length=500, required=False, help_text=_("Để trống để dùng tên tài liệu.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "blocks/document_block.html"


class VideoURLBlock(blocks.URLBlock):
    """A YouTube or Vimeo address, rendered as a privacy-friendly embed (no oEmbed call)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_video_url])
        super().__init__(**kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed"] = parse_video_url(value)
        return context

    class Meta:
        icon = "media"
        label = _("Video (YouTube/Vimeo)")
        template = "blocks/video_embed_block.html"


class ArticleStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Đoạn văn"))
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label=_("Bảng"))
    video = VideoURLBlock(help_text=_("Địa chỉ YouTube hoặc Vimeo"))
