#!/usr/bin/env python
"""The register's search (Văn bản) with 50,000 documents, as a ratio to an article page,
measured in one run.

    .venv/bin/python bench/register_bench.py                 # SQLite in a temporary file
    .venv/bin/python bench/register_bench.py --documents 5000 --seconds 3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/register_bench.py

Builds the site's sections (``setup_site``), 300 news items and N documents with
``generate_content`` (the apps' ``generate`` declarations), fills the search index
(``rebuild_search_index``), starts gunicorn (2 sync workers, ``portal.settings.dev``,
``DEBUG=0``) with the whole-page cache off (``PORTAL_PAGE_CACHE=0``: every request does
its work; fragments stay cached as in production) and measures each URL with wrk in interleaved rounds (see
``bench.servers.compare_to_article``): a news article, the register's first page, a number search, a
word search, a filtered search (each kept until the next publication, as a search many
citizens make), another page of the word search every request (the query's matches are
kept, the page is built) and two words drawn at random every request (a search seldom
asked before: it runs in full). Prints requests/s and each as a ratio to the article page
(target: ≥ 0.50). With DATABASE_URL the given database is flushed first: use a scratch one.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.servers import compare_to_article  # noqa: E402

PYTHON = sys.executable
NEWS = 300
REGISTER = {
    "register, first page": "/van-ban/",
    "register, number “57/QĐ-SNV”": "/van-ban/?q=57%2FQ%C4%90-SNV",
    "register, number “57 qd snv”": "/van-ban/?q=57+qd+snv",
    "register, words “thi đua”": "/van-ban/?q=thi+%C4%91ua",
    "register, type + year": "/van-ban/?loai=Q%C4%90&nam=2024",
    # Another page of the same words every request (a random page number): the page is
    # built each time, from the query's matches kept since its first page.
    "register, words, another page": "/van-ban/?q=thi+%C4%91ua&page={n}",
    # Two words drawn from WORDS every request (1,156 queries): a search seldom asked
    # before, which runs in full.
    "register, two new words": "/van-ban/?q={w}+{w}",
}
# Words the generated documents' titles and summaries use, from one in ten pages to most.
WORDS = [
    quote(word)
    for word in [
        "thi",
        "đua",
        "công",
        "chức",
        "phòng",
        "vụ",
        "dân",
        "chính",
        "hành",
        "cải",
        "cách",
        "văn",
        "thư",
        "lưu",
        "trữ",
        "khen",
        "thưởng",
        "tôn",
        "giáo",
        "tổ",
        "hội",
        "nghị",
        "kế",
        "hoạch",
        "kiểm",
        "tra",
        "tuyển",
        "dụng",
        "thanh",
        "niên",
        "bộ",
        "máy",
        "tín",
        "ngưỡng",
    ]
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--seconds", type=int, default=5, help="duration of each measurement (≤ 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (the median ratio is printed)")
    args = parser.parse_args()
    seconds = max(1, min(args.seconds, 10))
    tmp = Path(tempfile.mkdtemp(prefix="register-bench-"))
    database_url = os.environ.get("DATABASE_URL", "")
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(BASE_DIR),
        "PORTAL_PAGE_CACHE": "0",
        "PORTAL_SEARCH_LIMIT_PER_SOURCE": "0",  # wrk is one source: measure the server, not the limit
        "PORTAL_FRAGMENT_CACHE": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    if not database_url:
        env["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    manage = [PYTHON, str(BASE_DIR / "manage.py")]

    def run(*argv):
        subprocess.run([*manage, *argv], env=env, check=True, cwd=BASE_DIR)

    print(f"database: {'PostgreSQL' if database_url else 'SQLite (WAL)'}; building {args.documents} documents…")
    started = time.monotonic()
    if database_url:
        subprocess.run([*manage, "flush", "--no-input", "-v0"], env=env, check=False, cwd=BASE_DIR)
    run("migrate", "-v0")
    run("collectstatic", "--noinput", "-v0")
    run("setup_site")
    run("generate_content", "--news", str(NEWS), "--documents", str(args.documents), "--no-progress")
    run("rebuild_search_index")
    article = (
        subprocess.run(
            [*manage, "shell", "-c", "from news.models import NewsPage; print(NewsPage.objects.live().last().url)"],
            env=env,
            cwd=BASE_DIR,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"  built in {time.monotonic() - started:.0f} s; article page {article}")

    compare_to_article(
        env, article, REGISTER, seconds, rounds=args.rounds, log=tmp / "gunicorn.log", target=0.5, words=WORDS
    )
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
