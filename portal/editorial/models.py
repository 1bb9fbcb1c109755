from django.conf import settings
from django.db import models
from django.utils import timezone
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


class FileReplacement(models.Model):
    """One replacement of the file of a document or an image: who, when, and the
    previous file, copied before Wagtail deletes it (portal/editorial/file_history.py).

    The copy is stored under ``replaced-files/<random>/`` of the media storage, a folder
    the web server does not serve (deploy/nginx answers 404 for it); administrators
    download it through the admin.
    """

    KIND_DOCUMENT = "document"
    KIND_IMAGE = "image"
    KIND_CHOICES = [(KIND_DOCUMENT, _("Document")), (KIND_IMAGE, _("Image"))]

    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    object_id = models.PositiveBigIntegerField(_("document or image id"), db_index=True)
    title = models.CharField(_("title"), max_length=255)
    old_name = models.CharField(_("previous file"), max_length=255)
    old_file = models.FileField(_("copy of the previous file"), max_length=255, blank=True)
    old_size = models.PositiveBigIntegerField(_("previous size (bytes)"), null=True, blank=True)
    old_hash = models.CharField(_("previous SHA-256"), max_length=64, blank=True)
    new_name = models.CharField(_("new file"), max_length=255)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("file replacement")
        verbose_name_plural = _("file replacement history")
        ordering = ["-replaced_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("download_filereplacement", _("Can download the previous file"))]

    def __str__(self):
        return f"{self.title}: {self.old_name} → {self.new_name}"
