"""The register's search form, read from the query string.

Every search is a URL (``?q=57/KH-SNV&loai=KH&nam=2024…``). Whatever a visitor (or a
robot) puts there, the register answers with a page: a value it does not understand is
named in a Vietnamese message (HTTP 400) instead of an error.
"""

import datetime
import re
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from documents.document_numbers import normalise
from documents.models import Validity
from documents.register import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, Criteria
from portal.core.params import parse_int
from portal.search.text import parse_query

MAX_VALUE_LENGTH = 255
PARAMS = ("q", "loai", "co_quan", "linh_vuc", "nguoi_ky", "tinh_trang", "nam", "tu_ngay", "den_ngay", "sap_xep")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value):
    """``2024-03-05`` or ``05/03/2024`` as a date, else None."""
    match = _ISO.fullmatch(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.fullmatch(value)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class RegisterFilters:
    def __init__(self, params, choices):
        self.choices = choices
        self.raw = {}
        self.errors = []
        self.criteria = Criteria()
        for name in PARAMS:
            value = normalise(params.get(name) or "")[:MAX_VALUE_LENGTH]
            if value:
                self.raw[name] = value
        self._parse()

    def _bad(self, message, value):
        self.errors.append(message % {"value": value})

    def _parse(self):
        raw, criteria, choices = self.raw, self.criteria, self.choices
        criteria.query = parse_query(raw.get("q", ""))
        if raw.get("q") and criteria.query.is_empty:
            self.errors.append(
                _("Từ khóa không có chữ hoặc số nào để tìm. Hãy nhập số ký hiệu hoặc từ trong trích yếu.")
            )
        if "loai" in raw:
            if raw["loai"] in dict(choices["kinds"]):
                criteria.kind = raw["loai"]
            else:
                self._bad(_("Loại văn bản “%(value)s” không có trong sổ; hãy chọn trong danh sách."), raw["loai"])
        if "co_quan" in raw:
            if raw["co_quan"] in choices["bodies"]:
                criteria.issuing_body = raw["co_quan"]
            else:
                self._bad(
                    _("Cơ quan ban hành “%(value)s” không có trong sổ; hãy chọn trong danh sách."), raw["co_quan"]
                )
        if "linh_vuc" in raw:
            topic = parse_int(raw["linh_vuc"], minimum=1)
            if topic in dict(choices["topics"]):
                criteria.topic_id = topic
            else:
                self._bad(_("Lĩnh vực “%(value)s” không có trong sổ; hãy chọn trong danh sách."), raw["linh_vuc"])
        if "nguoi_ky" in raw:
            if raw["nguoi_ky"] in choices["signers"]:
                criteria.signer = raw["nguoi_ky"]
            else:
                self._bad(_("Người ký “%(value)s” không có trong sổ; hãy chọn trong danh sách."), raw["nguoi_ky"])
        if "tinh_trang" in raw:
            if raw["tinh_trang"] in Validity.values:
                criteria.validity = raw["tinh_trang"]
            else:
                self._bad(
                    _("Tình trạng hiệu lực “%(value)s” không hợp lệ; hãy chọn trong danh sách."), raw["tinh_trang"]
                )
        if "nam" in raw:
            criteria.year = parse_int(raw["nam"], minimum=1900, maximum=2999, max_digits=4)
            if criteria.year is None:
                self._bad(_("Năm “%(value)s” không hợp lệ; hãy nhập năm có bốn chữ số, ví dụ 2024."), raw["nam"])
        for name, attr in (("tu_ngay", "date_from"), ("den_ngay", "date_to")):
            if name in raw:
                value = parse_date(raw[name])
                if value is None:
                    self._bad(
                        _("Ngày “%(value)s” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2024."),
                        raw[name],
                    )
                setattr(criteria, attr, value)
        if criteria.date_from and criteria.date_to and criteria.date_from > criteria.date_to:
            self.errors.append(_("“Từ ngày” phải trước “Đến ngày”."))
        sort = raw.get("sap_xep", "")
        if sort in (SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE):
            criteria.sort = sort
        elif sort:
            self._bad(_("Cách sắp xếp “%(value)s” không hợp lệ."), sort)
        elif not criteria.query.is_empty:
            criteria.sort = SORT_RELEVANCE

    @property
    def active(self):
        return bool(self.raw)

    @property
    def advanced_active(self):
        return any(name in self.raw for name in PARAMS[1:-1])

    def query_string(self, **changes):
        values = {**self.raw, **changes}
        return urlencode({k: v for k, v in values.items() if v})
