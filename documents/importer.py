"""Bulk import of an existing register from a spreadsheet (CSV or XLSX, one row per
document) with its files in a folder or a ZIP: ``manage.py import_documents``.

Each row is checked here (dates that exist, a known type, a well-formed number that
matches its type, no number twice, the files present) and becomes a record of the
legacy importer (``portal.editorial``), which does the rest as for the old site's
export: the progress bar, the dry run, one transaction per row so an interrupted run
resumes where it stopped, and a second run that changes nothing (``LegacyRecord``
keyed by the document's number).
"""

import csv
import datetime
import json
import tempfile
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from documents import document_numbers
from documents.models import DEFAULT_ISSUING_BODY, DocumentKind, DocumentMetadata, Topic, document_models
from portal.legacy.source import RawRecord

KIND = "van-ban"

#: Spreadsheet column (as editors write it, compared folded) -> record key.
COLUMNS = {
    "so ky hieu": "document_number",
    "loai van ban": "document_type",
    "ngay ban hanh": "date",
    "ngay co hieu luc": "effective_date",
    "ngay het hieu luc": "expiry_date",
    "trich yeu": "summary",
    "tieu de": "title",
    "co quan ban hanh": "issuing_body",
    "nguoi ky": "signer",
    "chuc vu nguoi ky": "signer_title",
    "linh vuc": "topics",
    "tep": "attachments",
    "tep dinh kem": "attachments",
}

MAPPING = {
    KIND: {
        "model": "documents.DocumentPage",
        "parent": "documents.DocumentIndexPage",
        "body": "body",
        "fields": {
            "document_number": "document_number",
            "document_type": "document_type",
            "summary": "summary",
            "issuing_body": "issuing_body",
            "signer_name": "signer",
            "signer_title": "signer_title",
            "effective_date": "effective_date",
            "expiry_date": "expiry_date",
        },
        "date_fields": ["issue_date"],
        "attachments": "attachments",
    }
}


def _fold(text):
    from portal.search.text import tokens

    return " ".join(tokens(text))


def read_rows(path):
    """``[(line, {column: text})]`` of a CSV or XLSX file."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, [])]
        found = []
        for number, row in enumerate(rows, start=2):
            if not any(c not in (None, "") for c in row):
                continue
            found.append((number, {h: _cell(v) for h, v in zip(header, row, strict=False) if h}))
        workbook.close()
        return found
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return [(reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k}) for row in reader]


def _cell(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value).strip()


def _date(text):
    """``dd/mm/yyyy`` or ``yyyy-mm-dd`` that exists, else raises ValueError."""
    from documents.filters import parse_date

    value = parse_date(text.strip())
    if value is None:
        raise ValueError(text)
    return value


class RegisterReader:
    """Turns the spreadsheet's rows into the legacy importer's records, each either
    valid or carrying the Vietnamese reason it cannot be imported."""

    def __init__(self, path, files_dir):
        self.path = Path(path)
        self.files_dir = Path(files_dir).resolve()
        kinds = DocumentKind.objects.all()
        self.kinds = {_fold(k.name): k.code for k in kinds} | {_fold(k.code): k.code for k in kinds}
        self.kinds |= {k.code: k.code for k in kinds}
        self.topics = {_fold(t.name): t for t in Topic.objects.all()}
        self.taken = {}
        for model in document_models():
            self.taken.update(dict(model.objects.values_list("document_number", "pk")))
        self.topics_by_number = {}

    def records(self):
        from portal.editorial.models import LegacyRecord

        imported = dict(LegacyRecord.objects.filter(kind=KIND).values_list("source_id", "page_id"))
        seen = {}
        records = []
        for line, row in read_rows(self.path):
            data = {}
            for column, value in row.items():
                key = COLUMNS.get(_fold(column))
                if key:
                    data[key] = value
            problems = self._problems(data, seen, imported, line)
            topics = data.pop("_topics", [])
            if not problems:
                self.topics_by_number[data["document_number"]] = topics
            record = {"type": KIND, "id": data.get("document_number", ""), **data}
            record["title"] = data.get("title") or data.get("summary") or ""
            record["attachments"] = [p.strip() for p in data.get("attachments", "").split("|") if p.strip()]
            text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            records.append(RawRecord(line, record, text, "; ".join(problems)))
        return records

    def _problems(self, data, seen, imported, line):
        problems = []
        number = document_numbers.normalise(data.get("document_number", ""))
        data["document_number"] = number
        if not number:
            problems.append(_("thiếu số ký hiệu"))
        elif document_numbers.parse(number) is None:
            problems.append(_("số ký hiệu “%(number)s” không đúng định dạng (ví dụ 57/KH-SNV)") % {"number": number})
        elif number in seen:
            problems.append(
                _("số ký hiệu “%(number)s” trùng với dòng %(line)s") % {"number": number, "line": seen[number]}
            )
        elif number in self.taken and imported.get(number) != self.taken[number]:
            problems.append(_("số ký hiệu “%(number)s” đã có trong sổ văn bản") % {"number": number})
        if number:
            seen.setdefault(number, line)
        kind = self.kinds.get(_fold(data.get("document_type", ""))) or self.kinds.get(data.get("document_type", ""))
        if not data.get("document_type"):
            problems.append(_("thiếu loại văn bản"))
        elif kind is None:
            problems.append(
                _("loại văn bản “%(kind)s” không có trong danh sách (thêm trong mục Loại văn bản trước)")
                % {"kind": data["document_type"]}
            )
        else:
            data["document_type"] = kind
            if number and document_numbers.parse(number) is not None:
                mismatch = document_numbers.type_code_mismatch(number, kind)
                if mismatch:
                    problems.append(str(mismatch))
        for key, label in (
            ("date", _("ngày ban hành")),
            ("effective_date", _("ngày có hiệu lực")),
            ("expiry_date", _("ngày hết hiệu lực")),
        ):
            value = data.get(key, "")
            if not value:
                if key == "date":
                    problems.append(_("thiếu ngày ban hành"))
                continue
            try:
                data[key] = _date(value).isoformat()
            except ValueError:
                problems.append(
                    _("%(label)s “%(value)s” không phải một ngày có thật") % {"label": label, "value": value}
                )
        data["issuing_body"] = document_numbers.normalise(data.get("issuing_body") or "") or DEFAULT_ISSUING_BODY
        if not data.get("summary"):
            problems.append(_("thiếu trích yếu"))
        names = [n.strip() for n in data.pop("topics", "").split("|") if n.strip()]
        unknown = [n for n in names if _fold(n) not in self.topics]
        if unknown:
            problems.append(_("lĩnh vực không có trong danh sách: %(names)s") % {"names": ", ".join(unknown)})
        data["_topics"] = [self.topics[_fold(n)] for n in names if _fold(n) in self.topics]
        for name in [p.strip() for p in data.get("attachments", "").split("|") if p.strip()]:
            file_path = (self.files_dir / name).resolve()
            if not file_path.is_relative_to(self.files_dir) or not file_path.is_file():
                problems.append(_("không tìm thấy tệp “%(name)s”") % {"name": name})
        return problems

    def set_topics(self):
        """Lĩnh vực of the imported documents (the legacy importer sets plain fields only)."""
        from portal.editorial.models import LegacyRecord

        records = LegacyRecord.objects.filter(kind=KIND, source_id__in=list(self.topics_by_number)).select_related(
            "page"
        )
        for record in records:
            page = record.page.specific if record.page else None
            wanted = self.topics_by_number.get(record.source_id, [])
            if not isinstance(page, DocumentMetadata):
                continue
            if {t.pk for t in page.topics.all()} != {t.pk for t in wanted}:
                page.topics.set(wanted)
                page.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)


def unpack(files):
    """A folder as it is, or a ZIP extracted (safely) into a temporary folder."""
    path = Path(files)
    if path.is_dir():
        return path, None
    temporary = tempfile.TemporaryDirectory(prefix="van-ban-")
    target = Path(temporary.name).resolve()
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            destination = (target / member.filename).resolve()
            if member.is_dir() or not destination.is_relative_to(target):
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(destination, "wb") as out:
                out.write(source.read(50 * 1024 * 1024 + 1)[: 50 * 1024 * 1024])
    return target, temporary
