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
fourth port, so the stricter ratio is printed too.

Growth (``--news-large``, default 20,000 and 100,000 news): before any server starts, the
site is copied (SQLite file, or a PostgreSQL database made from the first as a template)
and each copy is grown to that many news. Every copy gets its own gunicorn, all up at the
same time as the first site's, and the home page, the news listing and the article are
measured ``--rounds`` times (default 3) on each site in turn, the order alternating from
one round to the next. Whatever else the shared machine does then weighs on both sides of
each ratio; the check is the median of the per-round ratios (large ÷ small).
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
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
START_TIMEOUT = 180  # seconds for a server to answer; a busy shared machine starts gunicorn slowly


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL database to (re)create and use")
    parser.add_argument("--redis", metavar="URL", help="Redis for the cache (and counters)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (≤ 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--news", type=int, default=1000, help="news items for the main measurements")
    parser.add_argument(
        "--news-large",
        default="20000,100000",
        help="news in the grown copies of the site, comma-separated; 0 to skip the growth measurement",
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the growth measurement")
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--videos", type=int, default=50)
    parser.add_argument(
        "--ports",
        default="8107,8117,8127,8137",
        help="gunicorn uncached, gunicorn cached, nginx, bare Django[, one per grown site; free ports otherwise]",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--workdir", help="use (and keep) this folder; an existing SQLite site there is reused")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    sizes = [int(n) for n in str(args.news_large).split(",") if n.strip()]
    args.news_large = sorted({n for n in sizes if n > args.news})
    args.rounds = max(1, args.rounds)
    return args


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- wrk ------------------------------------------------------------------------------


def wrk(url, args, script=None, duration=None):
    duration = min(duration or args.duration, 10)
    cmd = [WRK, f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--latency"]
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


def _postgres_name(url):
    return url.rsplit("/", 1)[1].split("?")[0]


def recreate_postgres(url, template=None):
    """Drop and create the database of ``url`` (a copy of the database ``template``)."""
    import psycopg
    from psycopg import sql

    name = _postgres_name(url)
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def grown_env(env, source_env, news, tmp):
    """The environment of a copy of the site in ``source_env`` (its database copied) that
    is to hold ``news`` news. It shares the media and static files; with Redis it keeps its
    cache and counters under its own prefixes."""
    grown = {**env}
    if "DATABASE_URL" in env:
        url = env["DATABASE_URL"]
        base, _, tail = url.rpartition("/")
        name, sep, query = tail.partition("?")
        grown["DATABASE_URL"] = f"{base}/{name}_{news}{sep}{query}"
        recreate_postgres(grown["DATABASE_URL"], template=_postgres_name(source_env["DATABASE_URL"]))
    else:
        target = Path(tmp) / f"db-{news}.sqlite3"
        if not target.exists():
            # The backup API copies a consistent database, whatever is still in the WAL.
            with sqlite3.connect(source_env["SQLITE_PATH"]) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
        grown["SQLITE_PATH"] = str(target)
    if env.get("REDIS_URL"):
        grown["CACHE_KEY_PREFIX"] = f"bench{news}"
        grown["PORTAL_STATS_REDIS_PREFIX"] = f"bench{news}:stats:"
    return grown


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
    ports = [int(p) for p in args.ports.split(",")]
    port1, port2, port3, port4 = ports[:4]
    grown_ports = ports[4:] + [stack.free_port() for _ in args.news_large[len(ports) - 4 :]]
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
        "PORTAL_SEARCH_LIMIT_PER_SOURCE": "0",  # and thousands of searches
        "TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_PAGE_CACHE": "0",
        "PORTAL_FRAGMENT_CACHE": "1",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "PORTAL_STATS_REDIS_PREFIX"):
        env.pop(name, None)
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
    started = time.monotonic()
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

        # The grown copies, made before any server runs: each from the previous one.
        grown = []
        source_env = env
        for news in args.news_large:
            t0 = time.monotonic()
            site_env = grown_env(env, source_env, news, tmp)
            stack.manage(site_env, "generate_content", "--no-progress", "--news", str(news))
            seconds = round(time.monotonic() - t0, 1)
            results[f"_generate_{news}_seconds"] = seconds
            log(f"copied the site and grew its news to {news} in {seconds}s")
            grown.append((news, site_env))
            source_env = site_env

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
            stack.wait_http(base + "/_bench/trivial", timeout=START_TIMEOUT)

        # The same HTML as the article, as a file nginx serves.
        status, _, article_html = fetch(base1 + urls["article"])
        assert status == 200, f"article answered {status}"
        (static_root / "bench").mkdir(exist_ok=True)
        (static_root / "bench" / "article.html").write_bytes(article_html)

        def measure(name, url, script=None, warm=3, quiet=False):
            for _ in range(warm):
                fetch(url)
            r = wrk(url, args, script)
            if name:
                results[name] = {"url": url, **r}
            if not quiet:
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

        if grown:
            sites = [(args.news, base1)]
            for (news, site_env), port in zip(grown, grown_ports, strict=False):
                proc = stack.start_gunicorn(port, site_env, log=tmp / f"gunicorn-{news}.log")
                procs.append(proc)
                sites.append((news, f"http://127.0.0.1:{port}"))
            for _, base in sites[1:]:
                stack.wait_http(base + "/_bench/trivial", timeout=START_TIMEOUT)
            pages = [("home", "/")]
            if urls.get("listing"):
                pages.append(("news listing", urls["listing"]))
            pages.append(("article", urls["article"]))
            growth_rounds(args, results, sites, pages, measure)
    finally:
        for proc in reversed(procs):
            stack.stop(proc)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    results["_total_seconds"] = round(time.monotonic() - started, 1)
    report(results, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


def growth_rounds(args, results, sites, pages, measure):
    """Each page on every site (all servers up), ``args.rounds`` times, the order of the
    sites reversed every other round; per page and grown site, the median of the per-round
    ratios to the first site."""
    # Warm every worker of the grown sites (their caches start empty; the first site's are
    # warm): one request after another might all reach the same worker, wrk's do not.
    for _, path in pages:
        for _, base in sites[1:]:
            fetch(base + path)
            wrk(base + path, args, duration=2)
    rounds = {(label, news): [] for label, _ in pages for news, _ in sites}
    for number in range(args.rounds):
        for label, path in pages:
            order = sites if number % 2 == 0 else sites[::-1]
            for news, base in order:
                r = measure(None, base + path, warm=0, quiet=True)
                rounds[(label, news)].append(r)
            figures = ", ".join(f"{news}: {rounds[(label, news)][-1]['rps']:.0f}" for news, _ in sites)
            log(f"round {number + 1}/{args.rounds} {label:<13} req/s by news count  {figures}")
    small = sites[0][0]
    growth = []
    for label, path in pages:
        for news, base in sites:
            runs = rounds[(label, news)]
            median = statistics.median(r["rps"] for r in runs)
            best = min(runs, key=lambda r: abs(r["rps"] - median))
            results[f"{label} ({news} news, median of {len(runs)})"] = {
                "url": base + path,
                **best,
                "rps": median,
                "rounds_rps": [r["rps"] for r in runs],
            }
        for news, _ in sites[1:]:
            ratios = [
                large["rps"] / base_run["rps"] if base_run["rps"] else 0.0
                for large, base_run in zip(rounds[(label, news)], rounds[(label, small)], strict=True)
            ]
            growth.append({"page": label, "news": news, "small": small, "ratios": ratios})
    results["_growth"] = growth


def report(results, args):
    static = results["nginx static"]["rps"]
    trivial = results["trivial Django view"]["rps"]
    bare = results["bare Django view"]["rps"]
    db = "PostgreSQL" if args.postgres else "SQLite"
    cache = "Redis" if args.redis else "local memory"
    print(f"\nPortal bench — {db}, {cache} cache, wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(
        f"{'what':<42}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'÷ static':>10}{'÷ trivial':>11}{'÷ bare':>9}"
        f"{'errors':>8}"
    )
    for name, r in results.items():
        if name.startswith("_"):
            continue
        errors = r["non_2xx_3xx"] + r["socket_errors"]
        print(
            f"{name:<42}{r['rps']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
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
    # Every uncached public page type against the stricter yardstick (issue #18).
    page_types = [("article uncached", 0.10), ("plan uncached", 0.10), (f"news listing ({args.news})", 0.10)]
    page_types += [(f"home ({args.news} news)", 0.10), ("search", 0.05)]
    for name, target in page_types:
        if name in results:
            checks.append((f"{name} ÷ bare Django", results[name]["rps"] / bare, target))
    for item in results.get("_growth", []):
        ratio = statistics.median(item["ratios"])
        rounds = " ".join(f"{r:.0%}" for r in item["ratios"])
        checks.append((f"{item['page']}: {item['news']} ÷ {item['small']} news (rounds {rounds})", ratio, 0.80))
    if "search" in results:
        print(f"search ÷ uncached article: {results['search']['rps'] / results['article uncached']['rps']:.1%}")
    for label, value, target in checks:
        mark = "ok " if value >= target else "LOW"
        print(f"[{mark}] {label:<46} {value:7.1%}  (target ≥ {target:.0%})")
    print(f"page cache header: {results.get('_cached_header')}, nginx: {results.get('_nginx_header')}")
    for news in args.news_large:
        if f"_generate_{news}_seconds" in results:
            print(f"copy + generate_content to {news} news: {results[f'_generate_{news}_seconds']} s")
    print(f"bench time: {results['_total_seconds']} s")


if __name__ == "__main__":
    main()
