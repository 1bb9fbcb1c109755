"""Rolling reload of the gunicorn master ``PID``: new code, no request waits.

    python deploy/gunicorn_reload.py PID       # systemd: ExecReload= (systemctl reload portal)

gunicorn's own reload (HUP) stops the old workers at once while the new ones are still
importing Django and Wagtail (several seconds on a busy 2-core server): requests wait in
the socket's backlog all that time. This script instead adds one new worker per old one
(TTIN; each new worker imports the code now on disk, preload_app is off), waits until
every new worker has loaded the application (deploy/gunicorn.conf.py marks it ready in
GUNICORN_READY_DIR), then removes as many workers (TTOU), which gunicorn takes from the
oldest: the old workers finish the requests they hold and exit. The master, its PID and
its listening socket stay. Changes to deploy/gunicorn.conf.py itself need
``systemctl restart portal``.
"""

import os
import signal
import sys
import time
from pathlib import Path


def children(pid):
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …"; comm may hold spaces or parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def wait(check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def ready(ready_dir, pids):
    return all((ready_dir / f"worker-{pid}.ready").exists() for pid in pids)


def main(argv):
    if len(argv) != 2 or not argv[1].isdigit():
        sys.exit("usage: gunicorn_reload.py PID (the gunicorn master)")
    master = int(argv[1])
    ready_dir = Path(os.environ.get("GUNICORN_READY_DIR", "/run/portal"))
    timeout = float(os.environ.get("GUNICORN_RELOAD_TIMEOUT", "120"))
    old = children(master)
    if not old or not ready_dir.is_dir():
        # Nothing to roll (or no readiness marks): gunicorn's own reload.
        os.kill(master, signal.SIGHUP)
        return 0
    new = set()
    for _ in old:
        before = children(master)
        os.kill(master, signal.SIGTTIN)  # one at a time: the master coalesces signals
        if not wait(lambda before=before, new=frozenset(new): children(master) - before - new, 10):
            break
        new |= children(master) - before
    if not wait(lambda: ready(ready_dir, new), timeout):
        print(f"gunicorn_reload: new workers not ready after {timeout:.0f} s, retiring the old ones anyway")
    for _ in range(len(new)):
        count = len(children(master))
        os.kill(master, signal.SIGTTOU)
        wait(lambda count=count: len(children(master) - old) == len(new) and len(children(master)) < count, 5)
    gone = wait(lambda: not (children(master) & old), 60)
    print(f"gunicorn_reload: {len(new)} new workers serving, old workers {'retired' if gone else 'still finishing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
