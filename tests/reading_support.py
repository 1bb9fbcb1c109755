"""Sites for the browser tests of the reading tools and accessibility.

A transactional test's flush also empties what the migrations created (the default
locale, the root page, the root collection). These helpers put back that baseline first,
so the tests run in any order with other transactional tests.
"""

import io
import threading
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.models import Collection, Locale, Page

BODY_TEXT = "Sở Nội vụ tỉnh Kon Tum là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh"


def ensure_baseline():
    """The default locale, the page tree's root and the root collection, as the first
    migrations leave them."""
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    return locale


def load_demo():
    """The full demo site (every app's declared ``demo``)."""
    ensure_baseline()
    call_command("load_demo", stdout=io.StringIO())


def article_site():
    """The demo site plus one long article with a document link, for the reading tools.

    Returns ``{"article": StandardPage, "other": StandardPage, "document": Document}``.
    """
    from wagtail.documents import get_document_model

    from portal.core.page_tree import ensure_page, get_home
    from portal.models import StandardPage

    load_demo()
    home = get_home()
    document = get_document_model()(title="Kế hoạch số 57/KH-SNV (bản chụp)")
    document.file.save("ke-hoach-57-kh-snv.pdf", ContentFile(b"%PDF-1.4\n% test\n%%EOF\n"), save=False)
    document.save()
    paragraphs = "".join(
        f"<p>{BODY_TEXT}, đoạn {n}: tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về tổ chức bộ máy, "
        "biên chế, cải cách hành chính, thi đua, khen thưởng. https://sonoivu.kontum.gov.vn/mot-duong-dan-rat-dai"
        "-khong-co-cho-ngat-dong-de-thu-tran-ngang</p>"
        for n in range(1, 7)
    )
    article, _ = ensure_page(
        home,
        StandardPage,
        "bai-thu-cong-cu-doc",
        title="Kế hoạch triển khai Phong trào thi đua đặc biệt",
        intro="Bài viết dùng để thử công cụ đọc.",
        body=[
            ("paragraph", "<h2>Mục đích, yêu cầu</h2>" + paragraphs),
            ("document", {"document": document, "title": "Link xem: Kế hoạch số 57/KH-SNV"}),
            (
                "table",
                {
                    "data": [
                        ["Số ký hiệu", "Ngày ban hành", "Cơ quan ban hành"],
                        ["57/KH-SNV", "11/11/2021", "Sở Nội vụ"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            ),
        ],
    )
    other = StandardPage.objects.live().get(slug="chuc-nang-nhiem-vu")
    return {"article": article, "other": other, "document": document}


@contextmanager
def demo_server(django_db_blocker, prepare):
    """Load data once with ``prepare()`` and serve it for a whole test module.

    pytest-django's ``live_server`` brings ``transactional_db``, which empties the database
    after every test; with every app's demo content that means loading it again for each
    test (tens of seconds once plans, news and videos exist). Here the data is loaded once,
    a live server runs for the module, and the database is emptied at the end, as a
    transactional test leaves it. Yields ``(server_url, prepare())``.

    The tests using it do not ask for the database themselves, so pytest-django runs them
    after the database tests; each module using it also has one ordinary ``db`` test so
    that the test database is created even when the module runs alone.
    """
    import pytest
    from django.db import connection, connections
    from pytest_django.live_server_helper import LiveServer

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("test_") or "memory" in name):
        # pytest-django creates the test databases only when some test in the run asks
        # for the database: never load demo data into (and flush) the real one.
        pytest.fail(f"refusing to use the database {name!r}: no test database was set up")
    with django_db_blocker.unblock():
        data = prepare()
        server = LiveServer("localhost")
        try:
            yield server.url, data
        finally:
            server.stop()
            # Request threads of connections the browser kept alive hold a database
            # connection until they end; PostgreSQL cannot drop the test database before.
            for thread in threading.enumerate():
                if "process_request_thread" in thread.name:
                    thread.join(timeout=10)
            call_command("flush", interactive=False, verbosity=0)
            # The flush re-creates the content types and empties Django's cache of them;
            # fill it again, as the process had it, for the database-free tests that follow.
            from django.apps import apps
            from django.contrib.contenttypes.models import ContentType

            ContentType.objects.get_for_models(*apps.get_models())
            # This fixture's database connection is its own (Django keeps connections
            # per context): close it, or PostgreSQL cannot drop the test database.
            connections.close_all()
