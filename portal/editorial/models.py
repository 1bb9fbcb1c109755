from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyRecord(models.Model):
    """One record of the old site's export and the page it became.

    ``(kind, source_id)`` is the stable key that makes ``import_legacy`` idempotent: a
    second run finds the record here and updates its page instead of adding another,
    and an interrupted run resumes after the records it already finished.
    """

    kind = models.CharField(
        _("loại bản ghi"), max_length=32, help_text=_("Loại nội dung trên trang cũ: article, plan, video…")
    )
    source_id = models.CharField(_("mã trên trang cũ"), max_length=64)
    old_url = models.CharField(_("địa chỉ cũ"), max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("trang mới"),
    )
    checksum = models.CharField(
        _("dấu kiểm"),
        max_length=64,
        help_text=_("Dấu kiểm nội dung bản ghi; bản ghi không đổi thì lần nhập sau bỏ qua."),
    )
    missing_attachments = models.PositiveIntegerField(
        _("số tệp đính kèm còn thiếu"),
        default=0,
        help_text=_("Số tệp đính kèm không tìm thấy ở lần nhập trước; lần nhập sau thử lại khi tệp có mặt."),
    )
    views = models.PositiveBigIntegerField(_("lượt xem trên trang cũ"), default=0)
    imported_at = models.DateTimeField(_("nhập lần đầu lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản ghi nhập từ trang cũ")
        verbose_name_plural = _("bản ghi nhập từ trang cũ")
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="editorial_legacy_record_key")]

    def __str__(self):
        return f"{self.kind} {self.source_id}"
