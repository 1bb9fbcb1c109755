"""The shipped production stack: nginx site configuration, gunicorn, several app servers."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench import stack

ROOT = Path(__file__).resolve().parent.parent
needs_nginx = pytest.mark.skipif(not Path(stack.NGINX).exists(), reason=f"nginx not found at {stack.NGINX}")


def render(tmp_path, **kwargs):
    static_root, media_root = tmp_path / "static", tmp_path / "media"
    static_root.mkdir(exist_ok=True)
    media_root.mkdir(exist_ok=True)
    options = {
        "port": stack.free_port(),
        "upstreams": [f"127.0.0.1:{stack.free_port()}"],
        "static_root": static_root,
        "media_root": media_root,
    }
    options.update(kwargs)
    return stack.write_nginx_conf(tmp_path / "nginx", **options)


@needs_nginx
def test_shipped_nginx_config_rendered_to_temp_paths_passes_nginx_t(tmp_path):
    conf = render(tmp_path, port=18127, upstreams=["127.0.0.1:18107"])
    site = (conf.parent / "portal.conf").read_text()
    directives = "\n".join(line.split("#")[0] for line in site.splitlines())
    assert "/srv/portal" not in directives and "/var/" not in directives  # everything points at tmp_path
    assert "listen 127.0.0.1:18127;" in directives and "server 127.0.0.1:18107" in directives
    assert "listen 127.0.0.1:18127 default_server;" in directives  # the catch-all for unknown hosts
    result = stack.nginx_test(conf)
    assert result.returncode == 0, result.stderr


@needs_nginx
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl not installed")
def test_shipped_nginx_config_with_tls_passes_nginx_t(tmp_path):
    """The file as shipped (TLS, ports 80/443, the catch-all server with
    ssl_reject_handshake, purge listener), only its paths moved: it passes `nginx -t` with
    the self-signed certificate that stands in until certbot has run."""
    cert, key = tmp_path / "portal.crt", tmp_path / "portal.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    text = stack.SITE_CONF.read_text()
    text = text.replace("/etc/ssl/certs/ssl-cert-snakeoil.pem", str(cert))
    text = text.replace("/etc/ssl/private/ssl-cert-snakeoil.key", str(key))
    text = text.replace("/var/cache/nginx/portal", str(tmp_path / "cache")).replace("/var/log/nginx/", f"{tmp_path}/")
    text = text.replace("/var/www/letsencrypt", str(tmp_path / "letsencrypt"))
    text = text.replace("/srv/portal/", f"{tmp_path}/")
    (tmp_path / "portal.conf").write_text(text)
    conf = render(tmp_path)
    main = conf.read_text().replace(f"include {conf.parent}/portal.conf;", f"include {tmp_path}/portal.conf;")
    conf.write_text(main)
    result = stack.nginx_test(conf)
    assert result.returncode == 0, result.stderr


def test_gunicorn_config_is_valid_and_has_no_control_socket():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [stack.PYTHON, "-m", "gunicorn", "--check-config", "-c", str(stack.GUNICORN_CONF), "portal.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = stack.GUNICORN_CONF.read_text()
    assert "control_socket_disable = True" in text and 'worker_class = "sync"' in text


def test_systemd_unit_runs_the_shipped_gunicorn_config():
    unit = (ROOT / "deploy" / "systemd" / "portal.service").read_text()
    assert "gunicorn -c deploy/gunicorn.conf.py portal.wsgi" in unit
    assert "EnvironmentFile=/etc/portal/portal.env" in unit
    env_example = (ROOT / "deploy" / "portal.env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "PORTAL_NGINX_PURGE_URL"):
        assert f"{name}=" in env_example


def test_documents_are_handed_to_nginx_when_sendfile_is_on(settings, tmp_path, rf):
    from portal.security import sendfile_nginx

    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    path = tmp_path / "documents" / "kế hoạch 57.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.4")
    response = sendfile_nginx.sendfile(rf.get("/documents/1/x.pdf"), str(path))
    assert response["X-Accel-Redirect"] == "/media/documents/k%E1%BA%BF%20ho%E1%BA%A1ch%2057.pdf"
    assert response.content == b""


# --- Two app servers behind the shipped nginx, over one PostgreSQL (and Redis) ---------


def _get(url, host="localhost"):
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


@pytest.fixture
def two_servers(db, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite test databases are private to this process")
    if not Path(stack.NGINX).exists():
        pytest.skip("nginx not installed")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "deploy-test-" + "k" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PORTAL_BASE_URL": "http://localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "PORTAL_PAGE_CACHE": "1",
        "PORTAL_CACHE_CHECK_SECONDS": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "ERROR",
    }
    (tmp_path / "static").mkdir()
    (tmp_path / "media").mkdir()
    # Production settings use hashed static names: collect them once for the app servers.
    subprocess.run([stack.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    procs = []
    ports = [stack.free_port(), stack.free_port()]
    front = stack.free_port()
    try:
        for port in ports:
            procs.append(stack.start_gunicorn(port, env, workers=1, log=tmp_path / f"gunicorn-{port}.log"))
        conf = render(
            tmp_path, port=front, upstreams=[f"127.0.0.1:{p}" for p in ports], static_root=tmp_path / "static"
        )
        procs.append(stack.start_nginx(conf))
        for port in (*ports, front):
            stack.wait_http(f"http://127.0.0.1:{port}/robots.txt", timeout=60)
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "portal.cache.purge.NginxRefreshBackend",
                "LOCATION": f"unix:{conf.parent}/purge.sock",
            }
        }
        yield procs, ports, front
    finally:
        for proc in reversed(procs):
            stack.stop(proc)


# Data must be committed for the app servers to see it. No serialized_rollback: after an
# earlier transactional test's flush, post_migrate has recreated the content types and
# restoring the serialized copy collides with them; the `home` fixture recreates what
# later tests need (locales, root page, root collection).
live_db = pytest.mark.django_db(transaction=True)
# Decided before any database setup, so SQLite runs skip cleanly.
needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL): SQLite test databases are private to this process",
)


@pytest.mark.postgres
@needs_postgres
@live_db
def test_two_app_servers_behind_nginx_serve_the_same_pages_and_see_publications(two_servers, home):
    from portal.models import StandardPage

    procs, (a, b), front = two_servers

    page = StandardPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc", intro="Các phòng chuyên môn.")
    home.add_child(instance=page)
    page.save_revision().publish()

    first = _get(f"http://127.0.0.1:{a}/co-cau-to-chuc/")
    second = _get(f"http://127.0.0.1:{b}/co-cau-to-chuc/")
    assert first[0] == second[0] == 200
    assert first[2] == second[2]  # byte for byte: the HTML holds nothing per server or visitor
    assert "Cơ cấu tổ chức" in first[2]

    # Through nginx: the second answer comes from the micro-cache.
    status, headers, body = _get(f"http://127.0.0.1:{front}/co-cau-to-chuc/")
    assert status == 200 and "public" in headers["Cache-Control"]
    status, headers, body = _get(f"http://127.0.0.1:{front}/co-cau-to-chuc/")
    assert headers["X-Cache-Status"] == "HIT" and body == first[2]

    # Publishing purges nginx's copy; both app servers see the change at once or within
    # PORTAL_CACHE_CHECK_SECONDS, never later.
    page.title = "Cơ cấu tổ chức của Sở"
    page.save_revision().publish()
    status, headers, body = _get(f"http://127.0.0.1:{front}/co-cau-to-chuc/")
    assert "Cơ cấu tổ chức của Sở" in body, headers.get("X-Cache-Status")
    time.sleep(1.2)
    for port in (a, b):
        assert "Cơ cấu tổ chức của Sở" in _get(f"http://127.0.0.1:{port}/co-cau-to-chuc/")[2]

    # Unpublishing: nginx answers 404 from the refreshed entry.
    page.unpublish()
    assert _get(f"http://127.0.0.1:{front}/co-cau-to-chuc/")[0] == 404

    # One app server stops: nginx keeps serving from the other.
    stack.stop(procs[0])
    for i in range(4):
        status, headers, body = _get(f"http://127.0.0.1:{front}/?n={i}")
        assert status == 200 and "Trang chủ" in body


@pytest.mark.postgres
@needs_postgres
@live_db
def test_logged_in_editor_bypasses_nginx_micro_cache(two_servers, home):
    front = two_servers[2]
    _get(f"http://127.0.0.1:{front}/")
    request = urllib.request.Request(
        f"http://127.0.0.1:{front}/", headers={"Host": "localhost", "Cookie": "sessionid=abc"}
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "public" not in response.headers.get("Cache-Control", "")


# --- First start of a real installation: manage.py setup_site ----------------------------


def _tree():
    from wagtail.models import Page

    return sorted((p.url_path, p.live, type(p.specific).__name__) for p in Page.objects.filter(depth__gte=2))


def test_setup_site_builds_the_department_structure_without_demo_content(db, client, settings):
    from django.core.management import call_command
    from wagtail.models import Page, Revision, Site

    from campaigns.models import CampaignPage, PlanPage
    from news.models import NewsCategory, NewsPage
    from portal.models import AgencySettings
    from tests.conftest import ensure_migration_data
    from video.models import VideoPage

    ensure_migration_data()
    settings.PORTAL_BASE_URL = "https://sonoivu.kontum.gov.vn"
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    assert "https://sonoivu.kontum.gov.vn/" in out.getvalue()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("sonoivu.kontum.gov.vn", 443, "https://sonoivu.kontum.gov.vn")
    home = site.root_page.specific
    slugs = [p.slug for p in home.get_children().live().in_menu()]
    assert slugs[0] == "gioi-thieu" and slugs[-1] == "lien-he"
    assert {"tin-tuc", "tin-video", "thi-dua-khen-thuong", "ke-hoach"} <= set(slugs)
    about = home.get_children().get(slug="gioi-thieu")
    # Chức năng nhiệm vụ from the core; the pages built from the directory from its app.
    assert [p.slug for p in about.get_children()] == [
        "chuc-nang-nhiem-vu",
        "co-cau-to-chuc",
        "lanh-dao-so",
        "nguoi-phat-ngon",
    ]
    # No demo content: no news, plans, campaigns or videos; the categories are structure.
    assert NewsPage.objects.count() == PlanPage.objects.count() == CampaignPage.objects.count() == 0
    assert VideoPage.objects.count() == 0
    assert NewsCategory.objects.count() >= 4
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()  # Wagtail's welcome page
    profile = AgencySettings.for_site(site).profile
    assert profile is not None and profile.name == "Sở Nội vụ tỉnh Kon Tum"

    # Idempotent: a second run creates and publishes nothing.
    before, revisions = _tree(), Revision.objects.count()
    call_command("setup_site", stdout=io.StringIO())
    assert _tree() == before and Revision.objects.count() == revisions

    # The site answers at its public address, with the department's home page and menu.
    settings.ALLOWED_HOSTS = ["sonoivu.kontum.gov.vn"]
    response = client.get("/", HTTP_HOST="sonoivu.kontum.gov.vn", secure=True)
    html = response.content.decode()
    assert response.status_code == 200 and "Welcome to your new Wagtail site" not in html
    assert "Giới thiệu" in html and "Tin tức - Sự kiện" in html
    assert client.get("/tin-tuc/", HTTP_HOST="sonoivu.kontum.gov.vn", secure=True).status_code == 200


def test_setup_site_corrects_the_site_address_and_keeps_what_editors_changed(db, settings):
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    call_command("setup_site", stdout=io.StringIO())
    about = Page.objects.get(slug="gioi-thieu").specific
    about.title = "Giới thiệu chung"
    about.save_revision().publish()
    settings.PORTAL_BASE_URL = "http://portal.example.vn:8080/"
    call_command("setup_site", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.vn", 8080)
    assert Page.objects.get(slug="gioi-thieu").title == "Giới thiệu chung"


def test_setup_site_rejects_a_malformed_public_address(db, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.PORTAL_BASE_URL = "sonoivu.kontum.gov.vn"
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command("setup_site", stdout=io.StringIO())


# --- The shipped stack serving a real site: media, documents, hosts, purges -------------
# gunicorn (shipped config) and nginx (shipped site file) over a site built by the guide's
# own commands (migrate, collectstatic, setup_site) in a SQLite file of their own, so this
# runs without PostgreSQL too. Content is added the way an editor's save would be, in a
# manage.py process; the purge then goes from that process through the configured Site.

CONTENT = r"""
import json
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from portal.models import StandardPage
from video.demo import CAPTIONS, DEMO_CLIP
from video.models import VideoIndexPage, VideoPage

site = Site.objects.get(is_default_site=True)
home = site.root_page.specific
index = VideoIndexPage.objects.get()
video = VideoPage(title="Hội nghị trực tuyến", slug="hoi-nghi-truc-tuyen", description="Video thử.")
video.video_file.save("hoi-nghi.webm", ContentFile(DEMO_CLIP.read_bytes()), save=False)
video.captions.save("hoi-nghi.vtt", ContentFile(CAPTIONS.encode()), save=False)
index.add_child(instance=video)
video.save_revision().publish()
Document = get_document_model()
doc = Document(title="Kế hoạch số 57/KH-SNV")
doc.file.save("ke-hoach-57.pdf", ContentFile(b"%PDF-1.4\n% ke hoach\n"), save=True)
page = StandardPage(title="Thông báo tuyển dụng", slug="thong-bao-tuyen-dung", intro="Bản đầu.")
home.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({
    "site": [site.hostname, site.port],
    "video": video.video_file.url, "captions": video.captions.url,
    "document": doc.url, "page": page.url, "page_id": page.pk,
}))
"""

PUBLISH = r"""
from portal.models import StandardPage
page = StandardPage.objects.get(pk={pk})
page.title = "{title}"
page.save_revision().publish()
"""


class LiveSite:
    def __init__(self, tmp, front, env, gunicorn_log, facts):
        self.tmp, self.front, self.env, self.gunicorn_log, self.facts = tmp, front, env, gunicorn_log, facts

    def get(self, path, host="localhost", headers=None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.front}{path}", headers={"Host": host, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def manage(self, *args):
        result = subprocess.run(
            [stack.PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout


def production_env(tmp, public_url):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="deploy-test-" + "k" * 50,
        ALLOWED_HOSTS="localhost",
        PORTAL_BASE_URL=public_url,
        SECURE_SSL_REDIRECT="0",
        SQLITE_PATH=str(tmp / "db.sqlite3"),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PORTAL_SENDFILE_NGINX="1",
        PORTAL_NGINX_PURGE_URL=f"unix:{tmp}/nginx/purge.sock",
        PORTAL_CACHE_CHECK_SECONDS="1",
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    if not Path(stack.NGINX).exists():
        pytest.skip(f"nginx not found at {stack.NGINX}")
    tmp = tmp_path_factory.mktemp("live")
    (tmp / "media").mkdir()
    front, app = stack.free_port(), stack.free_port()
    env = production_env(tmp, f"http://localhost:{front}")
    site = LiveSite(tmp, front, env, tmp / "gunicorn.log", None)
    # The guide's first start (deploy/README.md, bước 4).
    site.manage("migrate", "--noinput", "-v0")
    site.manage("collectstatic", "--noinput", "-v0")
    site.manage("setup_site")
    site.facts = json.loads(site.manage("shell", "-c", CONTENT).strip().splitlines()[-1])
    conf = stack.write_nginx_conf(
        tmp / "nginx",
        port=front,
        upstreams=[f"127.0.0.1:{app}"],
        static_root=tmp / "static",
        media_root=tmp / "media",
        workers=1,
        forwarded_proto="https",  # as behind the shipped TLS server: the app sends HSTS
        server_names="localhost",  # as in production: the bare IP address is an unknown host
    )
    procs = [stack.start_gunicorn(app, env, workers=1, log=site.gunicorn_log), stack.start_nginx(conf)]
    try:
        stack.wait_http(f"http://127.0.0.1:{app}/robots.txt", timeout=90, headers={"Host": "localhost"})
        stack.wait_http(f"http://127.0.0.1:{front}/robots.txt", timeout=30, headers={"Host": "localhost"})
        yield site
    finally:
        for proc in reversed(procs):
            stack.stop(proc)


@needs_nginx
def test_nginx_serves_uploaded_video_with_ranges_and_captions_as_text_vtt(live_site):
    status, headers, body = live_site.get(live_site.facts["video"], headers={"Range": "bytes=0-99"})
    assert status == 206 and len(body) == 100
    assert headers["Content-Type"] == "video/webm"
    assert headers["Content-Range"].startswith("bytes 0-99/")
    assert "max-age=2592000" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"\x1a\x45\xdf\xa3")  # the WebM file itself (EBML header)

    status, headers, body = live_site.get(live_site.facts["captions"])
    assert status == 200 and headers["Content-Type"] == "text/vtt; charset=utf-8"
    assert body.decode().startswith("WEBVTT") and "Sở Nội vụ" in body.decode()

    # The video page links to what nginx serves.
    status, _headers, html = live_site.get("/tin-video/hoi-nghi-truc-tuyen/")
    assert status == 200 and live_site.facts["video"] in html.decode()
    # Other media folders stay closed; documents only through the app.
    assert live_site.get("/media/documents/ke-hoach-57.pdf")[0] == 404
    assert live_site.get("/media/khac/x.txt")[0] == 404


@needs_nginx
def test_documents_sent_by_nginx_keep_the_apps_security_headers(live_site):
    status, headers, body = live_site.get(live_site.facts["document"])
    assert status == 200 and body == b"%PDF-1.4\n% ke hoach\n"  # sent by nginx (X-Accel-Redirect)
    assert "X-Accel-Redirect" not in headers
    assert headers["Content-Type"] == "application/pdf"
    assert headers.get_all("Content-Disposition") == ['inline; filename="ke-hoach-57.pdf"']
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert "default-src" in headers["Content-Security-Policy"]
    assert len(headers.get_all("Content-Security-Policy")) == 1
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["Referrer-Policy"] and headers["X-Frame-Options"] == "DENY"


@needs_nginx
def test_unknown_hosts_are_closed_by_nginx_and_never_reach_the_app(live_site):
    import socket

    for host in ("evil.example", "203.0.113.9"):
        with socket.create_connection(("127.0.0.1", live_site.front), timeout=10) as sock:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            assert sock.recv(1024) == b""  # closed without an answer (return 444)
    assert live_site.get("/", host="localhost")[0] == 200
    log = live_site.gunicorn_log.read_text()
    assert "DisallowedHost" not in log and "Traceback" not in log


@needs_nginx
def test_only_the_admins_upload_paths_take_large_bodies(live_site):
    body = b"x" * (3 * 1024 * 1024)
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_site.front}/tim-kiem/", data=body, headers={"Host": "localhost"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=20)
    assert caught.value.code == 413
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_site.front}/admin/pages/3/edit/",
        data=body,
        headers={"Host": "localhost"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=20)
    assert caught.value.code == 403  # reached the app (no CSRF token), not refused by nginx


@needs_nginx
def test_a_publication_purges_nginx_through_the_site_setup_site_configured(live_site):
    # setup_site gave the Site the public address (PORTAL_BASE_URL), so purges carry the
    # visitors' Host and hit their cache entries.
    assert live_site.facts["site"] == ["localhost", live_site.front]
    path = live_site.facts["page"]
    live_site.get(path)
    status, headers, body = live_site.get(path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT" and "Thông báo tuyển dụng" in body.decode()

    live_site.manage(
        "shell", "-c", PUBLISH.format(pk=live_site.facts["page_id"], title="Thông báo tuyển dụng năm 2026")
    )
    status, headers, body = live_site.get(path)
    assert "Thông báo tuyển dụng năm 2026" in body.decode(), headers.get("X-Cache-Status")
    assert headers["X-Cache-Status"] == "HIT"  # the purge stored the new copy
    log = live_site.gunicorn_log.read_text()
    assert "DisallowedHost" not in log and "Invalid HTTP_HOST" not in log


# --- Updates update: the guide's update step serves the new code -------------------------

COPY_IGNORE = shutil.ignore_patterns(
    ".venv*", ".git", "media", ".test-media", "collected-static", "db.sqlite3*", "__pycache__", ".pytest_cache"
)


def test_the_update_step_serves_changed_code_without_dropping_requests(tmp_path):
    """A copy of the project runs under gunicorn with the shipped configuration; a changed
    template (what `git pull` brings) is served after the guide's update step
    (deploy/portal-manage migrate + collectstatic, then `systemctl reload portal`, whose
    ExecReload runs deploy/gunicorn_reload.py on the gunicorn master), and no request
    fails or waits for the new workers' import meanwhile."""
    import threading

    app_dir = tmp_path / "portal"
    shutil.copytree(ROOT, app_dir, ignore=COPY_IGNORE)
    (tmp_path / "media").mkdir()
    port = stack.free_port()
    env = production_env(tmp_path, f"http://localhost:{port}")
    (tmp_path / "run").mkdir()
    env["GUNICORN_READY_DIR"] = str(tmp_path / "run")  # systemd's RuntimeDirectory=portal
    env_file = tmp_path / "portal.env"
    env_file.write_text("".join(f"{key}={env[key]}\n" for key in env if key not in os.environ or key == "LOG_LEVEL"))
    run_env = {k: v for k, v in env.items() if k in os.environ and k != "LOG_LEVEL"}
    run_env.update(PORTAL_ENV_FILE=str(env_file), PORTAL_PYTHON=stack.PYTHON)

    def portal_manage(*args):
        result = subprocess.run(
            [str(app_dir / "deploy" / "portal-manage"), *args], env=run_env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr

    portal_manage("migrate", "--noinput", "-v0")
    portal_manage("collectstatic", "--noinput", "-v0")
    server = stack.start_gunicorn(port, env, workers=2, log=tmp_path / "gunicorn.log", cwd=app_dir)
    url = f"http://127.0.0.1:{port}/trang-khong-co/"
    marker = "Phiên bản mới của cổng thông tin"

    def fetch():
        request = urllib.request.Request(url, headers={"Host": "localhost"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    results, errors, stop = [], [], threading.Event()

    def visitor():
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, body = fetch()
                results.append((status, marker in body, time.monotonic() - started, started))
            except OSError as exc:  # refused, reset: a dropped request
                errors.append(repr(exc))

    try:
        stack.wait_http(url, timeout=90, headers={"Host": "localhost"})
        status, body = fetch()
        assert status == 404 and marker not in body
        thread = threading.Thread(target=visitor)
        thread.start()
        try:
            template = app_dir / "templates" / "404.html"
            template.write_text(template.read_text().replace("<h1>", f"<p>{marker}</p><h1>", 1))
            portal_manage("migrate", "--noinput", "-v0")
            portal_manage("collectstatic", "--noinput", "-v0")
            reloaded_at = time.monotonic()
            subprocess.run(  # systemctl reload portal (ExecReload= in deploy/systemd/portal.service)
                [stack.PYTHON, "deploy/gunicorn_reload.py", str(server.pid)],
                cwd=app_dir,
                env=env,
                check=True,
                timeout=200,
            )
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (results and results[-1][1]):
                time.sleep(0.2)
            time.sleep(1)  # a little more traffic on the new workers
        finally:
            stop.set()
            thread.join(60)
        assert results and results[-1][1], "after the reload the new template is served"
        assert not errors, errors[:3]
        assert {r[0] for r in results} == {404}, "every request answered normally"
        before = max(r[2] for r in results if r[3] < reloaded_at)
        after = [r[2] for r in results if r[3] >= reloaded_at]
        print(
            f"update step: {len(results)} requests, none failed; slowest {before:.2f} s before the reload, "
            f"{max(after):.2f} s from the reload on ({len(after)} requests)"
        )
        assert max(after) < 5, "no request waits for the new workers to import the application"
        assert server.poll() is None
    finally:
        stack.stop(server)


# --- Faults are honest: the database unreachable gives 503 + Retry-After, not a 500 ------


class BrokenDatabaseMiddleware:
    """Stands for a middleware that reads the database (sessions, login limits)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import InterfaceError

        raise InterfaceError("connection already closed")


def _assert_outage_page(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Cổng thông tin tạm thời gián đoạn" in html and "Mời bạn thử lại sau" in html
    assert "Traceback" not in html


def test_database_unreachable_in_a_view_gives_the_vietnamese_503_page(home, client, monkeypatch):
    from django.db import OperationalError
    from wagtail.models import Site

    def refused(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(Site, "find_for_request", refused)
    response = client.get("/gioi-thieu/")
    _assert_outage_page(response)
    assert response["X-Content-Type-Options"] == "nosniff"  # the security headers still apply
    assert "Content-Security-Policy" in response


def test_database_unreachable_in_a_middleware_gives_the_503_page_too(home, client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_deploy.BrokenDatabaseMiddleware"]
    client.raise_request_exception = False  # as a real server: Django turns it into a response
    _assert_outage_page(client.get("/"))


def test_other_database_errors_stay_server_errors(home, client, monkeypatch):
    from django.db import ProgrammingError
    from wagtail.models import Site

    def broken(*args, **kwargs):
        raise ProgrammingError('relation "wagtailcore_site" does not exist')

    monkeypatch.setattr(Site, "find_for_request", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500 and "Retry-After" not in response


class TcpProxy:
    """127.0.0.1:<free port> → PostgreSQL; ``stop()`` cuts every connection and refuses
    new ones, as a PostgreSQL restart does; ``start()`` lets them through again."""

    def __init__(self, host, port):
        import socket
        import threading

        self.target, self.port = (host, port), stack.free_port()
        self.socket_module, self.threading = socket, threading
        self.listener, self.conns = None, []

    def start(self):
        socket = self.socket_module
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        self.threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        with contextlib.suppress(OSError):  # wakes the accept() below (close alone does not)
            self.listener.shutdown(self.socket_module.SHUT_RDWR)
        self.listener.close()
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.shutdown(self.socket_module.SHUT_RDWR)
            conn.close()
        self.conns = []

    def _accept(self, listener):
        while True:
            try:
                client, _addr = listener.accept()
            except OSError:
                return
            upstream = self.socket_module.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                self.threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            sink.shutdown(2)


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db
def test_while_postgresql_restarts_visitors_get_503_and_retry_after_then_pages_again(tmp_path):
    """The shipped gunicorn on production settings, PostgreSQL behind a proxy that goes
    away and comes back (never the shared server itself)."""
    params = connection.settings_dict
    proxy = TcpProxy(params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432))
    proxy.start()
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    port = stack.free_port()
    env = production_env(tmp_path, f"http://localhost:{port}")
    env.update(DATABASE_URL=f"postgres://{auth}@127.0.0.1:{proxy.port}/{params['NAME']}", PORTAL_PAGE_CACHE="0")
    env.pop("PORTAL_NGINX_PURGE_URL")
    subprocess.run([stack.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = stack.start_gunicorn(port, env, workers=1, log=tmp_path / "gunicorn.log")
    url = f"http://127.0.0.1:{port}/sitemap.xml"  # reads the database on every request

    def fetch():
        request = urllib.request.Request(url, headers={"Host": "localhost"})
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode()

    try:
        stack.wait_http(url, timeout=90, headers={"Host": "localhost"})
        assert fetch()[0] == 200
        proxy.stop()  # PostgreSQL goes down: the persistent connection breaks, new ones are refused
        time.sleep(1.5)  # past PORTAL_CACHE_CHECK_SECONDS: the app asks the database again
        for _ in range(3):
            status, headers, body = fetch()
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "30" and "tạm thời gián đoạn" in body
        proxy.start()  # and comes back: the next request reconnects
        assert fetch()[0] == 200
        assert server.poll() is None
    finally:
        stack.stop(server)
        proxy.stop()


def test_the_env_example_lists_every_setting_production_reads():
    import re

    names = set()
    for module in ("base.py", "production.py"):
        text = (ROOT / "portal" / "settings" / module).read_text()
        names |= set(
            re.findall(r"""(?:environ\.get|environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']""", text)
        )
    names -= {"DEBUG", "SQLITE_PATH"}  # production forces DEBUG off and runs on PostgreSQL
    example = (ROOT / "deploy" / "portal.env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))
    assert names - listed == set()
    assert "PORTAL_BASE_URL=https://" in example and "REDIS_URL=redis://" in example


@needs_nginx
@pytest.mark.skipif(not shutil.which("curl"), reason="curl not installed")
def test_check_sh_passes_against_the_running_stack(live_site):
    """deploy/check.sh, the guide's final checklist, against the shipped stack (plain
    HTTP here, so its TLS items are skipped); as root it also re-publishes the home page
    through deploy/portal-manage and sees nginx's refreshed copy."""
    env_file = live_site.tmp / "portal.env"
    env_file.write_text("".join(f"{key}={value}\n" for key, value in live_site.env.items() if key not in os.environ))
    env = {"PATH": os.environ["PATH"], "PORTAL_ENV_FILE": str(env_file), "PORTAL_PYTHON": stack.PYTHON}
    result = subprocess.run(
        [str(ROOT / "deploy" / "check.sh"), f"http://localhost:{live_site.front}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "LỖI" not in result.stdout
    assert "206" in result.stdout and "text/vtt" in result.stdout
    if os.geteuid() == 0:
        assert "nginx giữ bản mới" in result.stdout


def test_the_guide_installs_every_shipped_unit_and_timer():
    import re

    systemd = ROOT / "deploy" / "systemd"
    guide = (ROOT / "deploy" / "README.md").read_text()
    enable = re.search(r"systemctl enable --now ((?:[^\n]*\\\n)*[^\n]*)", guide).group(1)
    timers = sorted(p.name for p in systemd.glob("*.timer"))
    assert "portal-publish-scheduled.timer" in timers and "portal-backup.timer" in timers
    for timer in timers:
        assert timer in enable, f"the guide does not enable {timer}"
        unit = re.search(r"^Unit=(\S+)", (systemd / timer).read_text(), re.M).group(1)
        target = systemd / ("portal-manage@.service" if "@" in unit else unit)
        assert target.exists(), unit
    backup = (systemd / "portal-backup.service").read_text()
    assert "User=portal" in backup and "EnvironmentFile=/etc/portal/portal.env" in backup
    assert "--keep" in backup and "ReadWritePaths=/var/backups/portal" in backup
    service = (systemd / "portal.service").read_text()
    assert "ExecReload=/srv/portal/.venv/bin/python deploy/gunicorn_reload.py $MAINPID" in service
    assert "preload_app = False" in stack.GUNICORN_CONF.read_text()
    # Commands of the guide that must exist as shipped.
    for name in ("portal-manage", "check.sh", "gunicorn_reload.py"):
        assert (ROOT / "deploy" / name).exists(), name
    assert os.access(ROOT / "deploy" / "portal-manage", os.X_OK) and os.access(ROOT / "deploy" / "check.sh", os.X_OK)
    assert "load_demo" in guide and "setup_site" in guide and "sudo " not in guide
