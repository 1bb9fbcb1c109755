"""The shipped production stack: nginx site configuration, gunicorn, several app servers."""

import io
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
    options = {"port": 8127, "upstreams": ["127.0.0.1:8107"], "static_root": static_root, "media_root": media_root}
    options.update(kwargs)
    return stack.write_nginx_conf(tmp_path / "nginx", **options)


@needs_nginx
def test_shipped_nginx_config_rendered_to_temp_paths_passes_nginx_t(tmp_path):
    conf = render(tmp_path)
    site = (conf.parent / "portal.conf").read_text()
    directives = "\n".join(line.split("#")[0] for line in site.splitlines())
    assert "/srv/portal" not in directives and "/var/" not in directives  # everything points at tmp_path
    assert "listen 127.0.0.1:8127;" in directives and "server 127.0.0.1:8107" in directives
    result = stack.nginx_test(conf)
    assert result.returncode == 0, result.stderr


@needs_nginx
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl not installed")
def test_shipped_nginx_config_with_tls_passes_nginx_t(tmp_path):
    """The file as shipped (TLS, ports 80/443, purge listener), only its paths moved."""
    cert, key = tmp_path / "portal.crt", tmp_path / "portal.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    text = stack.SITE_CONF.read_text()
    text = text.replace("/etc/ssl/certs/portal.crt", str(cert)).replace("/etc/ssl/private/portal.key", str(key))
    text = text.replace("/var/cache/nginx/portal", str(tmp_path / "cache")).replace("/var/log/nginx/", f"{tmp_path}/")
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
    from portal import sendfile_nginx

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
    try:
        for port in (8107, 8117):
            procs.append(stack.start_gunicorn(port, env, workers=1, log=tmp_path / f"gunicorn-{port}.log"))
        conf = render(
            tmp_path, port=8127, upstreams=["127.0.0.1:8107", "127.0.0.1:8117"], static_root=tmp_path / "static"
        )
        procs.append(stack.start_nginx(conf))
        for port in (8107, 8117, 8127):
            stack.wait_http(f"http://127.0.0.1:{port}/robots.txt", timeout=60)
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "portal.frontend_cache.NginxRefreshBackend",
                "LOCATION": f"unix:{conf.parent}/purge.sock",
            }
        }
        yield procs
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

    page = StandardPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc", intro="Các phòng chuyên môn.")
    home.add_child(instance=page)
    page.save_revision().publish()

    first = _get("http://127.0.0.1:8107/co-cau-to-chuc/")
    second = _get("http://127.0.0.1:8117/co-cau-to-chuc/")
    assert first[0] == second[0] == 200
    assert first[2] == second[2]  # byte for byte: the HTML holds nothing per server or visitor
    assert "Cơ cấu tổ chức" in first[2]

    # Through nginx: the second answer comes from the micro-cache.
    status, headers, body = _get("http://127.0.0.1:8127/co-cau-to-chuc/")
    assert status == 200 and "public" in headers["Cache-Control"]
    status, headers, body = _get("http://127.0.0.1:8127/co-cau-to-chuc/")
    assert headers["X-Cache-Status"] == "HIT" and body == first[2]

    # Publishing purges nginx's copy; both app servers see the change at once or within
    # PORTAL_CACHE_CHECK_SECONDS, never later.
    page.title = "Cơ cấu tổ chức của Sở"
    page.save_revision().publish()
    status, headers, body = _get("http://127.0.0.1:8127/co-cau-to-chuc/")
    assert "Cơ cấu tổ chức của Sở" in body, headers.get("X-Cache-Status")
    time.sleep(1.2)
    for port in (8107, 8117):
        assert "Cơ cấu tổ chức của Sở" in _get(f"http://127.0.0.1:{port}/co-cau-to-chuc/")[2]

    # Unpublishing: nginx answers 404 from the refreshed entry.
    page.unpublish()
    assert _get("http://127.0.0.1:8127/co-cau-to-chuc/")[0] == 404

    # One app server stops: nginx keeps serving from the other.
    stack.stop(two_servers[0])
    for i in range(4):
        status, headers, body = _get(f"http://127.0.0.1:8127/?n={i}")
        assert status == 200 and "Trang chủ" in body


@pytest.mark.postgres
@needs_postgres
@live_db
def test_logged_in_editor_bypasses_nginx_micro_cache(two_servers, home):
    _get("http://127.0.0.1:8127/")
    request = urllib.request.Request("http://127.0.0.1:8127/", headers={"Host": "localhost", "Cookie": "sessionid=abc"})
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
    assert [p.slug for p in about.get_children()] == ["chuc-nang-nhiem-vu", "co-cau-to-chuc", "lanh-dao-so"]
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
