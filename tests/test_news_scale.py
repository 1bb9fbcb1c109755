"""Every public news page costs the same number of queries with 10 news items as with 2,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from news.home import latest_by_category
from portal.models import HomeFeaturedItem
from tests.news_helpers import bulk_news, category, news, news_index

# Budgets per page: measured on this branch + 3 for the sidebar blocks other apps add
# (statistics…). The real check is that 2,000 items cost exactly what 10 do.
MEASURED = {
    "/": 17,
    "/tin-tuc/": 20,
    "/tin-tuc/?page=3": 20,
    "/tin-tuc/?page=abc": 20,
    "/tin-tuc/?page=999999": 20,
    "/tin-tuc/chuyen-muc/hoat-dong-cua-so/": 21,
    "/tin-tuc/the/par-2024/": 21,
    "/tin-tuc/tin-01/": 23,
    "/tin-tuc/feed/": 11,
    "/tin-tuc/chuyen-muc/hoat-dong-cua-so/feed/": 12,
    "/tin-tuc/rss/": 15,
}
BUDGETS = {url: count + 3 for url, count in MEASURED.items()}


def measure(client):
    counts = {}
    for url in BUDGETS:
        client.get(url)  # warm the per-process caches (site root paths, settings)
        client.get(url)  # a first view may create a site setting's row (a new generation)
        connection.queries_log.clear()  # its 9,000-entry cap would skew the count
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if url == "/":
            assert "Tin mới theo chuyên mục" in response.content.decode()
        counts[url] = len(queries.captured_queries)
    # The home page's news section is cached between publishes; count its uncached cost too.
    locale_id = Locale.get_default().pk
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        sections = latest_by_category(locale_id)
    assert [len(s.items) for s in sections] == [4, 4]
    counts["home news section, uncached"] = len(queries.captured_queries)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_news(client, home, registry_blocks_kept):
    index = news_index(home)
    locale = Locale.get_default()
    hd = category(locale, "hoat-dong-cua-so", "Hoạt động của Sở")
    cc = category(locale, "cai-cach-hanh-chinh", "Cải cách hành chính")
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    base = timezone.now() - datetime.timedelta(days=1)
    pages = [
        news(
            index,
            f"tin-{i:02d}",
            f"Tin số {i:02d}",
            when=base + datetime.timedelta(minutes=i),
            categories=[hd, cc] if i % 2 else [hd],
            tags=["PAR 2024"],
            image=image,
        )
        for i in range(10)
    ]
    home.featured_items = [HomeFeaturedItem(page=p) for p in pages[:3]]
    home.save_revision().publish()

    small = measure(client)
    bulk_news(index, 1990, categories=[hd, cc], image=image)
    assert index.get_children().count() == 2000
    large = measure(client)

    assert large == small
    assert large["home news section, uncached"] <= 3
    for url, budget in BUDGETS.items():
        assert large[url] <= budget, (url, large[url])
    # The listing really holds 2,000 items: 200 pages of 10.
    assert "Trang 1/200" in client.get("/tin-tuc/").content.decode()
    assert "Trang 200/200" in client.get("/tin-tuc/?page=999999").content.decode()
