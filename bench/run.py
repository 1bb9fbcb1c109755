"""Measure the portal on the shipped stack, in one run, as ratios.

    bench/run                      # SQLite (the embedded default), local-memory cache
    bench/run --postgres postgres://postgres@127.0.0.1:5432/portal_ops --redis redis://127.0.0.1:6379/7

Builds a site in a temporary folder (or in the given PostgreSQL database, which it DROPS
and re-creates), starts gunicorn (2 sync workers, deploy/gunicorn.conf.py) twice — page
cache off on PORT1, on on PORT2 — and the shipped nginx configuration on PORT3 in front of
the second, then measures each URL with one ``wrk`` run and prints requests/s, p50, p99 and
the ratio to nginx serving a static file and to a trivial Django JSON view, both measured
in the same run. The trivial view is measured twice: through the portal's own settings and
middleware ("trivial Django view", the yardstick the issues name) and in a bare Django
project with ``startproject``'s defaults (bench/bare_settings.py, "bare Django view") on a
fourth port, so the stricter ratio is printed too. Then it grows the news to ``--news-large`` items and measures the home page
and the news listing again.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stack  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL database to (re)create and use")
    parser.add_argument("--redis", metavar="URL", help="Redis for the cache (and counters)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (≤ 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--news", type=int, default=1000, help="news items for the main measurements")
    parser.add_argument("--news-large", type=int, default=100_000, help="0 to skip the growth measurement")
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--videos", type=int, default=50)
    parser.add_argument(
        "--ports", default="8107,8117,8127,8137", help="gunicorn uncached, gunicorn cached, nginx, bare Django"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--workdir", help="use (and keep) this folder; an existing SQLite site there is reused")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    return parser.parse_args()


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- wrk ------------------------------------------------------------------------------


def wrk(url, args, script=None):
    cmd = [WRK, f"-t{args.threads}", f"-c{args.connections}", f"-d{min(args.duration, 10)}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    result = stack.parse_wrk(subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout)
    result["socket_errors"] = sum(result["socket_errors"].values())
    return result


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# --- site -----------------------------------------------------------------------------


def recreate_postgres(url):
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def discover(env, port):
    """Ask the site for the URLs to measure (the bench never imports the content apps)."""
    code = r"""
import json, django
django.setup()
from django.apps import apps
from django.urls import reverse, NoReverseMatch
from wagtail.models import Page
out = {}
def first(label, **filters):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    page = model.objects.live().filter(**filters).order_by("-first_published_at").first()
    return page.url if page else None
out["article"] = first("news.NewsPage") or first("portal.StandardPage")
out["listing"] = first("news.NewsIndexPage")
out["plan"] = first("campaigns.PlanPage")
out["home"] = "/"
try:
    from urllib.parse import quote_plus
    out["search"] = reverse("search") + "?q=" + quote_plus("kế hoạch thi đua")
except NoReverseMatch:
    out["search"] = None
beacon = None
for name in ("stats:beacon", "stats_beacon", "beacon"):
    try:
        beacon = reverse(name)
        break
    except NoReverseMatch:
        continue
out["beacon"] = beacon
print(json.dumps(out))
"""
    return stack.django_json(env, code, "discover URLs")


def beacon_script(tmp, base, beacon_path, article_path, env):
    """A wrk Lua script that POSTs what the page's own script sends."""
    status, headers, body = fetch(base + article_path)
    html = body.decode()
    page_id = re.search(r'data-page-id="(\d+)"', html)
    payload = json.dumps({"page": int(page_id.group(1))} if page_id else {})  # what static/js sends
    script = Path(tmp) / "beacon.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(payload)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) bench"\n'
    )
    return script


# --- main -----------------------------------------------------------------------------


def main():
    args = parse_args()
    port1, port2, port3, port4 = (int(p) for p in args.ports.split(","))
    if args.workdir:
        tmp = Path(args.workdir).resolve()
        tmp.mkdir(parents=True, exist_ok=True)
        args.keep = True
    else:
        tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    reuse = bool(args.workdir) and (tmp / "db.sqlite3").exists() and not args.postgres
    static_root, media_root = tmp / "static", tmp / "media"
    media_root.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": os.environ.get("PORTAL_BASE_URL") or "http://localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "ERROR",
        "PORTAL_STATS_RATE_LIMIT": str(10**9),  # wrk is one client sending thousands of beacons
        "TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_PAGE_CACHE": "0",
        "PORTAL_FRAGMENT_CACHE": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.postgres:
        log(f"re-creating {args.postgres}")
        recreate_postgres(args.postgres)
        env["DATABASE_URL"] = args.postgres
    else:
        env["SQLITE_PATH"] = str(tmp / "db.sqlite3")
    if args.redis:
        env["REDIS_URL"] = args.redis
        import redis

        redis.Redis.from_url(args.redis).flushdb()

    procs = []
    results = {}
    try:
        log(f"building the site in {tmp}")
        if not reuse:
            stack.manage(env, "migrate", "--noinput")
            stack.manage(env, "load_demo")
            stack.manage(env, "collectstatic", "--noinput")
        kinds = ["--news", str(args.news), "--plans", str(args.plans), "--videos", str(args.videos)]
        t0 = time.monotonic()
        gen_out = subprocess.run(
            [stack.PYTHON, "manage.py", "generate_content", "--no-progress", *kinds],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if gen_out.returncode:
            log("generate_content: " + gen_out.stderr.strip().splitlines()[-1])
        log(f"generated content in {time.monotonic() - t0:.1f}s: {gen_out.stdout.strip()}")
        urls = discover(env, port1)
        log(f"URLs: {urls}")

        uncached_env = dict(env)
        cached_env = {**env, "PORTAL_PAGE_CACHE": "1"}
        g1 = stack.start_gunicorn(port1, uncached_env, log=tmp / "gunicorn1.log")
        g2 = stack.start_gunicorn(port2, cached_env, log=tmp / "gunicorn2.log")
        g4 = stack.start_gunicorn(port4, {**env, "DJANGO_SETTINGS_MODULE": "bench.bare_settings"}, log=tmp / "bare.log")
        procs += [g1, g2, g4]
        conf = stack.write_nginx_conf(
            tmp / "nginx",
            port=port3,
            upstreams=[f"127.0.0.1:{port2}"],
            static_root=static_root,
            media_root=media_root,
        )
        check = stack.nginx_test(conf)
        if check.returncode:
            raise SystemExit(check.stderr)
        ngx = stack.start_nginx(conf)
        procs.append(ngx)
        base1, base2, base3, base4 = (f"http://127.0.0.1:{p}" for p in (port1, port2, port3, port4))
        for base in (base1, base2, base3, base4):
            stack.wait_http(base + "/_bench/trivial")

        # The same HTML as the article, as a file nginx serves.
        status, _, article_html = fetch(base1 + urls["article"])
        assert status == 200, f"article answered {status}"
        (static_root / "bench").mkdir(exist_ok=True)
        (static_root / "bench" / "article.html").write_bytes(article_html)

        def measure(name, url, script=None, warm=3):
            for _ in range(warm):
                fetch(url)
            r = wrk(url, args, script)
            results[name] = {"url": url, **r}
            log(f"{name:<28} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.2f} ms  p99 {r['p99_ms']:.2f} ms")
            return r

        measure("nginx static", base3 + "/static/bench/article.html")
        measure("trivial Django view", base1 + "/_bench/trivial")
        measure("bare Django view", base4 + "/_bench/trivial")
        measure("article uncached", base1 + urls["article"])
        _, headers, _ = fetch(base2 + urls["article"])
        results["_cached_header"] = headers.get("X-Portal-Cache")
        measure("article cached (gunicorn)", base2 + urls["article"])
        fetch(base3 + urls["article"])
        _, headers, _ = fetch(base3 + urls["article"])
        results["_nginx_header"] = headers.get("X-Cache-Status")
        measure("article cached (nginx)", base3 + urls["article"])
        if urls.get("plan"):
            measure("plan uncached", base1 + urls["plan"])
        if urls.get("listing"):
            measure(f"news listing ({args.news})", base1 + urls["listing"])
        measure(f"home ({args.news} news)", base1 + "/")
        if urls.get("search"):
            measure("search", base1 + urls["search"])
        if urls.get("beacon"):
            script = beacon_script(tmp, base1, urls["beacon"], urls["article"], env)
            measure("beacon", base1 + urls["beacon"], script=script, warm=0)

        if args.news_large and args.news_large > args.news:
            stack.stop(g1)
            t0 = time.monotonic()
            stack.manage(env, "generate_content", "--no-progress", "--news", str(args.news_large))
            results["_generate_large_seconds"] = round(time.monotonic() - t0, 1)
            log(f"grew news to {args.news_large} in {results['_generate_large_seconds']}s")
            g1 = stack.start_gunicorn(port1, uncached_env, log=tmp / "gunicorn1.log")
            procs.append(g1)
            stack.wait_http(base1 + "/_bench/trivial")
            if urls.get("listing"):
                measure(f"news listing ({args.news_large})", base1 + urls["listing"])
            measure(f"home ({args.news_large} news)", base1 + "/")
            measure(f"article ({args.news_large} news)", base1 + urls["article"])
    finally:
        for proc in reversed(procs):
            stack.stop(proc)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    report(results, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


def report(results, args):
    static = results["nginx static"]["rps"]
    trivial = results["trivial Django view"]["rps"]
    bare = results["bare Django view"]["rps"]
    db = "PostgreSQL" if args.postgres else "SQLite"
    cache = "Redis" if args.redis else "local memory"
    print(f"\nPortal bench — {db}, {cache} cache, wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(
        f"{'what':<30}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'÷ static':>10}{'÷ trivial':>11}{'÷ bare':>9}"
        f"{'errors':>8}"
    )
    for name, r in results.items():
        if name.startswith("_"):
            continue
        errors = r["non_2xx_3xx"] + r["socket_errors"]
        print(
            f"{name:<30}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
            f"{r['rps'] / static:>10.1%}{r['rps'] / trivial:>11.1%}{r['rps'] / bare:>9.1%}{errors:>8}"
        )
    print()
    # Each ratio to the portal's trivial view (the issues' yardstick) and to a bare Django view.
    per_reference = [("uncached article", "article uncached", 0.06 if args.postgres else 0.08)]
    per_reference.append(("cached article from gunicorn", "article cached (gunicorn)", 0.60))
    if "beacon" in results:
        per_reference.append(("beacon", "beacon", 0.40 if args.redis else 0.10))
    checks = [("cached article via nginx ÷ static", results["article cached (nginx)"]["rps"] / static, 0.50)]
    for label, name, target in per_reference:
        for reference, rps in (("trivial", trivial), ("bare Django", bare)):
            checks.append((f"{label} ÷ {reference}", results[name]["rps"] / rps, target))
    growth = [("article", "article uncached", f"article ({args.news_large} news)")]
    growth.append(("home", f"home ({args.news} news)", f"home ({args.news_large} news)"))
    growth.append(("news listing", f"news listing ({args.news})", f"news listing ({args.news_large})"))
    for label, small, large in growth:
        if small in results and large in results:
            ratio = results[large]["rps"] / results[small]["rps"]
            checks.append((f"{label}: {args.news_large} ÷ {args.news} news", ratio, 0.80))
    if "search" in results:
        print(f"search ÷ uncached article: {results['search']['rps'] / results['article uncached']['rps']:.1%}")
    for label, value, target in checks:
        mark = "ok " if value >= target else "LOW"
        print(f"[{mark}] {label:<42} {value:7.1%}  (target ≥ {target:.0%})")
    print(f"page cache header: {results.get('_cached_header')}, nginx: {results.get('_nginx_header')}")
    if "_generate_large_seconds" in results:
        print(f"generate_content to {args.news_large} news: {results['_generate_large_seconds']} s")


if __name__ == "__main__":
    main()
