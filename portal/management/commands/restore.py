"""Bring back a site saved by ``manage.py backup`` into an empty database.

    manage.py restore /var/backups/portal-2026-11-29.tar.gz

Runs the migrations, empties the tables the migrations filled (root page, default site…),
loads ``database.json`` in one transaction, puts the media files back (checking each
file's SHA-256 against the manifest), then rebuilds the search index. It refuses to
overwrite a database that already has users or pages unless ``--replace`` is given.

Works the same on every Python 3.11 (Debian 12 ships 3.11.2, whose
``TarFile.extractall()`` has no ``filter=``): members are checked and written by this
command itself — regular files and folders only, no absolute paths, no ``..``, no links —
with the permissions of the folder they go to, never the archive's. Restored media files
and folders belong to the owner of ``MEDIA_ROOT`` (when run as root, they are given to
it), so the app server can still replace them. At the end the restored database is
counted model by model and every media file hashed again against the manifest.
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from .backup import FORMAT


def safe_member(member):
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not member.name.strip("/."):
        return False
    return member.isfile() or member.isdir()


def extract(tar, members, target):
    """Write ``members`` (already checked by ``safe_member``) under ``target``: the data
    only, no owner, mode or times from the archive."""
    target = Path(target).resolve()
    for member in members:
        path = (target / member.name).resolve()
        if target not in path.parents:
            raise CommandError(f"Tệp sao lưu có đường dẫn không an toàn: {member.name}")
        if member.isdir():
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        with source, open(path, "xb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)


def give_to_owner_of(root, paths):
    """As root, hand restored files and folders to the owner of ``root`` (the service
    user), as they would be had the app written them."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    info = Path(root).stat()
    for path in paths:
        os.chown(path, info.st_uid, info.st_gid, follow_symlinks=False)


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp tải lên từ tệp sao lưu .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--replace", action="store_true", help="xoá dữ liệu hiện có trước khi khôi phục (cẩn thận!)"
        )
        parser.add_argument("--skip-index", action="store_true", help="không dựng lại chỉ mục tìm kiếm")

    def handle(self, archive, database, replace, skip_index, **options):
        archive = Path(archive)
        if not archive.is_file():
            raise CommandError(f"Không tìm thấy tệp sao lưu {archive}.")
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp, tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            unsafe = [m.name for m in members if not safe_member(m)]
            if unsafe:
                raise CommandError(f"Tệp sao lưu có đường dẫn không an toàn: {unsafe[:3]}")
            extract(tar, members, tmp)
            tmp = Path(tmp)
            manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT:
                raise CommandError(f"Định dạng sao lưu không hỗ trợ: {manifest.get('format')!r}")
            for name, meta in manifest["media"].items():
                data = (tmp / "media" / name).read_bytes()
                if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
                    raise CommandError(f"Tệp {name} trong bản sao lưu bị hỏng (sai kích thước hoặc mã băm).")

            self.check_empty(database, replace)
            call_command("migrate", database=database, interactive=False, verbosity=0)
            with transaction.atomic(using=database):
                # Remove what the migrations created (root page, default site, locale,
                # groups…): the archive has the site's own versions of them.
                call_command("flush", database=database, interactive=False, verbosity=0)
                self.clear_search_index(database)
                call_command("loaddata", str(tmp / "permissions.json"), database=database, verbosity=0)
                # portal-json is read by Django's own JSON reader (same layout).
                call_command("loaddata", str(tmp / "database.json"), database=database, verbosity=0)

            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            created = []
            for name in manifest["media"]:
                target = media_root / name
                for folder in reversed(target.relative_to(media_root).parents[:-1]):
                    if not (media_root / folder).is_dir():
                        (media_root / folder).mkdir()
                        created.append(media_root / folder)
                shutil.copyfile(tmp / "media" / name, target)
                created.append(target)
            give_to_owner_of(media_root, created)

        if not skip_index:
            call_command("update_index", verbosity=0)
        self.verify(manifest, database)
        total = sum(manifest["objects"].values())
        self.stdout.write(f"Đã khôi phục {total} bản ghi và {len(manifest['media'])} tệp từ {archive}.")

    def verify(self, manifest, database):
        """The restored database and media match the archive's manifest."""
        from django.apps import apps

        wrong = []
        for label, expected in manifest["objects"].items():
            model = apps.get_model(label)
            found = model._base_manager.using(database).count()
            if label == "auth.permission":
                found = min(found, expected)  # migrate may add permissions of newer models
            if found != expected:
                wrong.append(f"{label}: {found} ≠ {expected}")
        media_root = Path(settings.MEDIA_ROOT)
        for name, meta in manifest["media"].items():
            path = media_root / name
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != meta["sha256"]:
                wrong.append(f"media/{name}")
        if wrong:
            raise CommandError("Khôi phục không khớp với bản sao lưu: " + "; ".join(wrong[:10]))
        self.stdout.write(
            f"Kiểm tra: cơ sở dữ liệu và {len(manifest['media'])} tệp khớp với bản sao lưu "
            f"({len(manifest['objects'])} loại dữ liệu)."
        )

    def clear_search_index(self, database):
        """``flush`` leaves SQLite's full-text table behind; stale rows there collide with
        the rebuilt index."""
        from django.apps import apps

        for label in ("wagtailsearch.sqliteftsindexentry", "wagtailsearch.indexentry"):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            model.objects.using(database).all()._raw_delete(database)

    def check_empty(self, database, replace):
        from django.db import connections
        from wagtail.models import Page

        tables = connections[database].introspection.table_names()
        if get_user_model()._meta.db_table not in tables or Page._meta.db_table not in tables:
            return  # a brand-new database: migrate will create everything
        has_users = get_user_model().objects.using(database).exists()
        has_pages = Page.objects.using(database).count() > 2  # more than root + Wagtail's welcome page
        if (has_users or has_pages) and not replace:
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu (người dùng hoặc trang). Khôi phục vào một cơ sở dữ liệu trống, "
                "hoặc thêm --replace để xoá dữ liệu hiện có."
            )
