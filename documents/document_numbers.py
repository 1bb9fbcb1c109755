"""Official document numbers (số, ký hiệu) as Nghị định 30/2020/NĐ-CP writes them.

``57/KH-SNV`` (number / type code - issuing body), ``3510/KH-UBND``, legal documents with
their year ``42/2022/NĐ-CP``, and a công văn without a type code ``4836/SNV-TCBC``.
Everything is compared after Unicode NFC normalisation: text pasted from Word or a PDF
often carries decomposed Vietnamese letters that look the same but compare differently.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    """Document types and their codes (Phụ lục III, Nghị định 30/2020/NĐ-CP)."""

    # One plan ("Document type: Plan"), not the section "Kế hoạch" (Plans).
    KE_HOACH = "KH", pgettext_lazy("loại văn bản", "Kế hoạch")
    NGHI_QUYET = "NQ", _("Nghị quyết")
    QUYET_DINH = "QĐ", _("Quyết định")
    CHI_THI = "CT", _("Chỉ thị")
    QUY_CHE = "QC", _("Quy chế")
    THONG_BAO = "TB", _("Thông báo")
    HUONG_DAN = "HD", _("Hướng dẫn")
    CHUONG_TRINH = "CTr", _("Chương trình")
    PHUONG_AN = "PA", _("Phương án")
    DE_AN = "ĐA", _("Đề án")
    BAO_CAO = "BC", _("Báo cáo")
    TO_TRINH = "TTr", _("Tờ trình")
    CONG_DIEN = "CĐ", _("Công điện")
    GIAY_MOI = "GM", _("Giấy mời")
    CONG_VAN = "CV", _("Công văn")


#: Codes that may appear in a number; a công văn carries none.
TYPE_CODES = {choice.value for choice in DocumentType if choice != DocumentType.CONG_VAN}

# One part of a ký hiệu: starts with a capital letter (Đ included), then letters and
# digits, e.g. KH, SNV, UBND, NĐ, CP, TTg, QH15, BNV.
_PART = r"[A-ZĐ][A-Za-zĐđ0-9]*"
NUMBER_RE = re.compile(
    rf"^(?P<number>\d{{1,6}}[a-z]?)(?:/(?P<year>(?:19|20)\d{{2}}))?/(?P<first>{_PART})(?P<rest>(?:-{_PART})*)$"
)

MALFORMED = _(
    "Số ký hiệu không đúng định dạng. Viết theo mẫu “57/KH-SNV”, “3510/KH-UBND”, "
    "“42/2022/NĐ-CP” hoặc, với công văn, “4836/SNV-TCBC”: số, dấu “/”, (năm và dấu “/” nếu có), "
    "rồi ký hiệu viết hoa nối bằng dấu “-”, không có khoảng trắng."
)


def normalise(value):
    """NFC, surrounding whitespace removed (``None`` stays ``None``)."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value)).strip()


def parse(value):
    """The parts of a well-formed number, or ``None``."""
    match = NUMBER_RE.match(normalise(value) or "")
    if match is None:
        return None
    parts = match.groupdict()
    parts["rest"] = [p for p in parts["rest"].split("-") if p]
    return parts


def validate_document_number(value):
    if parse(value) is None:
        raise ValidationError(MALFORMED, code="invalid_document_number")


def _kind_facts(code):
    """(label, carries its code in the number) of the document type ``code``: the editors'
    list (``documents.DocumentKind``) first, else the Nghị định 30/2020 list above."""
    from documents.models import DocumentKind

    kind = DocumentKind.objects.filter(code=code).only("name", "code_in_number").first()
    if kind is not None:
        return kind.name, kind.code_in_number
    try:
        choice = DocumentType(code)
    except ValueError:
        return code, True
    return choice.label, choice != DocumentType.CONG_VAN


def type_code_mismatch(number, document_type):
    """A Vietnamese error message when ``number`` and ``document_type`` disagree, else ``None``.

    ``57/QĐ-SNV`` is a Quyết định, not a Kế hoạch; a công văn's number has no type code
    (``4836/SNV-TCBC``); a typed document's number does (``57/KH-SNV``).
    """
    parts = parse(number)
    if parts is None or not document_type:
        return None
    first = parts["first"]
    label, code_in_number = _kind_facts(document_type)
    if not code_in_number:
        if first in TYPE_CODES and parts["rest"]:
            return _(
                "Công văn không có mã loại văn bản trong số ký hiệu (ví dụ “4836/SNV-TCBC”), nhưng số này có mã “%(code)s”."
            ) % {"code": first}
        return None
    if first != document_type:
        return _(
            "Số ký hiệu phải có mã loại “%(code)s” của %(label)s (ví dụ “57/%(code)s-SNV”), nhưng đang là “%(found)s”."
        ) % {
            "code": document_type,
            "label": str(label).lower(),
            "found": first,
        }
    return None


def search_terms(value):
    """The number and its parts as separate words, so a search for ``57/KH-SNV``, ``57/KH`` or
    ``SNV`` finds it on every search backend (PostgreSQL's parser keeps ``57/kh-snv`` as one
    token, while queries are split at hyphens)."""
    value = normalise(value) or ""
    if not value:
        return ""
    terms = [value]
    hyphen_parts = value.split("-")
    for i in range(1, len(hyphen_parts)):
        terms.append("-".join(hyphen_parts[:i]))
    terms += [part for part in re.split(r"[/\-]", value) if part]
    slash_parts = value.split("/")
    if len(slash_parts) > 1:
        terms.append(slash_parts[-1])
    return " ".join(dict.fromkeys(terms))
