"""Faults: Redis going away and coming back, PostgreSQL connections dropped under a
running app server. Each test runs only where its service exists (CI has both).

- Redis: a private redis-server on a free port (never the shared one) is stopped and
  started again under the app's FailSafeRedisCache.
- PostgreSQL: a gunicorn worker's persistent connection is killed with
  ``pg_terminate_backend`` (as a server restart would); the next request must succeed.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from portal.cache.backends import FailSafeRedisCache

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:  # noqa: BLE001, S110 - not up yet
            pass
        time.sleep(0.2)
    raise AssertionError("service did not come up")


class PrivateRedis:
    def __init__(self):
        self.port = free_port()

    def start(self):
        subprocess.run(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--logfile",
                os.devnull,
            ],
            check=True,
            timeout=30,
        )
        wait_for(self.ping)

    def ping(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=1).ping()

    def stop(self):
        import redis

        with contextlib.suppress(redis.exceptions.ConnectionError):  # shutdown drops its own connection
            redis.Redis(port=self.port, socket_timeout=1).shutdown(nosave=True)

    def dbsize(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=1).dbsize()


@pytest.fixture
def private_redis():
    if not REDIS_SERVER:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


CACHE_MIDDLEWARE = ["django.middleware.cache.UpdateCacheMiddleware"]


@pytest.mark.redis
@pytest.mark.django_db
def test_pages_serve_without_redis_and_the_cache_recovers_without_restart(private_redis, client, home, monkeypatch):
    from django.conf import settings

    monkeypatch.setattr(FailSafeRedisCache, "retry_after", 0.0)
    middleware = (
        ["django.middleware.cache.UpdateCacheMiddleware"]
        + list(settings.MIDDLEWARE)
        + ["django.middleware.cache.FetchFromCacheMiddleware"]
    )
    cache_settings = {
        "default": {
            "BACKEND": "portal.cache.backends.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{private_redis.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=cache_settings, MIDDLEWARE=middleware, CACHE_MIDDLEWARE_SECONDS=60):
        cache = caches["default"]
        assert isinstance(cache, FailSafeRedisCache)
        assert client.get("/").status_code == 200
        assert private_redis.dbsize() > 0, "the page went into the cache"
        cache.set("thu", 1)
        assert cache.get("thu") == 1

        private_redis.stop()
        started = time.monotonic()
        for path in ["/", "/?page=2", "/tim-kiem/?q=ke-hoach", "/sitemap.xml"]:
            assert client.get(path).status_code == 200, path
        assert cache.get("thu") is None
        assert cache.set("thu", 2) is False
        assert cache.add("moi", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        with pytest.raises(ValueError):
            cache.incr("thu")
        # A failed admin login still answers (login limits count in the database, not in Redis).
        response = client.post("/admin/login/", {"username": "x", "password": "y"})
        assert response.status_code == 200
        assert time.monotonic() - started < 10, "a dead Redis must not make every request slow"

        private_redis.start()
        assert private_redis.dbsize() == 0
        assert client.get("/").status_code == 200
        assert private_redis.dbsize() > 0, "the cache is used again with no restart"
        cache.set("thu", 3)
        assert cache.get("thu") == 3


def gunicorn(env, port):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--no-control-socket",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL (DATABASE_URL)"
)
@pytest.mark.django_db
def test_app_recovers_when_postgresql_drops_its_connections():
    # gunicorn reads what the migrations committed (root page, default site): enough for
    # the sitemap, which queries the database on every request.
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}",
        CONN_MAX_AGE="600",
    )
    env.pop("REDIS_URL", None)
    server = gunicorn(env, port)
    url = f"http://127.0.0.1:{port}/sitemap.xml"
    try:
        wait_for(lambda: fetch(url) == 200, timeout=60)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            killed = sum(1 for (ok,) in cursor.fetchall() if ok)
        assert killed >= 1, "the app server's persistent connection was dropped"
        # Same worker, no restart: the health check notices and reconnects.
        assert fetch(url) == 200
        assert fetch(url) == 200
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
