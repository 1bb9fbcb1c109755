#!/usr/bin/env python
"""Search throughput as a ratio to an article page, measured in one run.

    .venv/bin/python bench/search_bench.py                 # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/search_bench.py

Builds a site with 2,000 news items and 200 plans (the real NewsPage / PlanPage types when
their apps define them, StandardPage otherwise), starts gunicorn (2 sync workers,
``--no-control-socket``, ``portal.settings.dev`` with ``DEBUG=0``) and measures with
``wrk -t2 -c16 --timeout 10s`` (``bench.servers.compare_to_article``: 1 s warm-up, then
``--rounds`` interleaved rounds of ``--seconds`` each, at most 10): an article page, a
common three-word search, and a document-number search. Prints requests/s and the median
of each search's ratios to the article page. With DATABASE_URL the given database is flushed first: use
a scratch database.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.servers import compare_to_article  # noqa: E402

PYTHON = sys.executable
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="duration of each measurement (≤ 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (the median ratio is printed)")
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
        "PORTAL_SEARCH_LIMIT_PER_SOURCE": "0",  # wrk is one source: measure the server, not the limit
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

    compare_to_article(env, article, SEARCHES, seconds, rounds=args.rounds, log=tmp / "gunicorn.log")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
