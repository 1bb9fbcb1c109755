"""Uploaded documents and images are checked by what they contain, not by their name.

Wagtail checks the extension against ``WAGTAILDOCS_EXTENSIONS`` / ``WAGTAILIMAGES_EXTENSIONS``
and, for images, that the picture decodes and is not too large. That is not enough for a
public site: a web page renamed ``.pdf`` or a PNG with HTML inside it would still be
accepted. The form bases here (``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and
``WAGTAILIMAGES_IMAGE_FORM_BASE``) add:

- documents: the file's first bytes must match its extension (PDF ``%PDF-``; DOCX/XLSX/PPTX
  a ZIP holding ``[Content_Types].xml`` and its main part; ODT/ODS a ZIP whose first entry
  is the right ``mimetype``; DOC/XLS/PPT the OLE2 signature; RTF ``{\\rtf``; TXT readable
  text); no HTML where a browser would sniff it; ZIP-based files must not unpack to more
  than ``PORTAL_UPLOAD_MAX_UNPACKED_BYTES`` or at a suspicious ratio (decompression bombs);
- images: decoded in full by Pillow within the pixel limit, no HTML or script hidden in
  the bytes (PNG/HTML polyglots), nothing appended after a PNG's end;
- every message in Vietnamese.
"""

import io
import os
import re
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SNIFF_BYTES = 1024
# What a browser would take for markup if it ever sniffed the file.
HTML_PATTERN = re.compile(
    rb"<\s*(?:script|html|body|head|iframe|frame|frameset|svg|object|embed|meta|link|style|img|a\s|form|"
    rb"!doctype|\?xml-stylesheet)|javascript\s*:",
    re.IGNORECASE,
)
# In image bytes only long, unambiguous markers count (binary data may contain a short "<a ").
IMAGE_HTML_PATTERN = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|!doctype)|javascript\s*:|onerror\s*=|onload\s*=",
    re.IGNORECASE,
)
OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}

MESSAGES = {
    "extension": _("Không chấp nhận tệp “.%(extension)s”. Chỉ được tải lên: %(allowed)s."),
    "mismatch": _(
        "Nội dung tệp không đúng định dạng “.%(extension)s” (có thể tệp đã bị đổi tên hoặc bị hỏng). "
        "Vui lòng tải lên tệp gốc."
    ),
    "html": _("Tệp có chứa mã HTML hoặc mã kịch bản (script) nên không được chấp nhận."),
    "bomb": _("Tệp nén giải nén ra quá lớn (%(unpacked)s) — có thể là “bom giải nén” — nên không được chấp nhận."),
    "too_large": _("Tệp quá lớn (%(file_size)s). Dung lượng tối đa là %(max_filesize)s."),
    "image_invalid": _("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng."),
    "image_extension": _("Không hỗ trợ định dạng ảnh này. Chỉ chấp nhận: %(supported_formats)s."),
    "image_known_format": _(
        "Ảnh “.%(extension)s” không hợp lệ: phần mở rộng không khớp với định dạng thật của tệp (%(image_format)s)."
    ),
    "too_many_pixels": _("Ảnh có quá nhiều điểm ảnh (%(num_pixels)s). Tối đa %(max_pixels_count)s điểm ảnh."),
    "image_trailing": _("Tệp ảnh có dữ liệu lạ nối sau phần ảnh nên không được chấp nhận."),
}


def _error(code, **params):
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=f"upload_{code}")


def _read_all(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_zip(data, *, expect=None):
    """Open ``data`` as a ZIP, refuse decompression bombs; return the ZipFile."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _error("mismatch", extension=expect) from None
    limit = getattr(settings, "PORTAL_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
    ratio_limit = getattr(settings, "PORTAL_UPLOAD_MAX_COMPRESSION_RATIO", 100)
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if len(infos) > 10_000 or unpacked > limit or (unpacked > 10 * 1024 * 1024 and unpacked / packed > ratio_limit):
        raise _error("bomb", unpacked=filesizeformat(unpacked))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > ratio_limit:
            raise _error("bomb", unpacked=filesizeformat(unpacked))
    return archive


def check_document_bytes(data, name):
    """Raise ``ValidationError`` unless ``data`` really is a document of ``name``'s type."""
    extension = _extension(name)
    allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
    if allowed and extension not in allowed:
        raise _error("extension", extension=extension, allowed=", ".join(allowed))
    head = data[:SNIFF_BYTES]
    if extension == "pdf":
        ok = data.startswith(b"%PDF-")
    elif extension in OOXML_MAIN_PART:
        archive = check_zip(data, expect=extension)
        names = set(archive.namelist())
        ok = "[Content_Types].xml" in names and any(n.startswith(OOXML_MAIN_PART[extension]) for n in names)
    elif extension in ODF_MIMETYPES:
        archive = check_zip(data, expect=extension)
        infos = archive.infolist()
        ok = (
            bool(infos)
            and infos[0].filename == "mimetype"
            and archive.read(infos[0]).strip() == ODF_MIMETYPES[extension]
        )
    elif extension in {"doc", "xls", "ppt"}:
        ok = data.startswith(OLE2_SIGNATURE)
    elif extension == "rtf":
        ok = data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf")
    elif extension in {"txt", "csv"}:
        ok = b"\x00" not in data and _decodes(data)
        if ok and HTML_PATTERN.search(data):
            raise _error("html")
    elif extension == "zip":
        check_zip(data, expect=extension)
        ok = True
    else:
        ok = False  # an allowed extension nobody taught us to check: refuse rather than guess
    if not ok:
        raise _error("mismatch", extension=extension)
    if extension not in {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"} and HTML_PATTERN.search(head):
        raise _error("html")


def _decodes(data):
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_image_bytes(data, name):
    """Decode the whole picture and look for markup hidden in it."""
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                width, height = image.size
                if max_pixels and width * height > max_pixels:
                    raise _error("too_many_pixels", num_pixels=width * height, max_pixels_count=max_pixels)
                image.load()
                image_format = image.format
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _error("too_many_pixels", num_pixels=_("không rõ"), max_pixels_count=max_pixels) from None
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors for broken files
        raise _error("image_invalid") from None
    if IMAGE_HTML_PATTERN.search(data):
        raise _error("html")
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        if end == -1 or len(data) > end + 8:  # "IEND" + 4-byte CRC ends the file
            raise _error("image_trailing")


class SafeDocumentForm(BaseDocumentForm):
    """``WAGTAILDOCS_DOCUMENT_FORM_BASE``: Wagtail's document form plus content checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.error_messages["file_too_large"] = MESSAGES["too_large"]
            if getattr(field, "max_upload_size", None):
                field.help_text = _("Dung lượng tối đa: %(max)s. Chấp nhận: %(allowed)s.") % {
                    "max": filesizeformat(field.max_upload_size),
                    "allowed": ", ".join(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []),
                }

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document_bytes(_read_all(uploaded), uploaded.name)
        return uploaded


def _never_crash(to_python):
    """Wagtail's image field lets Pillow's errors escape for files that only look like an
    image at first glance (a PNG signature followed by garbage): a 500 in the admin.
    Turn them into the form error they should be."""

    def wrapped(data):
        try:
            return to_python(data)
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001
            raise _error("image_invalid") from None

    return wrapped


class SafeImageForm(BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``: Wagtail's image form plus content checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            formats = ", ".join(getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None) or [])
            field.error_messages.update(
                {
                    "invalid_image": MESSAGES["image_invalid"],
                    "invalid_image_extension": MESSAGES["image_extension"] % {"supported_formats": formats},
                    "invalid_image_known_format": MESSAGES["image_known_format"],
                    "file_too_large": MESSAGES["too_large"],
                    "file_too_many_pixels": MESSAGES["too_many_pixels"],
                }
            )
            field.to_python = _never_crash(field.to_python)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_image_bytes(_read_all(uploaded), uploaded.name)
        return uploaded
