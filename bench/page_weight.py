"""Page weight: bytes and requests of a full page load in headless Chromium.

Builds the demo site in a temporary folder (SQLite), serves it the way ``make run`` does
(``manage.py runserver`` with the development settings and their defaults, after
``collectstatic``) and loads, in a fresh browser context each (empty cache), the home
page and an article in Vietnamese and in English. For each it prints the number of
requests, the bytes that crossed the network (headers and bodies as sent, compressed
where the server compressed them) and the decoded bytes of the bodies.

    .venv/bin/python bench/page_weight.py            # table
    .venv/bin/python bench/page_weight.py --json     # one JSON object

Run it on two revisions and compare: the weight must not grow by more than 10 %.
"""

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import PYTHON, django_json, manage, stop, wait_http  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

FIND_PAGES = """
import django, json
django.setup()
from wagtail.models import Locale, Page
from campaigns.models import PlanPage
plan = PlanPage.objects.live().get(document_number="57/KH-SNV", locale__language_code="vi")
en = Locale.objects.get(language_code="en")
english = Page.objects.live().filter(locale=en, depth__gt=3).order_by("path").specific()
article_en = next(p for p in english if p.specific_class.__name__ != "StandardPage" or p.get_children_count() == 0)
print(json.dumps({"home (vi)": "/", "home (en)": "/en/", "article (vi)": plan.url, "article (en)": article_en.url}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    transferred = decoded = 0
    for request in finished:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        response = request.response()
        if response is not None:
            # A redirect has no body Chromium keeps.
            with contextlib.suppress(Exception):
                decoded += len(response.body())
    context.close()
    return {"requests": len(finished), "transferred": transferred, "decoded": decoded}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="portal-weight-") as tmp:
        tmp = Path(tmp)
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "SQLITE_PATH": str(tmp / "db.sqlite3"),
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        }
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        pages = django_json(env, FIND_PAGES, "find the pages")
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_http(base + "/")
            results = {}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM)
                for name, path in pages.items():
                    measure(browser, base + path)  # warm the server's caches, not the browser's
                    results[name] = {"path": path, **measure(browser, base + path)}
                browser.close()
        finally:
            stop(server)

    total = {k: sum(r[k] for r in results.values()) for k in ("requests", "transferred", "decoded")}
    if args.json:
        print(json.dumps({"pages": results, "total": total}, ensure_ascii=False))
        return
    print(f"{'page':<14} {'requests':>8} {'transferred':>12} {'decoded':>10}  path")
    for name, r in results.items():
        print(f"{name:<14} {r['requests']:>8} {r['transferred']:>12,} {r['decoded']:>10,}  {r['path']}")
    print(f"{'total':<14} {total['requests']:>8} {total['transferred']:>12,} {total['decoded']:>10,}")


if __name__ == "__main__":
    main()
