"""``manage.py backup`` + ``manage.py restore`` round-trip a whole site into an empty
database (a fresh SQLite file, or a fresh PostgreSQL database when DATABASE_URL is set).

The round trip is deploy/README.md's restore drill: the commands run through
``deploy/portal-manage`` (the service's environment file, the service user), the
restore goes into a second database and media folder, and a second backup of the
restored site must equal the first, object by object and file by file. CI runs this
file with Debian 12's own Python too (3.11.2: no ``filter=`` for tar extraction)."""

import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from hitcount.models import Hit, HitCount
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from portal.models import StandardPage
from tests.test_uploads import pdf_bytes, png_bytes

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_content(home, django_user_model):
    editor = django_user_model.objects.create_user("bientap", "b@example.invalid", "Mật-khẩu-dài-2024!")
    Document = get_document_model()
    doc = Document(title="Kế hoạch số 57/KH-SNV", uploaded_by_user=editor)
    doc.file.save("ke-hoach-57.pdf", ContentFile(pdf_bytes()), save=True)
    get_image_model().objects.create(
        title="Trụ sở", uploaded_by_user=editor, file=ImageFile(io.BytesIO(png_bytes()), name="tru-so.png")
    )
    page = StandardPage(
        title="Kế hoạch thi đua năm 2022",
        slug="ke-hoach-thi-dua",
        intro="Tóm tắt",
        body=[("paragraph", f'<p>Nội dung <b>đậm</b>, <a linktype="document" id="{doc.pk}">tệp</a></p>')],
    )
    home.add_child(instance=page)
    page.save_revision(user=editor).publish()
    page.title = "Kế hoạch thi đua năm 2022 (sửa)"
    page.save_revision(user=editor)  # a draft on top of the live version
    hitcount = HitCount.objects.get_for_object(page)
    Hit.objects.create(hitcount=hitcount, ip="203.0.113.5", session="s" * 32, user_agent="Mozilla/5.0")
    HitCount.objects.filter(pk=hitcount.pk).update(hits=3134)
    return page


def database_env(tmp_path):
    """Environment for a subprocess using a brand-new empty database; returns (env, cleanup)."""
    env = dict(os.environ.items())
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"  # test.py pins MEDIA_ROOT per process
    env["MEDIA_ROOT"] = str(tmp_path / "restored-media")
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        name = f"portal_restore_{uuid.uuid4().hex[:8]}"
        dsn = {
            "host": params["HOST"] or "127.0.0.1",
            "port": params["PORT"] or 5432,
            "user": params["USER"],
            "dbname": "postgres",
        }
        if params.get("PASSWORD"):
            dsn["password"] = params["PASSWORD"]
        with psycopg.connect(**dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{dsn['host']}:{dsn['port']}/{name}"

        def cleanup():
            with psycopg.connect(**dsn, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return env, cleanup
    env.pop("DATABASE_URL", None)
    env["SQLITE_PATH"] = str(tmp_path / "restored.sqlite3")
    return env, lambda: None


DRILL_KEYS = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "MEDIA_ROOT", "SQLITE_PATH")


def manage(env, *args):
    """``deploy/portal-manage ARGS``: the settings come from an environment file, as on the
    server (/etc/portal/portal.env), not from the caller's environment."""
    env_file = Path(env["MEDIA_ROOT"]).parent / "portal.env"
    lines = ["# restore drill (deploy/README.md)"]
    lines += [f'{key}="{env[key]}"' if key == "MEDIA_ROOT" else f"{key}={env[key]}" for key in DRILL_KEYS if key in env]
    env_file.write_text("\n".join(lines) + "\n")
    run_env = {k: v for k, v in env.items() if k not in DRILL_KEYS}
    run_env.update(PORTAL_ENV_FILE=str(env_file), PORTAL_PYTHON=sys.executable)
    result = subprocess.run(
        [str(ROOT / "deploy" / "portal-manage"), *args],
        cwd="/",
        env=run_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def read_archive(path):
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        objects = json.load(tar.extractfile("database.json")) + json.load(tar.extractfile("permissions.json"))
        media = {
            m.name[len("media/") :]: tar.extractfile(m).read()
            for m in tar.getmembers()
            if m.isfile() and m.name.startswith("media/")
        }
    return manifest, objects, media


def normalised(objects):
    return sorted(json.dumps(obj, sort_keys=True, ensure_ascii=False) for obj in objects)


def test_backup_then_restore_into_an_empty_database_loses_nothing(site_with_content, tmp_path, settings):
    page = site_with_content
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest, objects, media = read_archive(archive)
    models = manifest["objects"]
    assert models["wagtailcore.page"] == Page.objects.count()
    assert models["wagtailcore.revision"] == Revision.objects.count() >= 2
    assert models["hitcount.hitcount"] >= 1 and models["hitcount.hit"] == 1
    assert models["wagtaildocs.document"] == 1 and models["wagtailimages.image"] == 1
    doc = get_document_model().objects.get()
    assert media[doc.file.name] == pdf_bytes()

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes inside

    env, cleanup = database_env(tmp_path)
    media_root = Path(env["MEDIA_ROOT"])
    media_root.mkdir()
    service_user = None
    if os.geteuid() == 0:  # restored as root: the files must still belong to the service user
        service_user = (65534, 65534)
        os.chown(media_root, *service_user)
    try:
        out = manage(env, "restore", str(archive))
        assert "Đã khôi phục" in out and "khớp với bản sao lưu" in out
        if service_user:
            for path in [*media_root.rglob("*")]:
                assert (path.stat().st_uid, path.stat().st_gid) == service_user, path
        # Everything came back: back it up again and compare object by object, file by file.
        archive2 = tmp_path / "sao-luu-2.tar.gz"
        manage(env, "backup", str(archive2))
        manifest2, objects2, media2 = read_archive(archive2)
        assert manifest2["objects"] == manifest["objects"]
        assert normalised(objects2) == normalised(objects)
        assert media2 == media
        assert (Path(env["MEDIA_ROOT"]) / doc.file.name).read_bytes() == pdf_bytes()
        facts = manage(
            env,
            "shell",
            "-c",
            "import json; from wagtail.models import Page; from hitcount.models import HitCount; "
            f"p = Page.objects.get(pk={page.pk}).specific; "
            "print(json.dumps({'title': p.title, 'draft': p.get_latest_revision().content['title'], "
            "'revisions': p.revisions.count(), 'hits': HitCount.objects.get_for_object(p).hits, "
            "'url': p.url_path, 'live': p.live, 'search': len(Page.objects.live().search('thi đua'))}))",
        )
        facts = json.loads(facts.strip().splitlines()[-1])
        assert facts == {
            "title": "Kế hoạch thi đua năm 2022",
            "draft": "Kế hoạch thi đua năm 2022 (sửa)",
            "revisions": 2,
            "hits": 3134,
            "url": page.url_path,
            "live": True,
            "search": facts["search"],
        }
        assert facts["search"] >= 1, "the search index is rebuilt after a restore"
    finally:
        cleanup()


def test_restore_refuses_to_overwrite_a_database_with_content(site_with_content, tmp_path):
    from django.core.management.base import CommandError

    archive = tmp_path / "a.tar.gz"
    call_command("backup", str(archive), "--no-media", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))
    assert Page.objects.filter(pk=site_with_content.pk).exists()


def test_restore_refuses_an_archive_with_unsafe_paths(tmp_path, db):
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "x"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(payload, arcname="../../etc/evil")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không an toàn"):
        call_command("restore", str(evil))


def test_daily_backups_keep_the_newest_archives_only(db, tmp_path):
    from portal.management.commands.backup import prune

    folder = tmp_path / "sao-luu"
    folder.mkdir()
    old = [folder / f"portal-202611{day:02d}-023000.tar.gz" for day in range(1, 10)]
    for path in old:
        path.write_bytes(b"x")
    other = folder / "ghi-chu.txt"
    other.write_text("không phải bản sao lưu")
    out = io.StringIO()
    call_command("backup", "--dir", str(folder), "--keep", "7", "--no-media", stdout=out)
    archives = sorted(p.name for p in folder.glob("portal-*.tar.gz"))
    assert len(archives) == 7
    assert archives[0] == "portal-20261104-023000.tar.gz"  # the three oldest are gone
    assert other.exists()
    newest = folder / archives[-1]
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600
    assert read_archive(newest)[0]["format"] == "portal-backup/1"
    assert "Đã xoá bản sao lưu cũ" in out.getvalue()
    assert prune(folder, 7) == []


def test_backup_wants_a_file_or_a_folder(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--dir"):
        call_command("backup", stdout=io.StringIO())


def test_restore_refuses_links_in_an_archive(tmp_path, db):
    from django.core.management.base import CommandError

    evil = tmp_path / "link.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        link = tarfile.TarInfo("media/passwd")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    with pytest.raises(CommandError, match="không an toàn"):
        call_command("restore", str(evil))


def test_portal_manage_refuses_a_missing_environment_file(tmp_path):
    result = subprocess.run(
        [str(ROOT / "deploy" / "portal-manage"), "check"],
        env={**os.environ, "PORTAL_ENV_FILE": str(tmp_path / "khong-co.env")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "không đọc được" in result.stderr
