"""Load test: wrk with 64 connections for 60 s at the portal behind the shipped nginx.

    .venv/bin/python bench/load_bench.py                  # demo site, gunicorn + shipped nginx
    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python bench/load_bench.py
    .venv/bin/python bench/load_bench.py --app-servers 2  # two gunicorns behind one nginx
    .venv/bin/python bench/load_bench.py --direct         # gunicorn alone, no proxy
    .venv/bin/python bench/load_bench.py --url http://127.0.0.1:8080   # a stack already running

Without ``--url`` it makes a site in a temporary folder (SQLite there, or the database in
``DATABASE_URL``, which must be empty or hold this demo), migrates, loads the demo content,
collects static files, starts gunicorn with ``deploy/gunicorn.conf.py`` and the production
settings (HTTPS redirect off: wrk speaks plain HTTP) and puts the shipped
``deploy/nginx/portal.conf`` in front of it (bench/stack.py), exactly as tests/test_deploy.py
does. wrk then cycles through every kind of public URL the demo has — home, listings, a
news article, a plan, a campaign, a video, a standard page, search, the sitemap, robots.txt,
the RSS feed, a static file and the statistics beacon (POST) — and the script prints
requests, requests/s, p50/p90/p99 and every kind of error. It exits 1 if there was any.

The beacon's per-address limit (``PORTAL_STATS_RATE_LIMIT``) is raised for the run: every
wrk connection comes from 127.0.0.1, and one address sending thousands of beacons a minute
is exactly what that limit answers with 429. The limit itself is tested in tests/test_stats.py.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stack  # noqa: E402

FIXED_PATHS = ["/", "/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch", "/sitemap.xml", "/robots.txt"]
PAGE_MODELS = [
    "news.NewsIndexPage",
    "news.NewsPage",
    "campaigns.PlanIndexPage",
    "campaigns.PlanPage",
    "campaigns.CampaignIndexPage",
    "campaigns.CampaignPage",
    "video.VideoIndexPage",
    "video.VideoPage",
    "portal.StandardPage",
]
LUA = """
local requests = {%s}
local i = 0
request = function()
  i = i + 1
  local r = requests[(i %% #requests) + 1]
  local headers = {["Host"] = "%s", ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) load-bench"}
  if r[1] == "POST" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", r[2], headers, r[3])
  end
  return wrk.format("GET", r[2], headers)
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(tmp):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PORTAL_BASE_URL=env.get("PORTAL_BASE_URL") or "http://localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(Path(tmp) / "static"),
        MEDIA_ROOT=str(Path(tmp) / "media"),
        LOG_LEVEL="ERROR",
        PORTAL_STATS_RATE_LIMIT=str(10**9),
        PORTAL_SEARCH_LIMIT_PER_SOURCE="0",  # one client: measure the server, not the limit
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    return env


def discover(env):
    """One live page of each kind the demo has, its id (for the beacon) and the feed."""
    code = f"""
import json, django
django.setup()
from django.apps import apps
from django.urls import reverse
out = {{"pages": [], "beacon": reverse("stats:beacon")}}
for label in {PAGE_MODELS!r}:
    try:
        model = apps.get_model(label)
    except LookupError:
        continue
    page = model.objects.live().public().filter(locale__language_code="vi").order_by("pk").first()
    if page is not None:
        out["pages"].append([label, page.url, page.pk])
        if label == "news.NewsIndexPage":
            out["pages"].append(["news feed", page.specific.feed_url(), None])
print(json.dumps(out))
"""
    return stack.django_json(env, code, "list the demo's pages")


def start_stack(tmp, env, workers, app_servers, direct):
    print("preparing: migrate, load_demo, collectstatic …", flush=True)
    stack.manage(env, "migrate", "--noinput")
    stack.manage(env, "load_demo")
    stack.manage(env, "collectstatic", "--noinput")
    procs = []
    ports = [free_port() for _ in range(app_servers)]
    for n, port in enumerate(ports):
        procs.append(stack.start_gunicorn(port, env, workers=workers, log=Path(tmp) / f"gunicorn{n}.log"))
    for port in ports:
        stack.wait_http(f"http://127.0.0.1:{port}/robots.txt", timeout=60)
    if direct:
        return procs, f"http://127.0.0.1:{ports[0]}", "gunicorn directly (no proxy)"
    nginx_port = free_port()
    conf = stack.write_nginx_conf(
        Path(tmp) / "nginx",
        port=nginx_port,
        upstreams=[f"127.0.0.1:{p}" for p in ports],
        static_root=Path(tmp) / "static",
        media_root=Path(tmp) / "media",
    )
    check = stack.nginx_test(conf)
    if check.returncode:
        raise SystemExit(check.stderr)
    procs.append(stack.start_nginx(conf))
    url = f"http://127.0.0.1:{nginx_port}"
    stack.wait_http(url + "/robots.txt")
    where = f"the shipped nginx in front of {app_servers} gunicorn ({workers} workers each)"
    return procs, url, where


def build_requests(env, url):
    found = discover(env)
    requests = [["GET", path, None] for path in FIXED_PATHS]
    requests += [["GET", page_url, None] for _label, page_url, _pk in found["pages"] if page_url]
    requests.append(["GET", "/static/css/portal.css", None])
    article = next((pk for label, _url, pk in found["pages"] if label == "news.NewsPage"), None)
    if found.get("beacon"):
        requests.append(["POST", found["beacon"], json.dumps({"page": article} if article else {})])
    for method, path, body in requests:  # every URL answers before the run
        request = urllib.request.Request(
            url + path,
            data=body.encode() if body else None,
            method=method,
            headers={"Content-Type": "application/json", "User-Agent": "Mozilla/5.0 load-bench"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        print(f"  {method:<4} {status} {path}", flush=True)
    return requests


def run_wrk(url, requests, connections, duration, tmp):
    host = url.split("//", 1)[1].split("/", 1)[0]
    script = Path(tmp) / "paths.lua"

    def lua_string(value):
        return json.dumps(value or "")

    entries = ", ".join(f"{{{lua_string(m)}, {lua_string(p)}, {lua_string(b)}}}" for m, p, b in requests)
    script.write_text(LUA % (entries, host))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    command += ["-s", str(script), url]
    print("$", " ".join(command), flush=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return output, stack.parse_wrk(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="bench this running stack instead of starting one (fixed paths only)")
    parser.add_argument("--direct", action="store_true", help="gunicorn alone, without the shipped nginx")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--app-servers", type=int, default=1, help="gunicorn processes behind nginx")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    if not args.direct and not args.url and not stack.have_nginx():
        raise SystemExit("nginx is not installed (apt-get install nginx), or use --direct")
    with tempfile.TemporaryDirectory(prefix="portal-load-") as tmp:
        procs = []
        try:
            if args.url:
                url, where = args.url.rstrip("/"), "given URL " + args.url
                requests = [["GET", path, None] for path in FIXED_PATHS]
            else:
                env = site_env(tmp)
                procs, url, where = start_stack(tmp, env, args.workers, args.app_servers, args.direct)
                requests = build_requests(env, url)
            output, result = run_wrk(url, requests, args.connections, args.duration, tmp)
        finally:
            for proc in reversed(procs):
                stack.stop(proc)
    print(output)
    errors = result["non_2xx_3xx"] + sum(result["socket_errors"].values())
    print(
        f"RESULT {where}: {len(requests)} URLs in turn, {result['requests']} requests in {args.duration} s with "
        f"{args.connections} connections, {result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
        f"p90 {result['p90_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, errors {errors} "
        f"(non-2xx/3xx {result['non_2xx_3xx']}, socket {result['socket_errors']})"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
