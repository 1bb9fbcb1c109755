"""Checks for uploaded video and caption files: the extension AND the file's first bytes
must agree, so a renamed executable or HTML file is refused."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_EXTENSIONS = {".mp4": "video/mp4", ".webm": "video/webm"}
DEFAULT_MAX_VIDEO_SIZE = 300 * 1024 * 1024
MAX_CAPTIONS_SIZE = 512 * 1024


def max_video_size():
    return getattr(settings, "PORTAL_VIDEO_MAX_UPLOAD_SIZE", DEFAULT_MAX_VIDEO_SIZE)


def _head(file, size=64):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def sniff_video(head):
    """``"webm"``, ``"mp4"`` or ``None`` from a file's first bytes."""
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML (Matroska/WebM)
        return "webm"
    if len(head) >= 12 and head[4:8] == b"ftyp":  # ISO base media (MP4)
        return "mp4"
    return None


def video_mime_type(name):
    return VIDEO_EXTENSIONS.get(os.path.splitext(name or "")[1].lower(), "video/mp4")


def validate_video_file(file):
    extension = os.path.splitext(file.name)[1].lower()
    if extension not in VIDEO_EXTENSIONS:
        raise ValidationError(_("Chỉ nhận tệp video MP4 hoặc WebM (.mp4, .webm)."), code="extension")
    if file.size is not None and file.size > max_video_size():
        raise ValidationError(
            _("Tệp video quá lớn (tối đa %(size)s).") % {"size": filesizeformat(max_video_size())}, code="size"
        )
    kind = sniff_video(_head(file))
    if kind is None or kind != extension[1:]:
        raise ValidationError(
            _("Nội dung tệp không phải video %(kind)s hợp lệ.") % {"kind": extension[1:].upper()}, code="content"
        )


def validate_captions_file(file):
    if os.path.splitext(file.name)[1].lower() != ".vtt":
        raise ValidationError(_("Phụ đề phải là tệp WebVTT (.vtt)."), code="extension")
    if file.size is not None and file.size > MAX_CAPTIONS_SIZE:
        raise ValidationError(_("Tệp phụ đề quá lớn (tối đa 512 KB)."), code="size")
    head = _head(file, 16)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head.startswith(b"WEBVTT"):
        raise ValidationError(_("Tệp phụ đề không đúng định dạng WebVTT (phải bắt đầu bằng “WEBVTT”)."), code="content")
