"""The demo's import of the old site's sample export (``portal/demo/legacy/``): what
``manage.py import_legacy`` does with a real export, for the record kinds whose page
models are installed (``legacy_import`` declarations, ``portal.registry``)."""

from pathlib import Path

from django.apps import apps

from portal import registry

SAMPLE = Path(__file__).resolve().parent / "legacy" / "export.jsonl"


def load(home, stdout):
    from portal.legacy.run import ImportRun

    mapping = {}
    for kind, conf in registry.legacy_import_mapping().items():
        try:
            apps.get_model(conf["model"])
        except (LookupError, ValueError, KeyError):
            continue
        mapping[kind] = conf
    if not SAMPLE.exists() or not mapping:
        return
    run = ImportRun(SAMPLE, mapping=mapping).run()
    if run.counts["created"] or run.counts["updated"]:
        stdout.write(
            f"  + Nhập mẫu từ trang cũ: {run.counts['created']} bài mới, {run.counts['updated']} cập nhật, "
            f"{run.counts['skipped']} bản ghi bị bỏ qua"
        )
