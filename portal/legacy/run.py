"""One run of the import over an export file: reads the records, imports each one in its
own transaction (``Importer``), shows a progress bar and counts the outcomes. Used by
``manage.py import_legacy``, the demo's sample import and ``bench/import_bench.py``."""

import re
import time
from collections import Counter
from pathlib import Path

from django.utils.translation import gettext as _

from portal.legacy.importer import Importer
from portal.legacy.source import BadRecord, count_records, iter_records, parse_record
from portal.management.progress import Progress, format_duration

GUESS_ID = re.compile(r'"id"\s*:\s*"?([\w-]{1,64})')


class ImportRun:
    """One pass over an export; usable from the command, the demo loader and other
    importers. ``records``: ``RawRecord``s read by another reader (a content app's
    spreadsheet import) instead of the file at ``path``, which then only locates the
    attachments. ``dry_run``: check every record (fields, type, attachment files) and
    report what is wrong, importing nothing."""

    def __init__(
        self,
        path,
        *,
        mapping=None,
        fmt=None,
        stdout=None,
        stderr=None,
        progress=True,
        notes=True,
        records=None,
        dry_run=False,
    ):
        self.path = Path(path)
        self.fmt = fmt
        self.records = records
        self.dry_run = dry_run
        self.importer = Importer(self.path, mapping=mapping)
        self.stdout = stdout
        self.stderr = stderr
        self.show_progress = progress and stderr is not None
        self.show_notes = notes and stdout is not None
        self.counts = Counter(created=0, updated=0, unchanged=0, skipped=0, checked=0)
        self.skipped = []  # (where, reason): the only list kept, one short line per bad record
        self.notes_count = 0
        self.processed = 0
        self.interrupted = False
        self.seconds = 0.0

    def run(self):
        total = len(self.records) if self.records is not None else count_records(self.path, self.fmt)
        progress = Progress(total, self.stderr) if self.show_progress else None
        started = time.monotonic()
        source = self.records if self.records is not None else iter_records(self.path, self.fmt)
        try:
            for raw in source:
                self._one(raw)
                self.processed += 1
                if progress is not None:
                    progress.update(
                        self.processed,
                        **{
                            _("mới"): self.counts["created"],
                            _("cập nhật"): self.counts["updated"],
                            _("không đổi"): self.counts["unchanged"],
                            _("bỏ qua"): self.counts["skipped"],
                        },
                    )
        except KeyboardInterrupt:
            self.interrupted = True
        finally:
            self.seconds = time.monotonic() - started
            if progress is not None:
                progress.finish()
        return self

    def _one(self, raw):
        where = _("dòng %(line)s") % {"line": raw.line}
        if raw.data and raw.data.get("type") and raw.data.get("id"):
            where = f"{raw.data['type']} {raw.data['id']} ({where})"
        elif raw.error and (found := GUESS_ID.search(raw.text)):
            where = _("%(where)s, có thể là mã %(id)s") % {"where": where, "id": found.group(1)}
        try:
            item = parse_record(raw)
            outcome, notes = self._check(item) if self.dry_run else self.importer.import_item(item)
        except BadRecord as exc:
            self._skip(where, exc.reason)
            return
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the import
            self._skip(where, _("lỗi không lường trước: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"[:300]})
            return
        self.counts[outcome] += 1
        if notes:
            self.notes_count += 1
            if self.show_notes:
                for note in notes:
                    self.stdout.write(f"  {item.label}: {note}")

    def _check(self, item):
        self.importer.target(item.kind)
        missing = self.importer._missing(item)
        if missing:
            raise BadRecord(_("không tìm thấy tệp đính kèm: %(paths)s") % {"paths": ", ".join(missing)})
        return "checked", []

    def _skip(self, where, reason):
        self.counts["skipped"] += 1
        self.skipped.append((where, reason))

    def report(self):
        if self.dry_run:
            lines = [
                _("Chạy thử (không nhập gì): %(n)s bản ghi, %(ok)s bản ghi hợp lệ, %(bad)s bản ghi có lỗi.")
                % {"n": self.processed, "ok": self.counts["checked"], "bad": self.counts["skipped"]}
            ]
            lines += [f"  - {where}: {reason}" for where, reason in self.skipped]
            return "\n".join(lines)
        lines = [
            _(
                "Đã xử lý %(n)s bản ghi trong %(time)s: tạo mới %(created)s, cập nhật %(updated)s, "
                "không đổi %(unchanged)s, bỏ qua %(skipped)s; %(notes)s bản ghi có ghi chú (xem ở trên)."
            )
            % {"n": self.processed, "time": format_duration(self.seconds), "notes": self.notes_count, **self.counts}
        ]
        if self.skipped:
            lines.append(_("Các bản ghi bị bỏ qua (%(n)s):") % {"n": len(self.skipped)})
            lines += [f"  - {where}: {reason}" for where, reason in self.skipped]
        if self.interrupted:
            lines.append(_("Đã dừng theo yêu cầu. Chạy lại cùng lệnh để tiếp tục từ bản ghi chưa nhập."))
        return "\n".join(lines)
