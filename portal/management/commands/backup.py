"""Write the whole site — database and uploaded media — to one .tar.gz archive.

    manage.py backup /var/backups/portal-2026-11-29.tar.gz

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
SERIALIZATION_FORMAT = "portal-json"  # settings.SERIALIZATION_MODULES -> portal/backup_format.py
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


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="đường dẫn tệp .tar.gz sẽ tạo")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--no-media", action="store_true", help="chỉ sao lưu cơ sở dữ liệu")

    def handle(self, archive, database, no_media, **options):
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
            with tarfile.open(partial, "w:gz") as tar:
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
