"""gunicorn settings for the portal: ``gunicorn -c deploy/gunicorn.conf.py portal.wsgi``.

Every value can be overridden from the environment (``/etc/portal/portal.env``).
Sync workers: on our 2-core machines threads (gthread) were never faster for this
database-bound work, and a worker per core pair keeps PostgreSQL connections few
(workers × app servers must stay well under max_connections = 100).
"""

import contextlib
import multiprocessing
import os

# TCP, not a unix socket: nginx may run on another machine, and the client address needs
# a REMOTE_ADDR to trust X-Forwarded-For from (TRUSTED_PROXIES).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then (memory held by big admin requests), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# No preload: each worker imports the application itself, so workers started after an
# update run the code now on disk. `systemctl reload portal` runs deploy/gunicorn_reload.py:
# it starts new workers next to the old ones and retires the old ones once the new ones
# have loaded the application (marked below), so no request waits for an import and none
# is refused (tests/test_deploy.py measures this). With preload_app = True the workers
# would keep the code the master loaded at start.
preload_app = False
READY_DIR = os.environ.get("GUNICORN_READY_DIR", "")


def post_worker_init(worker):
    """The application is loaded in this worker: mark it ready for gunicorn_reload.py."""
    if READY_DIR and os.path.isdir(READY_DIR):
        with open(os.path.join(READY_DIR, f"worker-{worker.pid}.ready"), "w"):
            pass


def child_exit(server, worker):
    if READY_DIR:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(READY_DIR, f"worker-{worker.pid}.ready"))


worker_tmp_dir = "/dev/shm"  # noqa: S108 - heartbeat files in RAM (gunicorn docs), not data
# gunicorn 27 opens a control socket by default and logs an error when it cannot.
control_socket_disable = True
# nginx sets X-Forwarded-Proto; trust it only from the proxy.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # nginx already logs requests
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "portal"
