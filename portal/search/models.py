from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the public search knows about one page (one locale: translations are pages).

    Written by ``portal.search.indexing`` when a page is published, unpublished, moved or
    deleted, and by ``manage.py rebuild_search_index``. Only this table is read to answer
    a search, whatever the page type, so the core never imports a content app.

    On PostgreSQL migration 0002 adds a generated ``search_vector`` column (tsvector of the
    folded text, 'simple' configuration) with a GIN index; SQLite does without it.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("trang")
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    # Small columns first and the original text last: SQLite reads a row's columns in
    # order, so the scan over the folded text never walks through the original's pages.
    date = models.DateTimeField(_("ngày"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    live = models.BooleanField(default=True)
    public = models.BooleanField(default=True)
    document_numbers = models.CharField(
        max_length=500, blank=True, help_text=_("Số ký hiệu của chính văn bản, dạng |57 kh snv|.")
    )
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True, help_text=_("Văn bản thuần, dùng để trích đoạn kết quả."))
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        indexes = [
            models.Index(fields=["locale", "live", "public", "date"], name="portal_search_visible_date"),
        ]

    def __str__(self):
        return self.title
