"""Many visitors at once against real app servers (gunicorn).

- PostgreSQL + Redis: 200 visitors send 1,000 beacons to two app servers while two
  ``flush_stats`` loops run concurrently; after a last flush every total is exact. All
  200 are browsers behind ONE address with the same user agent (an office, a carrier
  NAT): their browser ids tell them apart. The per-source limits are raised for this
  run (``ONE_ADDRESS_LIMITS``), as a site would for an address it knows is shared.
- SQLite (the embedded default, database store): the same load against one server
  gives no error response.
"""

import http.client
import json
import os
import threading
import uuid
from collections import Counter

import pytest
import redis as redis_lib
from django.db import connection

from bench.servers import Server, manage, server_env, setup_content
from tests.stats_helpers import UA, redis_reachable

ONE_ADDRESS_LIMITS = {
    "PORTAL_STATS_RATE_LIMIT": 100_000,
    "PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR": 100_000,
    "PORTAL_STATS_SOURCE_VISITORS_PER_HOUR": 100_000,
}

VISITORS = 200
# Each visitor's five beacons: page 0 three times (a reload; counted once), pages 1 and 2.
PATTERN = [0, 1, 0, 2, 0]


def run_load(urls, page_ids, one_address=False):
    """200 threads × 5 beacons, spread over ``urls``; returns Counter of statuses and
    the last answer each visitor got. Each visitor is a browser with its own id; with
    ``one_address`` all come from one address with one user agent."""
    statuses = Counter()
    answers = {}
    lock = threading.Lock()
    start = threading.Barrier(VISITORS)

    def visitor(i):
        ip = "10.0.0.7" if one_address else f"10.{i // 250}.{i % 250}.7"
        ua = UA if one_address else f"{UA} visitor/{i}"
        browser = uuid.uuid4().hex
        start.wait()
        for n, which in enumerate(PATTERN):
            host = urls[(i + n) % len(urls)]
            conn = http.client.HTTPConnection(host, timeout=60)
            try:
                conn.request(
                    "POST",
                    "/_stats/hit",
                    body=json.dumps({"page": page_ids[which], "id": browser}),
                    headers={"Content-Type": "application/json", "User-Agent": ua, "X-Forwarded-For": ip},
                )
                response = conn.getresponse()
                body = response.read()
                with lock:
                    statuses[response.status] += 1
                    if response.status == 200:
                        answers[i] = json.loads(body)
            except OSError as exc:
                with lock:
                    statuses[type(exc).__name__] += 1
            finally:
                conn.close()

    threads = [threading.Thread(target=visitor, args=(i,)) for i in range(VISITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, answers


def _is_postgres():
    return connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_servers_on_postgres_and_redis_end_with_exact_totals():
    if not _is_postgres():
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    url = os.environ.get("REDIS_URL", "")
    if not url or not redis_reachable(url):
        pytest.skip("needs REDIS_URL with a reachable Redis")
    from hitcount.models import HitCount

    from portal.stats.models import DailyPageViews, DailyTotal, SiteTotal

    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    prefix = f"test:load:{uuid.uuid4().hex[:8]}:"
    env = server_env(
        DATABASE_URL=database_url,
        REDIS_URL=url,
        PORTAL_STATS_REDIS_PREFIX=prefix,
        CACHE_KEY_PREFIX=prefix + "cache",
        TRUSTED_PROXIES="127.0.0.1",
        **ONE_ADDRESS_LIMITS,
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    page_ids = setup_content(env)
    servers = [Server(env), Server(env)]
    stop = threading.Event()
    flush_errors = []

    def flush_loop():
        while not stop.is_set():
            try:
                manage(env, "flush_stats")
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                flush_errors.append(exc)

    try:
        for s in servers:
            s.wait()
        flushers = [threading.Thread(target=flush_loop) for _ in range(2)]
        for f in flushers:
            f.start()
        statuses, answers = run_load([f"127.0.0.1:{s.port}" for s in servers], page_ids, one_address=True)
        stop.set()
        for f in flushers:
            f.join()
        manage(env, "flush_stats")
    finally:
        stop.set()
        for s in servers:
            s.stop()
        client = redis_lib.Redis.from_url(url)
        for key in client.scan_iter(match=prefix + "*"):
            client.delete(key)

    assert statuses == Counter({200: VISITORS * len(PATTERN)})
    assert flush_errors == []
    hits = dict(HitCount.objects.filter(object_pk__in=page_ids).values_list("object_pk", "hits"))
    assert hits == {page_ids[0]: 3134 + VISITORS, page_ids[1]: VISITORS, page_ids[2]: VISITORS}
    assert SiteTotal.objects.get().total == 46_012_327 + VISITORS
    assert sum(DailyTotal.objects.values_list("visits", flat=True)) == VISITORS
    assert sum(DailyTotal.objects.values_list("views", flat=True)) == 3 * VISITORS
    assert sum(DailyTotal.objects.values_list("visitors", flat=True)) == VISITORS
    assert sum(DailyPageViews.objects.values_list("views", flat=True)) == 3 * VISITORS
    assert max(a["total"] for a in answers.values()) == 46_012_327 + VISITORS
    assert max(a["online"] for a in answers.values()) == VISITORS


def test_sqlite_server_answers_the_same_load_without_errors(tmp_path, migrated_sqlite):
    sqlite_path = migrated_sqlite(tmp_path / "load.sqlite3")
    env = server_env(SQLITE_PATH=sqlite_path, REDIS_URL="", DATABASE_URL="", TRUSTED_PROXIES="127.0.0.1")
    page_ids = setup_content(env)
    server = Server(env, log=tmp_path / "server.log")
    try:
        server.wait()
        statuses, answers = run_load([f"127.0.0.1:{server.port}"], page_ids)
    finally:
        server.stop()
    assert statuses == Counter({200: VISITORS * len(PATTERN)}), (tmp_path / "server.log").read_text()[-3000:]
    import sqlite3

    with sqlite3.connect(sqlite_path) as db:
        hits = dict(db.execute("SELECT object_pk, hits FROM hitcount_hit_count").fetchall())
        total = db.execute("SELECT imported + counted FROM stats_sitetotal").fetchone()[0]
    assert hits == {page_ids[0]: 3134 + VISITORS, page_ids[1]: VISITORS, page_ids[2]: VISITORS}
    assert total == 46_012_327 + VISITORS
