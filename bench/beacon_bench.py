#!/usr/bin/env python
"""Throughput of the statistics beacon and of an article page, as ratios, in one run.

    .venv/bin/python bench/beacon_bench.py            # SQLite (temp file) + Redis if reachable
    DATABASE_URL=postgres://… REDIS_URL=redis://…/3 .venv/bin/python bench/beacon_bench.py

Each measurement is ``wrk -t2 -c16 -d<seconds>`` (default 5 s) against gunicorn (2 sync
workers, ``--no-control-socket``). The two sides of each ratio run AT THE SAME TIME on
their own servers, so that whatever else the (shared) machine is doing weighs on both
equally and the ratio compares the cost per request; ``--sequential`` measures them one
after the other instead. ``--rounds`` rounds (default 3); the median ratio counts:

1. a trivial Django JSON view (``/_bench/trivial`` of bench/urls.py, served with bench/beacon_settings.py)
2. the beacon on the database store; 3. the same on Redis (each with its own ping)
4. an article page with statistics on; 5. the same with ``PORTAL_STATS_ENABLED=0``

Every beacon comes from a new random browser (a fresh browser id, as stats.js sends it)
at a random address (X-Forwarded-For through a trusted proxy), so each one is counted:
a new visitor, a new visit and a new view, through every per-source bucket — the
heaviest path.
Targets: Redis beacon ≥ 40 % of the trivial view, database beacon ≥ 10 %, article with
counting ≥ 90 % of without.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import stack  # noqa: E402
from bench.servers import Server, manage, server_env, setup_content  # noqa: E402

WRK = os.environ.get("WRK", "/usr/bin/wrk")
TRIVIAL = "/_bench/trivial"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"

BEACON_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "%(ua)s"
local ids = {%(ids)s}
math.randomseed(os.time())
local function browser_id()
  local parts = {}
  for i = 1, 8 do parts[i] = string.format("%%04x", math.random(0, 65535)) end
  return table.concat(parts)
end
request = function()
  wrk.headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local body = '{"page": ' .. ids[math.random(#ids)] .. ', "id": "' .. browser_id() .. '"}'
  return wrk.format(nil, "/_stats/hit", nil, body)
end
"""


def _wrk_cmd(url, seconds, script=None, path="/"):
    cmd = [WRK, "-t2", "-c16", f"-d{seconds}s"]
    if script:
        cmd += ["-s", script]
    cmd.append(url + path)
    return cmd


def _parse(out):
    result = stack.parse_wrk(out)
    return {"rps": result["rps"], "non2xx": result["non_2xx_3xx"]}


def wrk(url, seconds, script=None, path="/"):
    out = subprocess.run(
        _wrk_cmd(url, seconds, script, path), capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    return _parse(out)


def wrk_pair(a, b, seconds):
    """Run two wrk measurements at the same time; ``a`` and ``b`` are (url, script, path)."""
    procs = [
        subprocess.Popen(_wrk_cmd(url, seconds, script, path), stdout=subprocess.PIPE, text=True)
        for url, script, path in (a, b)
    ]
    outs = [p.communicate(timeout=seconds + 30)[0] for p in procs]
    return _parse(outs[0]), _parse(outs[1])


def redis_ok(url):
    import redis

    try:
        return bool(url) and redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="duration of each wrk run (≤ 10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--sequential", action="store_true", help="measure the two sides one after the other, not at the same time"
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    args = parser.parse_args()
    seconds = max(1, min(args.seconds, 10))

    tmp = Path(tempfile.mkdtemp(prefix="beacon-bench-"))
    database_url = os.environ.get("DATABASE_URL", "")
    base = {
        "DATABASE_URL": database_url,
        # The test settings plus bench/urls.py: the trivial view is the bench's, not the portal's.
        "DJANGO_SETTINGS_MODULE": "bench.beacon_settings",
        "TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_STATS_RATE_LIMIT": "100000",
        "PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR": "100000",
        "PORTAL_STATS_SOURCE_VISITORS_PER_HOUR": "100000",
        "REDIS_URL": "",
        "LOG_LEVEL": "ERROR",
    }
    if not database_url:
        base["SQLITE_PATH"] = tmp / "bench.sqlite3"
    env_db = server_env(**base)
    print(
        f"database: {'PostgreSQL' if database_url.startswith('postgres') else 'SQLite (WAL)'}; preparing…", flush=True
    )
    manage(env_db, "migrate", "-v0")
    ids = setup_content(env_db)
    article_path = "/bai-1/"
    lua = tmp / "beacon.lua"
    lua.write_text(BEACON_LUA % {"ua": BROWSER_UA, "ids": ", ".join(map(str, ids))})

    prefix = f"bench:{uuid.uuid4().hex[:8]}:"
    has_redis = redis_ok(args.redis_url)
    # Each side of a pair has its own server (same configuration), so that measuring
    # both at once never makes them share workers.
    servers = {"db": Server(env_db, log=tmp / "db.log"), "db-ping": Server(env_db, log=tmp / "db-ping.log")}
    servers["off"] = Server(server_env(**base | {"PORTAL_STATS_ENABLED": "0"}), log=tmp / "off.log")
    if has_redis:
        env_redis = server_env(
            **base
            | {"REDIS_URL": args.redis_url, "PORTAL_STATS_REDIS_PREFIX": prefix, "CACHE_KEY_PREFIX": prefix + "c"}
        )
        servers["redis"] = Server(env_redis, log=tmp / "redis.log")
        servers["redis-ping"] = Server(env_redis, log=tmp / "redis-ping.log")
    else:
        print(f"  Redis not reachable at {args.redis_url}: the Redis beacon is not measured")
    pairs = [
        # (label, numerator, denominator, target); each pair is measured back to back
        ("beacon on database / trivial view", ("db", "/", str(lua)), ("db-ping", TRIVIAL, None), 0.10),
        ("beacon on Redis / trivial view", ("redis", "/", str(lua)), ("redis-ping", TRIVIAL, None), 0.40),
        ("article counting on / counting off", ("db", article_path, None), ("off", article_path, None), 0.90),
    ]
    pairs = [pair for pair in pairs if pair[1][0] in servers]
    ratios = {label: [] for label, *_ in pairs}
    try:
        for server in servers.values():
            server.wait(path=TRIVIAL, timeout=180)  # a busy machine starts slowly
        for _, a, b, _ in pairs:  # warm-up (caches, connections), not counted
            for key, path, script in (a, b):
                wrk(servers[key].url, 1, script=script, path=path)
        # Interleaved rounds, the order of each pair alternating, so that the load of a
        # shared machine falls on both sides of every ratio; the median ratio counts.
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}:", flush=True)
            for label, a, b, _ in pairs:
                # Pages are ~100× slower than the beacon: give them the full 10 s for samples.
                duration = 10 if label.startswith("article") else seconds
                if args.sequential:
                    order = (a, b) if round_ % 2 else (b, a)
                    got = {}
                    for key, path, script in order:
                        got[(key, path)] = wrk(servers[key].url, duration, script=script, path=path)
                    ra, rb = got[(a[0], a[1])], got[(b[0], b[1])]
                else:
                    ra, rb = wrk_pair((servers[a[0]].url, a[2], a[1]), (servers[b[0]].url, b[2], b[1]), duration)
                bad = ra["non2xx"] + rb["non2xx"]
                ratios[label].append((ra["rps"] / rb["rps"], bad))
                print(
                    f"  {label:<38} {ra['rps']:>8.0f} / {rb['rps']:>6.0f} req/s = {ra['rps'] / rb['rps']:6.1%}"
                    + (f"  (non-2xx: {bad})" if bad else ""),
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.stop()

    if has_redis:
        import redis

        client = redis.Redis.from_url(args.redis_url)
        for key in client.scan_iter(match=prefix + "*"):
            client.delete(key)

    print("\nratios, median of the rounds (target):")
    failed = False
    for label, _, _, target in pairs:
        values = sorted(r for r, _ in ratios[label])
        value = statistics.median(values)
        errors = sum(bad for _, bad in ratios[label])
        ok = value >= target and not errors
        failed |= not ok
        print(
            f"  {label:<38} {value:6.1%}  (≥ {target:.0%}) {'ok' if ok else 'BELOW TARGET'}"
            + (f", {errors} non-2xx" if errors else "")
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
