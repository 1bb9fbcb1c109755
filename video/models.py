"""Tin video: a listing page and video pages (an uploaded MP4/WebM file or a YouTube/Vimeo address)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from portal.cache.fragments import public
from portal.core.embeds import parse_video_url, validate_video_url
from portal.core.pictures import picture_specs
from portal.core.views import paginate
from video.validators import validate_captions_file, validate_video_file, video_mime_type

VIDEOS_PER_PAGE = 12
# keep in step with video/video_index_page.html and video/includes/video_block.html
POSTER_LIST_SPECS = picture_specs("fill-320x180", "fill-480x270")


def videos_with_posters(queryset, filter_specs=POSTER_LIST_SPECS):
    """``queryset`` with each poster and its rendition fetched up front (two queries in all)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    return queryset.select_related("poster").prefetch_related(Prefetch("poster__renditions", queryset=renditions))


class VideoIndexPage(Page):
    """Tin video: every video, newest first."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ngắn ở đầu trang Tin video."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["video.VideoPage"]

    class Meta:
        verbose_name = _("trang tin video")
        verbose_name_plural = _("trang tin video")

    def videos(self):
        return (
            public(VideoPage.objects.live())
            .child_of(self)
            .filter(locale_id=self.locale_id)
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["videos"] = paginate(request, videos_with_posters(self.videos()), VIDEOS_PER_PAGE)
        return context


class VideoPage(Page):
    """Một tin video: tệp video tải lên (MP4/WebM) hoặc địa chỉ YouTube/Vimeo."""

    #: schema.org type of the page (portal.core.structured_data).
    schema_type = "VideoObject"

    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Nội dung chính của video, hiển thị dưới khung phát.")
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
        help_text=_("Ảnh hiển thị trước khi phát video và trong danh sách video."),
    )
    video_file = models.FileField(
        _("tệp video"),
        upload_to="video/",
        blank=True,
        max_length=255,
        validators=[validate_video_file],
        help_text=_("Tệp MP4 (H.264) hoặc WebM. Để trống nếu dùng địa chỉ YouTube/Vimeo."),
    )
    captions = models.FileField(
        _("phụ đề"),
        upload_to="video/phu-de/",
        blank=True,
        max_length=255,
        validators=[validate_captions_file],
        help_text=_("Tệp phụ đề tiếng Việt định dạng WebVTT (.vtt), không bắt buộc; chỉ dùng với tệp video."),
    )
    video_url = models.URLField(
        _("địa chỉ YouTube/Vimeo"),
        blank=True,
        max_length=500,
        validators=[validate_video_url],
        help_text=_("Ví dụ https://www.youtube.com/watch?v=… Để trống nếu tải tệp video lên."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("poster"),
        MultiFieldPanel(
            [FieldPanel("video_file"), FieldPanel("captions"), FieldPanel("video_url")],
            heading=_("Nguồn video (chọn một)"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]

    parent_page_types = ["video.VideoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin video")
        verbose_name_plural = _("tin video")

    def clean(self):
        super().clean()
        has_file, has_url = bool(self.video_file), bool(self.video_url)
        if has_file == has_url:
            message = (
                _("Chỉ chọn một nguồn: tệp video hoặc địa chỉ YouTube/Vimeo, không dùng cả hai.")
                if has_file
                else _("Hãy tải lên một tệp video hoặc nhập địa chỉ YouTube/Vimeo.")
            )
            raise ValidationError({"video_file": message, "video_url": message})
        if self.captions and not has_file:
            raise ValidationError({"captions": _("Phụ đề chỉ dùng được với tệp video tải lên.")})

    def schema_org_extra(self):
        """Where the video itself is, for its VideoObject (portal.core.structured_data)."""
        embed = self.embed
        return {
            "contentUrl": self.video_file.url if self.video_file else None,
            "embedUrl": embed.embed_url if embed else None,
        }

    @property
    def embed(self):
        return parse_video_url(self.video_url) if self.video_url else None

    @property
    def video_type(self):
        return video_mime_type(self.video_file.name) if self.video_file else ""
