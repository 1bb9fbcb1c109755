"""Import procedures from the public-service portal's list (CSV or XLSX export).

The header row is found among the first rows (exports often start with a title) by its
column names, compared folded (``Mã TTHC`` = ``ma tthc``). Each data row is checked;
a bad row is reported in Vietnamese with its row number and skipped, the good rows are
created or updated by their code. Running the same file again changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.search.text import fold
from procedures.models import (
    NATIONAL_HOST,
    PROVINCIAL_HOST,
    Level,
    Procedure,
    ProcedureField,
    code_validator,
    url_problem,
)

MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 15

# Column -> folded header names the exports use.
COLUMNS = {
    "code": ["ma thu tuc", "ma tthc", "ma so thu tuc", "ma so", "ma"],
    "name": ["ten thu tuc", "ten tthc", "ten thu tuc hanh chinh", "thu tuc hanh chinh", "ten"],
    "field": ["linh vuc", "ten linh vuc"],
    "level": ["muc do", "muc do dvc", "muc do dvctt", "dich vu cong truc tuyen", "muc do dich vu cong", "loai dvc"],
    "agency": ["co quan thuc hien", "co quan giai quyet", "don vi thuc hien", "co quan"],
    "provincial_url": ["duong dan cong dvc tinh", "link cong dvc tinh", "dvc tinh", "cong dvc tinh", "url tinh"],
    "national_url": [
        "duong dan cong dvc quoc gia",
        "link cong dvc quoc gia",
        "dvc quoc gia",
        "cong dvc quoc gia",
        "url quoc gia",
    ],
}
LEVELS = {
    "toan trinh": Level.FULL,
    "dvc truc tuyen toan trinh": Level.FULL,
    "dich vu cong truc tuyen toan trinh": Level.FULL,
    "muc do 4": Level.FULL,
    "muc 4": Level.FULL,
    "4": Level.FULL,
    "mot phan": Level.PARTIAL,
    "dvc truc tuyen mot phan": Level.PARTIAL,
    "dich vu cong truc tuyen mot phan": Level.PARTIAL,
    "muc do 3": Level.PARTIAL,
    "muc 3": Level.PARTIAL,
    "3": Level.PARTIAL,
    "cung cap thong tin": Level.INFORMATION,
    "cung cap thong tin truc tuyen": Level.INFORMATION,
    "thong tin": Level.INFORMATION,
    "muc do 2": Level.INFORMATION,
    "muc 2": Level.INFORMATION,
    "2": Level.INFORMATION,
}


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    fields_created: int = 0
    errors: list = field(default_factory=list)  # (row number, message)
    fatal: str = ""

    @property
    def ok(self):
        return not self.fatal

    def lines(self):
        if self.fatal:
            return [self.fatal]
        out = [
            _("Thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s thủ tục; %(errors)s dòng lỗi.")
            % {
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "errors": len(self.errors),
            }
        ]
        out += [_("Dòng %(row)s: %(message)s") % {"row": row, "message": message} for row, message in self.errors]
        return out


class ImportError_(Exception):
    pass


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_rows(data, name):
    """The rows of a CSV (UTF-8, comma or semicolon) or XLSX file, as lists of strings."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        from portal.security.uploads import check_zip

        try:
            check_zip(data, expect="xlsx")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the same answer
            raise ImportError_(_("Không đọc được tệp Excel (XLSX): tệp hỏng hoặc không phải XLSX.")) from exc
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_text(v) for v in row])
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                break
        book.close()
        return rows
    if lower.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportError_(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        return [[_text(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ImportError_(_("Chỉ nhận tệp CSV hoặc Excel (XLSX) xuất từ Cổng Dịch vụ công."))


def find_header(rows):
    """``(row index, {column: position})`` of the header row, or raise."""
    for number, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for position, cell in enumerate(row):
            key = fold(cell).strip(" :*")
            key = " ".join(key.split())
            for column, names in COLUMNS.items():
                if column not in found and key in names:
                    found[column] = position
        if "code" in found and "name" in found:
            return number, found
    raise ImportError_(
        _("Không tìm thấy dòng tiêu đề có cột “Mã thủ tục” và “Tên thủ tục” trong %(n)s dòng đầu của tệp.")
        % {"n": HEADER_SEARCH_ROWS}
    )


def _cell(row, columns, name):
    position = columns.get(name)
    return row[position].strip() if position is not None and position < len(row) else ""


def check_row(row, columns, default_field=""):
    """``(values, None)`` for a good row, ``(None, message)`` for a bad one."""
    from django.core.exceptions import ValidationError

    code = _cell(row, columns, "code")
    name = _cell(row, columns, "name")
    field_name = _cell(row, columns, "field") or default_field
    if not code:
        return None, _("thiếu mã thủ tục.")
    try:
        code_validator(code)
    except ValidationError:
        return None, _("mã thủ tục “%(code)s” không đúng dạng (ví dụ: 1.005384).") % {"code": code[:40]}
    if not name:
        return None, _("thủ tục %(code)s thiếu tên thủ tục.") % {"code": code}
    if len(name) > 1000:
        return None, _("tên thủ tục %(code)s dài quá 1000 ký tự.") % {"code": code}
    if not field_name:
        return None, _("thủ tục %(code)s thiếu lĩnh vực.") % {"code": code}
    raw_level = _cell(row, columns, "level")
    level = LEVELS.get(" ".join(fold(raw_level).split())) if raw_level else Level.INFORMATION
    if level is None:
        return None, _(
            "mức độ “%(level)s” của thủ tục %(code)s không rõ (dùng: Toàn trình, Một phần, Cung cấp thông tin)."
        ) % {"level": raw_level[:60], "code": code}
    values = {
        "code": code,
        "name": name,
        "field_name": field_name[:255],
        "level": level,
        "agency": _cell(row, columns, "agency")[:255] or "Sở Nội vụ tỉnh Kon Tum",
        "provincial_url": _cell(row, columns, "provincial_url"),
        "national_url": _cell(row, columns, "national_url"),
    }
    for key, host, label in (
        ("provincial_url", PROVINCIAL_HOST, _("Cổng Dịch vụ công tỉnh")),
        ("national_url", NATIONAL_HOST, _("Cổng Dịch vụ công quốc gia")),
    ):
        problem = url_problem(values[key], host, label) if values[key] else None
        if problem or len(values[key]) > 1000:
            return None, _("thủ tục %(code)s: %(problem)s") % {"code": code, "problem": problem or label}
    return values, None


def import_file(data, name, *, user=None, dry_run=False, default_field=""):
    report = Report()
    try:
        rows = read_rows(data, name)
        header, columns = find_header(rows)
    except ImportError_ as exc:
        report.fatal = str(exc)
        return report
    body = rows[header + 1 :]
    if len(body) > MAX_ROWS:
        report.fatal = _("Tệp có hơn %(n)s dòng; hãy chia nhỏ tệp.") % {"n": MAX_ROWS}
        return report
    if "field" not in columns and not default_field:
        report.fatal = _("Tệp không có cột “Lĩnh vực”.")
        return report

    good, seen = [], {}
    for offset, row in enumerate(body):
        number = header + offset + 2  # 1-based, as the spreadsheet shows it
        if not any(cell.strip() for cell in row):
            continue
        values, message = check_row(row, columns, default_field)
        if message:
            report.errors.append((number, message))
            continue
        if values["code"] in seen:
            report.errors.append(
                (
                    number,
                    _("mã thủ tục %(code)s đã có ở dòng %(first)s; bỏ qua dòng này.")
                    % {"code": values["code"], "first": seen[values["code"]]},
                )
            )
            continue
        seen[values["code"]] = number
        good.append(values)

    with transaction.atomic():
        _save(good, report, user)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _save(good, report, user):
    fields = {f.name.casefold(): f for f in ProcedureField.objects.all()}
    existing = {p.code: p for p in Procedure.objects.filter(code__in=[v["code"] for v in good])}
    compared = ("name", "level", "agency", "provincial_url", "national_url")
    for values in good:
        key = values["field_name"].casefold()
        procedure_field = fields.get(key)
        if procedure_field is None:
            procedure_field = ProcedureField.objects.create(name=values["field_name"], sort_order=len(fields) + 1)
            fields[key] = procedure_field
            report.fields_created += 1
            log(instance=procedure_field, action="wagtail.create", user=user)
        procedure = existing.get(values["code"])
        if procedure is None:
            procedure = Procedure(code=values["code"], field=procedure_field, **{k: values[k] for k in compared})
            procedure.save()
            report.created += 1
            log(instance=procedure, action="wagtail.create", user=user)
            continue
        changed = procedure.field_id != procedure_field.pk or not procedure.active
        changed |= any(getattr(procedure, k) != values[k] for k in compared)
        if not changed:
            report.unchanged += 1
            continue
        for k in compared:
            setattr(procedure, k, values[k])
        procedure.field = procedure_field
        procedure.active = True
        procedure.save()
        report.updated += 1
        log(instance=procedure, action="wagtail.edit", user=user)
