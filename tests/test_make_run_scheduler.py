"""`make run` publishes scheduled pages by itself: a loop beside runserver runs
`publish_scheduled`, and stops when runserver does.

Starts the real `make run` (migrate, demo content, development server) on a free port with
its own SQLite file (already migrated, to save the suite half a minute: `make run` finds
nothing to migrate; migrating a new database is tested by tests/test_public_serving.py and
tests/test_deploy.py), schedules a page a few seconds ahead through Wagtail's API in a
separate process, and waits for the site to serve it.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCHEDULE = """
import datetime
from django.utils import timezone
from portal.core.page_tree import get_home
from portal.models import StandardPage
home = get_home()
page = StandardPage(title="Thông báo hẹn giờ", slug="thong-bao-hen-gio", intro="Đăng theo lịch.", live=False)
home.add_child(instance=page)
page.go_live_at = timezone.now() + datetime.timedelta(seconds=3)
page.save_revision().publish()
page.refresh_from_db()
assert not page.live, "scheduled, not live yet"
print(page.url)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_processes(sid):
    """(pid, command line) of the live processes in session ``sid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if fields[0] == "Z" or int(fields[3]) != sid:
                continue
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):
            continue
        found.append((int(entry.name), cmd))
    return found


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_make_run_publishes_scheduled_pages_and_stops_its_loop_with_runserver(tmp_path, migrated_sqlite):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "SQLITE_PATH": str(migrated_sqlite(tmp_path / "db.sqlite3")),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SUPERUSER_USERNAME": "admin",
        "DJANGO_SUPERUSER_PASSWORD": "mật-khẩu-thử-make-run-1",
        "DJANGO_SUPERUSER_EMAIL": "admin@example.invalid",
    }
    env.pop("DATABASE_URL", None)
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", "PUBLISH_EVERY=1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600
        while get(base + "/") != 200:
            assert make.poll() is None, "make run stopped"
            assert time.monotonic() < deadline, "the site did not come up"
            time.sleep(1)
        scheduled = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SCHEDULE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        path = scheduled.stdout.strip().splitlines()[-1]
        deadline = time.monotonic() + 60
        while get(base + path) != 200:  # nobody runs anything: the loop publishes it
            assert time.monotonic() < deadline, "the scheduled page was not published"
            time.sleep(1)

        # The recipe's shell and the loop (a subshell of it) have the recipe as command line;
        # the servers are the Python processes (runserver and its autoreloader child).
        running = session_processes(make.pid)
        shells = [pid for pid, cmd in running if cmd.startswith("/bin/sh") and "publish_scheduled" in cmd]
        assert len(shells) >= 2, "the publishing loop runs beside the server"
        for pid, cmd in running:
            if "manage.py runserver" in cmd and not cmd.startswith("/bin/sh"):
                with contextlib.suppress(ProcessLookupError):  # the reloader's child left with it
                    os.kill(pid, signal.SIGTERM)
        make.wait(timeout=30)
        time.sleep(2.5)  # the loop sleeps in 1-second steps
        assert session_processes(make.pid) == [], "nothing outlives runserver"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)
