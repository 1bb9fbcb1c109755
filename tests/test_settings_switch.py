"""The settings read the environment: SQLite and a local cache by default,
PostgreSQL with DATABASE_URL, Redis with REDIS_URL; production refuses to start
without SECRET_KEY, ALLOWED_HOSTS and PORTAL_BASE_URL and passes ``check --deploy``."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "https://sonoivu.kontum.gov.vn"

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], 'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE}))"
)


def run(code, module, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "PORTAL_BASE_URL"}
    }
    base.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)


def probe(module="portal.settings.dev", **env):
    result = run(PROBE, module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_default_is_sqlite_and_local_cache_with_vietnamese_and_kon_tum_time():
    values = probe()
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["lang"] == "vi"
    assert values["tz"] == "Asia/Ho_Chi_Minh"


def test_database_url_switches_to_postgresql_and_redis_url_to_redis():
    values = probe(DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal", REDIS_URL="redis://127.0.0.1:6379/1")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "portal"
    assert values["cache"] == "portal.cache.backends.FailSafeRedisCache"


def test_production_refuses_to_start_without_secret_key():
    result = run(PROBE, "portal.settings.production", ALLOWED_HOSTS="sonoivu.kontum.gov.vn", PORTAL_BASE_URL=PUBLIC)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(PROBE, "portal.settings.production", SECRET_KEY="x" * 64, PORTAL_BASE_URL=PUBLIC)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_the_public_address():
    """The development default (http://127.0.0.1:8000) must never reach canonical links,
    the Wagtail Site or the purges of a real installation."""
    result = run(PROBE, "portal.settings.production", SECRET_KEY="x" * 64, ALLOWED_HOSTS="sonoivu.kontum.gov.vn")
    assert result.returncode != 0
    assert "PORTAL_BASE_URL" in result.stderr
    result = run(
        PROBE,
        "portal.settings.production",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="sonoivu.kontum.gov.vn",
        PORTAL_BASE_URL="",
    )
    assert result.returncode != 0 and "PORTAL_BASE_URL" in result.stderr


def test_production_passes_check_deploy_without_warnings():

    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser fixture (conftest) once a browser test ran.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k3y-" + "a1b2C3d4e5F6g7H8i9J0" * 3,
        ALLOWED_HOSTS="sonoivu.kontum.gov.vn",
        PORTAL_BASE_URL=PUBLIC,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
