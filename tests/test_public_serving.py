"""`make run` serves the site as the public sees it: DEBUG off, the Vietnamese 404 page,
static files with hashed names and long cache lifetimes served by the app (WhiteNoise),
public uploads served by a small safe view, documents never, and no 5xx for odd paths.

The server is the real thing: ``manage.py runserver`` with the development settings and
their defaults, on a fresh database and ``collectstatic`` output in a temporary folder,
as the Makefile's ``run`` target starts it.
"""

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def raw_get(port, path):
    """A request line sent as is (no client-side normalisation of ``..``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


@pytest.fixture(scope="module")
def run_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        # A fresh `make run`: the embedded defaults (SQLite, local cache), whatever the suite runs on.
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "PORTAL_SERVE_MEDIA", "DATABASE_URL", "REDIS_URL"}
        },
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
    }
    env["SQLITE_PATH"] = str(tmp / "db.sqlite3")
    for argv in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([sys.executable, "manage.py", *argv], cwd=ROOT, env=env, check=True, capture_output=True)
    media = tmp / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    (media / "documents").mkdir()
    (media / "documents" / "mat.pdf").write_bytes(b"%PDF-1.4 private")
    (media / "video" / "phu-de").mkdir(parents=True)
    (media / "video" / "phu-de" / "a.vtt").write_text("WEBVTT\n")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                fetch(base + "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        yield base, port
    finally:
        server.terminate()
        server.wait(10)


def test_a_wrong_address_shows_the_vietnamese_404_page_not_the_debug_page(run_server):
    base, _ = run_server
    status, _, body = fetch(base + "/khong-co-trang-nay/")
    html = body.decode()
    assert status == 404
    assert "Không tìm thấy trang" in html and "Về trang chủ" in html
    assert "DEBUG = True" not in html and "Page not found" not in html and "URLconf" not in html


def test_static_files_have_hashed_names_long_lifetimes_and_compression(run_server):
    base, _ = run_server
    _, _, body = fetch(base + "/khong-co-trang-nay/")
    css = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the page links the hashed stylesheet"
    status, headers, plain = fetch(base + css.group(1))
    assert status == 200 and b"--" in plain
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    status, headers, packed = fetch(base + css.group(1), {"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip" and gzip.decompress(packed) == plain


@pytest.mark.parametrize(
    "path",
    ["/static/../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd", "/media/../db.sqlite3", "/media/%2e%2e/db.sqlite3"],
)
def test_no_path_escapes_or_breaks_the_server(run_server, path):
    _, port = run_server
    status, data = raw_get(port, path)
    assert status in {400, 404}, data[:300]
    assert b"root:" not in data and b"SQLite format" not in data


def test_public_uploads_are_served_and_documents_are_not(run_server):
    base, _ = run_server
    status, headers, body = fetch(base + "/media/images/anh.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    status, _, body = fetch(base + "/media/video/phu-de/a.vtt")
    assert status == 200 and body.startswith(b"WEBVTT")
    # Documents only through the permission-checked /documents/ view.
    status, _, body = fetch(base + "/media/documents/mat.pdf")
    assert status == 404 and b"private" not in body
    assert fetch(base + "/media/images/")[0] == 404
    assert fetch(base + "/media/")[0] == 404
