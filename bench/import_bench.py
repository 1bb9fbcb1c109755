"""Benchmark ``manage.py import_legacy``: records per second and memory for N generated records.

    .venv/bin/python bench/import_bench.py              # 5,000 records, SQLite in a temp dir
    .venv/bin/python bench/import_bench.py --records 500

Standalone: it creates a scratch SQLite database and media folder in a temporary
directory (removed afterwards), migrates it, builds the sections, writes an export of N
generated Vietnamese records (articles with messy HTML, plans with attachments, videos,
1 % corrupt lines) and imports it twice: the first run creates everything, the second
finds every record unchanged (the resume path). It prints records/s, the resident memory
sampled along the first run (flat = the import streams) and the peak RSS.

Set ``BENCH_DATABASE_URL`` to measure on PostgreSQL instead (use a scratch database: it is
migrated and filled).
"""

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "Sở Nội vụ tỉnh Kon Tum triển khai thực hiện nhiệm vụ cải cách hành chính, nâng cao chất lượng phục vụ người dân.",
    "Các phòng, đơn vị thuộc Sở tập trung hoàn thành các chỉ tiêu thi đua đã đăng ký từ đầu năm.",
    "Hội nghị đã thảo luận, thống nhất các giải pháp đẩy mạnh chuyển đổi số trong cơ quan nhà nước.",
]


def page_size_kb():
    return os.sysconf("SC_PAGE_SIZE") / 1024


def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * page_size_kb() / 1024


def generate(path, count):
    """Write ``count`` records, one JSON line each, without holding them in memory."""
    files = path.parent / "files"
    files.mkdir()
    for n in range(3):
        (files / f"phu-luc-{n}.pdf").write_bytes(b"%PDF-1.4\n% tep thu " + str(n).encode() * 200 + b"\n%%EOF\n")
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(1, count + 1):
            if n % 100 == 0:
                fh.write(f'{{"type": "article", "id": {n}, "title": "Bản ghi hỏng\n')
                continue
            kind = "plan" if n % 10 < 3 else ("video" if n % 10 == 9 else "article")
            body = "".join(
                f"<p style='color:red'>{PARAGRAPHS[(n + i) % 3]} <font>Mục {i + 1}</font></p>" for i in range(4)
            ) + (
                "<script>theoDoi()</script><div>Liên hệ: <a href='https://kontum.gov.vn'>kontum.gov.vn</a>"
                if n % 2
                else ""
            )
            record = {
                "type": kind,
                "id": n,
                "url": f"/pages/detail/{n}/bai-viet-so-{n}.html",
                "title": f"{'Kế hoạch' if kind == 'plan' else 'Tin'} số {n}: hoạt động của Sở Nội vụ tỉnh Kon Tum",
                "date": f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2015 + n % 8} 08:{n % 60:02d}",
                "summary": f"Tóm tắt bài số {n}.",
                "body": body,
                "views": n * 7 % 5000,
            }
            if kind == "plan":
                record.update(document_number=f"{n}/KH-SNV", attachments=[f"files/phu-luc-{n % 3}.pdf"])
            if kind == "video":
                record["video_url"] = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_sections():
    """The home page and one section per record type; real content models when they exist."""
    from django.apps import apps
    from wagtail.models import Page, Site

    from portal import registry
    from portal.models import HomePage, StandardPage

    root = Page.get_first_root_node()
    home = HomePage(title="Trang chủ", slug="trang-chu")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    mapping = {}
    for kind, conf in registry.legacy_import_mapping().items():
        try:
            apps.get_model(conf["model"])
            parent_model = apps.get_model(conf["parent"])
            parent = parent_model(title=f"Mục {kind}", slug=f"muc-{kind}")
            home.add_child(instance=parent)
            parent.save_revision().publish()
            mapping[kind] = conf
        except (LookupError, ValueError):
            section = StandardPage(title=f"Mục {kind}", slug=f"muc-{kind}")
            home.add_child(instance=section)
            section.save_revision().publish()
            mapping[kind] = {"model": "portal.StandardPage", "parent": f"/muc-{kind}/", "fields": {"intro": "summary"}}
    return mapping


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    try:
        import django
        from django.conf import settings

        django.setup()
        settings.MEDIA_ROOT = workdir / "media"
        from django.core.management import call_command

        from portal.legacy.importer import Importer
        from portal.legacy.run import ImportRun

        call_command("migrate", verbosity=0)
        mapping = build_sections()
        export = workdir / "legacy" / "export.jsonl"
        export.parent.mkdir()
        generate(export, args.records)
        baseline = rss_mb()

        samples = []
        original = Importer.import_item

        def sampled(self, item):
            result = original(self, item)
            if int(item.source_id) % max(args.records // 10, 1) == 1:
                samples.append((int(item.source_id), rss_mb()))
            return result

        Importer.import_item = sampled
        cpu = time.process_time()
        first = ImportRun(export, mapping=mapping, stderr=sys.stderr).run()
        first_cpu = time.process_time() - cpu
        Importer.import_item = original
        cpu = time.process_time()
        second = ImportRun(export, mapping=mapping, stderr=sys.stderr).run()
        second_cpu = time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        load = os.getloadavg()[0]
        database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
        print()
        print(
            f"import_legacy, {args.records} generated records, {database}, types: {', '.join(sorted(mapping))}; "
            f"load average {load:.1f} on {os.cpu_count()} CPUs"
        )
        print(
            f"  first run:  {first.processed / first.seconds:7.1f} records/s  ({first.seconds:.1f} s; "
            f"CPU {first_cpu:.1f} s = {first.processed / first_cpu:.1f} records per CPU-second; "
            f"created {first.counts['created']}, skipped {first.counts['skipped']})"
        )
        print(
            f"  second run: {second.processed / second.seconds:7.1f} records/s  ({second.seconds:.1f} s; "
            f"CPU {second_cpu:.1f} s; unchanged {second.counts['unchanged']}, created {second.counts['created']})"
        )
        print(f"  ratio second/first: {(second.processed / second.seconds) / (first.processed / first.seconds):.1f}x")
        print(
            f"  RSS before import: {baseline:.0f} MB; during the first run (record: MB): "
            + ", ".join(f"{n}: {mb:.0f}" for n, mb in samples)
        )
        if len(samples) >= 2:
            print(
                f"  RSS growth from record {samples[1][0]} to {samples[-1][0]}: {samples[-1][1] - samples[1][1]:+.1f} MB"
            )
        print(f"  peak RSS: {peak:.0f} MB")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
