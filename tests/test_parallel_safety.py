"""The suite runs in two processes (`make test`: pytest-xdist ``-n 2 --dist loadgroup``).

Each worker empties its cache between tests (a Redis FLUSHDB when REDIS_URL is set), so
each must have a Redis database of its own; the tests sharing a module's expensive
fixture must stay in one worker (tests/conftest.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, os, subprocess, sys
from django.conf import settings
child = subprocess.run(
    [sys.executable, "-c", "from django.conf import settings; print(settings.REDIS_URL)"],
    capture_output=True, text=True, check=True,
).stdout.strip()
print(json.dumps({"url": settings.REDIS_URL, "cache": settings.CACHES["default"].get("LOCATION"), "child": child}))
"""


def probe(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "REDIS_URL", "PORTAL_TEST_"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_each_xdist_worker_has_its_own_redis_database_and_its_servers_inherit_it():
    url = "redis://127.0.0.1:6379/6"
    assert probe(REDIS_URL=url) == {"url": url, "cache": url, "child": url}  # one process: as given
    assert probe(REDIS_URL=url, PYTEST_XDIST_WORKER="gw0")["url"] == url
    second = "redis://127.0.0.1:6379/7"
    assert probe(REDIS_URL=url, PYTEST_XDIST_WORKER="gw1") == {"url": second, "cache": second, "child": second}
    assert probe(REDIS_URL="redis://127.0.0.1:6379/15", PYTEST_XDIST_WORKER="gw1")["url"] == "redis://127.0.0.1:6379/0"
    # Without REDIS_URL nothing turns Redis on.
    assert probe(PYTEST_XDIST_WORKER="gw1")["url"] == ""


def test_a_server_pointed_at_another_redis_keeps_it():
    """A test that starts servers on a Redis of its own (a private redis-server) keeps
    that address, even from inside a worker."""
    own = "redis://127.0.0.1:40123/0"
    result = probe(REDIS_URL=own, PYTEST_XDIST_WORKER="gw1", PORTAL_TEST_REDIS_BASE_URL="redis://127.0.0.1:6379/6")
    assert result["url"] == own


@pytest.fixture(scope="module")
def _shared():
    return object()


def test_tests_sharing_a_module_fixture_are_grouped(request, _shared):
    mark = request.node.get_closest_marker("xdist_group")
    assert mark is not None and mark.args == ("tests.test_parallel_safety:none",)


def test_tests_without_one_are_not_grouped(request):
    assert request.node.get_closest_marker("xdist_group") is None
