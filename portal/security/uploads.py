"""Uploaded documents and images are checked by what they contain, not by their name.

Wagtail checks the extension against ``WAGTAILDOCS_EXTENSIONS`` / ``WAGTAILIMAGES_EXTENSIONS``
and, for images, that the picture decodes and is not too large. That is not enough for a
public site: a web page renamed ``.pdf`` or a PNG with HTML inside it would still be
accepted. The form bases here (``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and
``WAGTAILIMAGES_IMAGE_FORM_BASE``) add:

- documents: the file's first bytes must match its extension (PDF ``%PDF-``; DOCX/XLSX/PPTX
  a ZIP holding ``[Content_Types].xml`` and its main part; ODT/ODS a ZIP whose first entry
  is the right ``mimetype``; DOC/XLS/PPT the OLE2 signature; RTF ``{\\rtf``; TXT readable
  text); no HTML or script anywhere in the file (unambiguous markers only in binary
  formats, where short ones like ``<a `` occur by chance in compressed data); no
  JavaScript or launch action in a PDF (``/JS``, ``/JavaScript``, ``/Launch``, also written
  with ``#xx`` escapes or inside compressed object streams); ZIP-based files must not
  unpack to more than ``PORTAL_UPLOAD_MAX_UNPACKED_BYTES`` or at a suspicious ratio,
  counted across ZIPs nested inside them (decompression bombs);
- images: decoded in full by Pillow within the pixel limit, no HTML or script hidden in
  the bytes (PNG/HTML polyglots), nothing after the image's end (PNG ``IEND``, JPEG ``EOI``
  — further complete JPEG pictures, as phones append, are allowed —, GIF trailer, WebP's
  RIFF length);
- every message in Vietnamese, including the extension checks of Django and Wagtail,
  which these forms replace.
"""

import io
import os
import re
import warnings
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

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
# Markup in a whole binary file (PDF, DOC…): only markers that random compressed bytes
# practically never spell, each followed by what ends a tag name.
BINARY_HTML_PATTERN = re.compile(
    rb"<\s*(?:script|html|body|head|iframe|frameset|svg|object|embed|!doctype)[\s>/]|javascript\s*:|"
    rb"\bon(?:error|load)\s*=",
    re.IGNORECASE,
)
# A PDF name token (ISO 32000 7.3.5): "/" then regular characters, "#xx" escapes allowed.
PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]+)")
PDF_ACTIVE_NAMES = {b"JS", b"JavaScript", b"Launch"}
PDF_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
PDF_INFLATE_BUDGET = 64 * 1024 * 1024
MAX_ZIP_DEPTH = 3
ZIP_MAGIC = b"PK\x03\x04"
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
    "pdf_active": _(
        "The PDF contains JavaScript or an action that starts a program (Launch), so it is not accepted. "
        "Please export the PDF again without them."
    ),
    "nested": _("The archive holds archives nested too deeply, so it is not accepted."),
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


def check_zip(data, *, expect=None, _totals=None, _depth=0):
    """Open ``data`` as a ZIP, refuse decompression bombs; return the ZipFile.

    ZIPs inside it (a DOCX holding an embedded XLSX, or a bomb built of nested archives)
    are opened too, up to ``MAX_ZIP_DEPTH`` levels, and the limits apply to what all
    levels unpack together, against the size of the uploaded file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _error("mismatch", extension=expect) from None
    limit = settings.PORTAL_UPLOAD_MAX_UNPACKED_BYTES
    ratio_limit = settings.PORTAL_UPLOAD_MAX_COMPRESSION_RATIO
    totals = _totals if _totals is not None else {"unpacked": 0, "entries": 0, "uploaded": len(data) or 1}
    unpacked = sum(info.file_size for info in infos)
    totals["unpacked"] += unpacked
    totals["entries"] += len(infos)
    everything = totals["unpacked"]
    if (
        totals["entries"] > 10_000
        or everything > limit
        or (everything > 10 * 1024 * 1024 and everything / totals["uploaded"] > ratio_limit)
    ):
        raise _error("bomb", unpacked=filesizeformat(everything))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > ratio_limit:
            raise _error("bomb", unpacked=filesizeformat(everything))
    for info in infos:
        if info.file_size < len(ZIP_MAGIC) or info.is_dir():
            continue
        try:
            with archive.open(info) as member:
                if member.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
                    continue
            if _depth + 1 >= MAX_ZIP_DEPTH:
                raise _error("nested")
            inner = archive.read(info)  # at most its declared size, already counted above
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, zlib.error):
            raise _error("mismatch", extension=expect) from None
        check_zip(inner, expect=expect, _totals=totals, _depth=_depth + 1)
    return archive


def _pdf_name(raw):
    """A PDF name with its ``#xx`` escapes decoded."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)


def _pdf_has_active_names(chunk):
    return any(_pdf_name(m.group(1)) in PDF_ACTIVE_NAMES for m in PDF_NAME.finditer(chunk))


def _pdf_object_streams(data):
    """The decompressed contents of a PDF's object streams (``/Type /ObjStm``), where a
    PDF 1.5+ may keep dictionaries, actions included, out of sight of a plain scan."""
    budget = PDF_INFLATE_BUDGET
    for match in PDF_STREAM.finditer(data):
        header = data[max(0, match.start() - 512) : match.start()]
        header = header[header.rfind(b"<<") :] if b"<<" in header else header
        if b"ObjStm" not in _pdf_name(header):
            continue
        end = data.find(b"endstream", match.end())
        chunk = data[match.end() : end if end != -1 else len(data)]
        try:
            inflated = zlib.decompressobj().decompress(chunk, budget)
        except zlib.error:
            continue  # not Flate: it was scanned as it is, with the rest of the file
        budget -= len(inflated)
        yield inflated
        if budget <= 0:
            return


def check_pdf(data):
    if _pdf_has_active_names(data) or any(_pdf_has_active_names(chunk) for chunk in _pdf_object_streams(data)):
        raise _error("pdf_active")


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
    if extension in {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}:
        return
    # Markup anywhere in the file: every marker in the first KB (what a browser sniffs) and
    # in text formats, the unambiguous ones in the rest of a binary file.
    text_format = extension in {"rtf", "txt", "csv"}
    if HTML_PATTERN.search(head) or (HTML_PATTERN if text_format else BINARY_HTML_PATTERN).search(data):
        raise _error("html")
    if extension == "pdf":
        check_pdf(data)


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
    elif image_format == "JPEG":
        end = _jpeg_end(data)
        while end is not None and end < len(data):  # further complete pictures (MPF) only
            end = _jpeg_end(data, end)
        if end is None:
            raise _error("image_trailing")
    elif image_format == "GIF":
        if _gif_end(data) != len(data):
            raise _error("image_trailing")
    elif image_format == "WEBP":
        riff_end = 8 + int.from_bytes(data[4:8], "little")
        if len(data) > riff_end + (riff_end % 2):
            raise _error("image_trailing")


def _jpeg_end(data, pos=0):
    """Offset just after the EOI marker of the JPEG starting at ``pos``, or None."""
    n = len(data)
    if data[pos : pos + 2] != b"\xff\xd8":
        return None
    pos += 2
    while pos < n:
        if data[pos] != 0xFF:
            return None
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return pos
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        if pos + 2 > n:
            return None
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            return None
        pos += length
        if marker == 0xDA:  # entropy-coded data up to the next real marker
            while True:
                pos = data.find(b"\xff", pos)
                if pos == -1 or pos + 1 >= n:
                    return None
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos += 2
                elif following == 0xFF:
                    pos += 1
                else:
                    break
    return None


def _gif_end(data):
    """Offset just after a GIF's trailer (``;``), or None when the blocks do not end in one."""
    n = len(data)
    if n < 13:
        return None

    def color_table(flags):
        return 3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0

    def sub_blocks(pos):
        while pos < n:
            size = data[pos]
            pos += 1
            if size == 0:
                return pos
            pos += size
        return None

    pos = 13 + color_table(data[10])
    while pos is not None and pos < n:
        block = data[pos]
        if block == 0x3B:
            return pos + 1
        if block == 0x21:  # extension: label, then sub-blocks
            pos = sub_blocks(pos + 2)
        elif block == 0x2C:  # image: descriptor, local colour table, LZW size, sub-blocks
            if pos + 10 > n:
                return None
            pos = sub_blocks(pos + 10 + color_table(data[pos + 9]) + 1)
        else:
            return None
    return None


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

    def _post_clean(self):
        # Wagtail's Document.clean() runs Django's FileExtensionValidator and adds its
        # English "File extension “…” is not allowed" under "file" (even for the empty
        # file left when clean_file refused the upload). clean_file checks the same
        # extensions, with a Vietnamese message, so what the model adds is dropped.
        own = list(self._errors.get("file", [])) if self._errors else []
        super()._post_clean()
        if own:
            self._errors["file"] = self.error_class(own)


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
            # Django's FileExtensionValidator (Wagtail's default validator) in Vietnamese.
            field.validators = [
                FileExtensionValidator(
                    get_allowed_image_extensions(),
                    message=MESSAGES["image_extension"]
                    % {
                        "supported_formats": formats,
                    },
                )
            ]

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_image_bytes(_read_all(uploaded), uploaded.name)
        return uploaded
