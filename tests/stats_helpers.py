"""Shared fixtures for the statistics tests: both stores, a movable clock, a page."""

import json
import os
import uuid

import pytest
from django.test import override_settings

from portal.models import StandardPage

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
UA2 = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"
T0 = 1_795_000_000  # a fixed instant (2026-11-18, morning in Kon Tum)


def redis_url():
    # Keys live under a fresh prefix and are deleted afterwards, whichever db this is.
    return os.environ.get("REDIS_URL") or os.environ.get("STATS_TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"


def redis_reachable(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["db", "redis"])
def store(request, db):
    """The statistics store, once per kind; the Redis one under a fresh key prefix."""
    from portal.stats.stores import get_store

    if request.param == "db":
        with override_settings(REDIS_URL=""):
            yield get_store()
        return
    url = redis_url()
    if not redis_reachable(url):
        pytest.skip(f"Redis not reachable at {url}")
    prefix = f"test:stats:{uuid.uuid4().hex[:8]}:"
    with override_settings(REDIS_URL=url, PORTAL_STATS_REDIS_PREFIX=prefix):
        s = get_store()
        yield s
        for key in s.client.scan_iter(match=prefix + "*"):
            s.client.delete(key)


@pytest.fixture(autouse=True)
def _clear_stats_memo():
    """Page ids are reused between tests: forget the beacon's per-process lookups."""
    from portal.stats import lookups

    lookups.clear_local()
    yield
    lookups.clear_local()


class Clock:
    def __init__(self, t):
        self.t = t

    def __call__(self):
        return self.t

    def travel(self, minutes=0, seconds=0):
        self.t += minutes * 60 + seconds


@pytest.fixture
def clock(monkeypatch):
    from portal.stats import clock as stats_clock

    c = Clock(T0)
    monkeypatch.setattr(stats_clock, "now", c)
    return c


@pytest.fixture
def article(home):
    page = StandardPage(
        title="Kế hoạch triển khai Phong trào thi đua", slug="ke-hoach-57", intro="Kế hoạch số 57/KH-SNV."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def beacon(
    client, page=None, ua=UA, ip="203.0.113.7", body=None, content_type="application/json", browser=None, **extra
):
    """POST a beacon as stats.js does (``browser``: the id it keeps in localStorage)."""
    if body is None:
        data = {"page": page.pk} if page is not None else {}
        if browser:
            data["id"] = browser
        body = json.dumps(data)
    return client.post("/_stats/hit", data=body, content_type=content_type, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **extra)
