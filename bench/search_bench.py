#!/usr/bin/env python
"""Search throughput as a ratio to an article page, measured in one run.

    .venv/bin/python bench/search_bench.py                 # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/search_bench.py

Builds a site with 2,000 news items and 200 plans (the real NewsPage / PlanPage types when
their apps define them, StandardPage otherwise), starts gunicorn (2 sync workers,
``--no-control-socket``, ``portal.settings.dev`` with ``DEBUG=0``) and measures with
``wrk -t2 -c16 --timeout 10s`` (1 s warm-up, then ``--seconds`` each, at most 10): an article page, a
common three-word search, and a document-number search. Prints requests/s and each search
as a ratio to the article page. With DATABASE_URL the given database is flushed first: use
a scratch database.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = os.environ.get("WRK", "/usr/bin/wrk")
NEWS, PLANS = 2000, 200
SEARCHES = {
    "search “ke hoach thi dua”": "/tim-kiem/?q=ke+hoach+thi+dua",
    "search “57/KH-SNV”": "/tim-kiem/?q=57%2FKH-SNV",
}

TOPICS = [
    "cải cách hành chính",
    "thi đua khen thưởng",
    "tuyển dụng công chức",
    "đào tạo bồi dưỡng cán bộ",
    "chính quyền địa phương",
    "công tác thanh niên",
    "tôn giáo",
    "văn thư lưu trữ",
    "chuyển đổi số",
    "phòng chống tham nhũng",
]
PARAGRAPH = (
    "Thực hiện Kế hoạch số {n}/KH-UBND của Ủy ban nhân dân tỉnh Kon Tum về {topic}, Sở Nội vụ đã tổ chức "
    "hội nghị triển khai tới các phòng, đơn vị trực thuộc. Hội nghị đánh giá kết quả đạt được, chỉ ra hạn chế "
    "và đề ra nhiệm vụ, giải pháp trọng tâm trong thời gian tới, bảo đảm tiến độ và chất lượng. "
)


def populate():
    """Runs inside Django (``search_bench.py --populate``): builds the content, prints
    the article page's path."""
    import datetime

    import django

    django.setup()
    from django.apps import apps
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from bench.bulk_pages import bulk_pages
    from portal.models import HomePage, StandardPage

    def model(app, name):
        try:
            return apps.get_model(app, name)
        except LookupError:
            return None

    # After a flush (PostgreSQL runs) the locale and the tree root are gone too.
    locale, _created = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage(title="Trang chủ", slug="trang-chu", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})

    def listing(index_model, title, slug):
        page = (index_model or StandardPage)(title=title, slug=slug)
        home.add_child(instance=page)
        page.save_revision().publish()
        return page

    news_model = model("news", "NewsPage") or StandardPage
    plan_model = model("campaigns", "PlanPage") or StandardPage
    news_index = listing(
        model("news", "NewsIndexPage") if news_model is not StandardPage else None, "Tin tức", "tin-tuc"
    )
    plan_index = listing(
        model("campaigns", "PlanIndexPage") if plan_model is not StandardPage else None, "Kế hoạch", "ke-hoach"
    )

    def news_row(i):
        topic = TOPICS[i % len(TOPICS)]
        when = timezone.make_aware(datetime.datetime(2020 + i % 6, 1 + i % 12, 1 + i % 28, 8))
        text = PARAGRAPH.format(n=1000 + i, topic=topic) * 6
        row = {"title": f"Hội nghị về {topic} lần {i}", "date": when, **content_fields(news_model, text)}
        if news_model is not StandardPage:
            row["published_at"] = when
        return row

    def plan_row(i):
        topic = TOPICS[i % len(TOPICS)]
        when = timezone.make_aware(datetime.datetime(2020 + i % 6, 1 + i % 12, 1 + i % 28, 8))
        text = PARAGRAPH.format(n=3000 + i, topic=topic) * 4
        row = {"title": f"Kế hoạch thực hiện {topic} năm {2020 + i % 6}", "date": when}
        row.update(content_fields(plan_model, text))
        if plan_model is not StandardPage:
            row["document_number"] = f"{i + 1}/KH-SNV"
            row["issue_date"] = when.date()
            row["issuing_body"] = "Sở Nội vụ tỉnh Kon Tum"
        else:
            row["intro"] = f"{i + 1}/KH-SNV"
        return row

    news_ids = bulk_pages(news_index, news_model, [news_row(i) for i in range(NEWS)])
    bulk_pages(plan_index, plan_model, [plan_row(i) for i in range(PLANS)])
    article = Page.objects.get(pk=news_ids[-1])  # a news item: the article page
    print("/" + article.url_path.removeprefix(home.url_path))


def content_fields(model, text):
    """Body values for whichever page type is benchmarked."""
    names = {f.name for f in model._meta.get_fields()}
    values = {}
    if "intro" in names:
        values["intro"] = text[:200]
    if "summary" in names:
        values["summary"] = text[:200]
    if "sapo" in names:
        values["sapo"] = text[:200]
    if "body" in names:
        values["body"] = [("paragraph", f"<p>{text}</p>")]
    return values


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, seconds):
    out = subprocess.run(
        [WRK, "-t2", "-c16", "--timeout", "10s", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, int(bad.group(1)) if bad else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="duration of each measurement (≤ 10)")
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        populate()
        return 0
    seconds = max(1, min(args.seconds, 10))

    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    database_url = os.environ.get("DATABASE_URL", "")
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(BASE_DIR),
    }
    if not database_url:
        env["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    manage = [PYTHON, str(BASE_DIR / "manage.py")]
    print(f"database: {'PostgreSQL' if database_url else 'SQLite (WAL)'}; building {NEWS} news, {PLANS} plans…")
    started = time.monotonic()
    if database_url:
        subprocess.run([*manage, "flush", "--no-input", "-v0"], env=env, check=False, cwd=BASE_DIR)
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=BASE_DIR)
    if database_url:
        subprocess.run([*manage, "flush", "--no-input", "-v0"], env=env, check=True, cwd=BASE_DIR)
    article = (
        subprocess.run(
            [PYTHON, __file__, "--populate"], env=env, check=True, cwd=BASE_DIR, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"  built in {time.monotonic() - started:.0f} s; article page {article}")

    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [gunicorn, "portal.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}", "--no-control-socket"],
        env=env,
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + article, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for path in [article, *SEARCHES.values()]:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
        results = {}
        for name, path in [("article page", article), *SEARCHES.items()]:
            wrk(base + path, 1)  # warm-up, not counted
            results[name] = wrk(base + path, seconds)
            rps, bad = results[name]
            print(f"  {name:<28} {rps:8.0f} req/s" + (f"  ({bad} non-2xx)" if bad else ""), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    article_rps = results["article page"][0]
    print("ratio to the article page:")
    for name in SEARCHES:
        print(f"  {name:<28} {results[name][0] / article_rps:6.2f}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
