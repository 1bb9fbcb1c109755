"""Write the whole site — database and uploaded media — to one .tar.gz archive.

    manage.py backup /var/backups/portal/portal-2026-11-29.tar.gz
    manage.py backup --dir /var/backups/portal --keep 7     # what the daily timer runs

The archive is readable by its owner only (0600): it holds the users' password hashes.
With ``--dir`` the archive is named ``portal-YYYYMMDD-HHMMSS.tar.gz`` and ``--keep N``
then deletes the oldest archives of that name in the folder beyond the newest N.

The archive holds ``manifest.json`` (format, date, object counts and every media file's
size and SHA-256), ``permissions.json`` (by natural key) and ``database.json`` (``dumpdata`` with natural keys for content types and
permissions, so it loads into any fresh database, SQLite or PostgreSQL) and ``media/``.
On PostgreSQL the dump is read in one repeatable-read transaction: a consistent snapshot
while editors keep working. Sessions and the search index are left out (the index is
rebuilt by ``restore``). ``manage.py restore`` brings an archive back.
"""

import hashlib
import json
import os
import re
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

FORMAT = "portal-backup/1"
SERIALIZATION_FORMAT = "portal-json"  # settings.SERIALIZATION_MODULES -> portal/core/backup_format.py
ARCHIVE_NAME = re.compile(r"^portal-\d{8}-\d{6}\.tar\.gz$")
EXCLUDE = [
    "contenttypes",  # recreated by migrate; referenced by natural key
    "auth.permission",  # written apart, by natural key (permissions.json)
    "sessions",
    "wagtailsearch.indexentry",  # the search index: rebuilt by restore (update_index)
    "wagtailsearch.sqliteftsindexentry",
    "wagtailadmin.editingsession",  # who has an editor open right now
]


def existing(labels):
    """The labels that exist here (SQLite's full-text model only exists on SQLite)."""
    from django.apps import apps

    found = []
    for label in labels:
        try:
            apps.get_app_config(label) if "." not in label else apps.get_model(label)
        except LookupError:
            continue
        found.append(label)
    return found


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    files = []
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                files.append(path)
    return sorted(files)


def prune(folder, keep):
    """Delete the archives named ``portal-YYYYMMDD-HHMMSS.tar.gz`` in ``folder`` beyond the
    newest ``keep`` (names sort by date); other files are never touched."""
    archives = sorted(p for p in folder.iterdir() if p.is_file() and ARCHIVE_NAME.match(p.name))
    removed = archives[:-keep] if keep else []
    for path in removed:
        path.unlink()
    return removed


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="đường dẫn tệp .tar.gz sẽ tạo")
        parser.add_argument(
            "--dir", help="thư mục chứa bản sao lưu; tên tệp portal-YYYYMMDD-HHMMSS.tar.gz (khi không ghi tệp)"
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="với --dir: chỉ giữ N bản sao lưu mới nhất trong thư mục (0 = giữ hết)"
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--no-media", action="store_true", help="chỉ sao lưu cơ sở dữ liệu")

    def handle(self, archive, database, no_media, **options):
        folder, keep = options.get("dir"), options.get("keep") or 0
        if bool(archive) == bool(folder):
            raise CommandError("Ghi một tệp sao lưu hoặc --dir THƯ_MỤC (không cả hai).")
        if keep < 0:
            raise CommandError("--keep phải là số không âm.")
        if folder:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            archive = Path(folder) / f"portal-{stamp}.tar.gz"
        archive = Path(archive)
        if archive.exists() and archive.is_dir():
            raise CommandError(f"{archive} là một thư mục.")
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
            dump = Path(tmp) / "database.json"
            permissions = Path(tmp) / "permissions.json"
            self.dump_database(dump, permissions, database)
            counts = Counter()
            for path in (permissions, dump):
                with open(path, encoding="utf-8") as handle:
                    counts.update(obj["model"] for obj in json.load(handle))
            files = [] if no_media else media_files(settings.MEDIA_ROOT)
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database_vendor": connections[database].vendor,
                "objects": dict(sorted(counts.items())),
                "media": {
                    str(path.relative_to(settings.MEDIA_ROOT)): {"size": path.stat().st_size, "sha256": sha256(path)}
                    for path in files
                },
            }
            manifest_path = Path(tmp) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            partial = archive.with_name(archive.name + ".partial")
            partial.unlink(missing_ok=True)
            # Owner-only from the first byte (password hashes, unpublished drafts).
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                tar.add(manifest_path, arcname="manifest.json")
                tar.add(permissions, arcname="permissions.json")
                tar.add(dump, arcname="database.json")
                for path in files:
                    tar.add(path, arcname=f"media/{path.relative_to(settings.MEDIA_ROOT).as_posix()}", recursive=False)
            os.replace(partial, archive)  # never leave a half-written archive under the real name
        self.stdout.write(
            f"Đã sao lưu {sum(counts.values())} bản ghi và {len(files)} tệp vào {archive} "
            f"({archive.stat().st_size:,} byte)."
        )
        if folder and keep:
            for old in prune(Path(folder), keep):
                self.stdout.write(f"Đã xoá bản sao lưu cũ {old}")

    def dump_database(self, path, permissions_path, database):
        connection = connections[database]
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=database):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                database=database,
                natural_foreign=True,
                use_base_manager=True,
                exclude=existing(EXCLUDE),
                format=SERIALIZATION_FORMAT,
                output=str(path),
                verbosity=0,
            )
            # Permissions by natural key only: migrate recreates most of them with other
            # ids; some (added by data migrations) only come back from here.
            call_command(
                "dumpdata",
                "auth.permission",
                database=database,
                natural_foreign=True,
                natural_primary=True,
                output=str(permissions_path),
                verbosity=0,
            )
