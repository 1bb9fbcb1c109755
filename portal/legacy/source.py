"""Read the old site's export one record at a time (JSON lines or CSV).

Nothing is accumulated: ``iter_records`` is a generator over the open file, so memory
stays flat whatever the size of the export. The format is documented in the README
(section "Biên tập").
"""

import csv
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


class BadRecord(Exception):
    """A record that cannot be imported; ``reason`` says why, in Vietnamese."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Attachment:
    path: str
    title: str


@dataclass
class LegacyItem:
    line: int
    kind: str
    source_id: str
    title: str
    url: str = ""
    date: datetime.datetime | None = None
    body: str = ""
    views: int = 0
    attachments: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    checksum: str = ""

    @property
    def label(self):
        return f"{self.kind} {self.source_id}"


@dataclass
class RawRecord:
    """One line/row of the export, parsed or not (``error`` says why not)."""

    line: int
    data: dict | None
    text: str
    error: str = ""


def detect_format(path):
    suffix = Path(path).suffix.lower()
    return "csv" if suffix == ".csv" else "jsonl"


def count_records(path, fmt=None):
    """How many records the export holds (one quick pass, nothing kept)."""
    fmt = fmt or detect_format(path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if fmt == "csv":
            return sum(1 for _row in csv.DictReader(fh))
        return sum(1 for line in fh if line.strip())


def iter_records(path, fmt=None):
    """Yield a :class:`RawRecord` per line (JSON lines) or row (CSV)."""
    fmt = fmt or detect_format(path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if fmt == "csv":
            reader = csv.DictReader(fh)
            for row in reader:
                line = reader.line_num
                data = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if data.get("attachments"):
                    data["attachments"] = [p.strip() for p in data["attachments"].split("|") if p.strip()]
                text = json.dumps(data, ensure_ascii=False, sort_keys=True)
                yield RawRecord(line, data, text)
            return
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as exc:
                yield RawRecord(number, None, line, _("JSON hỏng (%(error)s)") % {"error": exc})
                continue
            if not isinstance(data, dict):
                yield RawRecord(number, None, line, _("bản ghi không phải một đối tượng JSON"))
                continue
            yield RawRecord(number, data, line)


def parse_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)
    text = str(value).strip()
    parsed = None
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        for fmt in DATE_FORMATS:
            try:
                parsed = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise BadRecord(_("ngày không hợp lệ: “%(value)s”") % {"value": text[:40]})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)  # the old site's times are local (Asia/Ho_Chi_Minh)
    return parsed


def parse_views(value):
    if value in (None, ""):
        return 0
    try:
        views = int(str(value).replace(".", "").replace(",", "").strip())
    except ValueError:
        raise BadRecord(_("lượt xem không phải số: “%(value)s”") % {"value": str(value)[:40]}) from None
    if views < 0:
        raise BadRecord(_("lượt xem âm: %(value)s") % {"value": views})
    return views


def parse_attachments(value):
    if not value:
        return []
    if not isinstance(value, list):
        raise BadRecord(_("danh sách tệp đính kèm không hợp lệ"))
    attachments = []
    for entry in value:
        if isinstance(entry, str):
            path, title = entry, ""
        elif isinstance(entry, dict) and isinstance(entry.get("path"), str):
            path, title = entry["path"], str(entry.get("title") or "")
        else:
            raise BadRecord(_("tệp đính kèm không hợp lệ: %(entry)s") % {"entry": str(entry)[:60]})
        attachments.append(Attachment(path=path.strip(), title=title.strip()))  # "" = the document's own title
    return attachments


def parse_record(raw):
    """Validate a raw record; returns a :class:`LegacyItem` or raises :class:`BadRecord`."""
    if raw.error:
        raise BadRecord(raw.error)
    data = raw.data
    kind = str(data.get("type") or "").strip().lower()
    source_id = str(data.get("id") or "").strip()
    title = " ".join(str(data.get("title") or "").split())
    if not kind:
        raise BadRecord(_("thiếu loại bản ghi (type)"))
    if not source_id:
        raise BadRecord(_("thiếu mã bản ghi (id)"))
    if not title:
        raise BadRecord(_("thiếu tiêu đề"))
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise BadRecord(_("nội dung (body) không phải chuỗi HTML"))
    return LegacyItem(
        line=raw.line,
        kind=kind,
        source_id=source_id,
        title=title,
        url=str(data.get("url") or "").strip(),
        date=parse_date(data.get("date")),
        body=body,
        views=parse_views(data.get("views")),
        attachments=parse_attachments(data.get("attachments")),
        data=data,
        checksum=hashlib.sha256(raw.text.strip().encode("utf-8")).hexdigest(),
    )
