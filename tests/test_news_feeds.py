"""The RSS 2.0 feeds, read with a real feed parser."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.news_helpers import category, news, news_index


@pytest.fixture
def site_news(home):
    index = news_index(home)
    locale = Locale.get_default()
    hd = category(locale, "hoat-dong-cua-so", "Hoạt động của Sở")
    cc = category(locale, "cai-cach-hanh-chinh", "Cải cách hành chính")
    base = timezone.make_aware(datetime.datetime(2024, 3, 1, 8, 0))
    news(
        index,
        "tap-huan",
        "Tập huấn nghiệp vụ văn thư, lưu trữ “năm 2024”",
        when=base,
        categories=[hd],
        sapo="Hơn 200 công chức cấp xã được tập huấn <nghiệp vụ> & kỹ năng.",
        author="Quốc Bảo",
    )
    news(
        index,
        "chi-so-par",
        "Công bố Chỉ số cải cách hành chính",
        when=base + datetime.timedelta(days=3),
        categories=[cc],
    )
    return index


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_all_news_feed_is_valid_rss_with_vietnamese_intact(client, site_news):
    feed = parse(client, "/tin-tuc/feed/")
    assert feed.feed.title == "Tin tức - Sự kiện"
    assert feed.feed.link == "http://testserver/tin-tuc/"
    assert feed.feed.language == "vi"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Công bố Chỉ số cải cách hành chính", "Tập huấn nghiệp vụ văn thư, lưu trữ “năm 2024”"]
    entry = feed.entries[1]
    assert entry.link == "http://testserver/tin-tuc/tap-huan/"
    assert "Hơn 200 công chức cấp xã được tập huấn" in entry.summary
    assert entry.author == "Quốc Bảo"
    assert [t.term for t in entry.tags] == ["Hoạt động của Sở"]
    assert entry.published_parsed[:5] == (2024, 3, 1, 1, 0)  # 08:00 in Kon Tum is 01:00 UTC


def test_category_feed_has_only_that_category(client, site_news):
    feed = parse(client, "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/feed/")
    assert feed.feed.title == "Tin tức - Sự kiện: Cải cách hành chính"
    assert [entry.title for entry in feed.entries] == ["Công bố Chỉ số cải cách hành chính"]


def test_empty_feed_is_still_valid(client, home):
    news_index(home, slug="tin-tuc")
    feed = parse(client, "/tin-tuc/feed/")
    assert feed.entries == []


def test_feeds_are_linked_from_listings_and_listed_on_the_feeds_page(client, site_news):
    listing = client.get("/tin-tuc/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Tin tức - Sự kiện" href="/tin-tuc/feed/">' in listing
    )
    category_listing = client.get("/tin-tuc/chuyen-muc/hoat-dong-cua-so/").content.decode()
    assert 'href="/tin-tuc/chuyen-muc/hoat-dong-cua-so/feed/"' in category_listing
    page = client.get("/tin-tuc/rss/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kênh RSS" in html
    for url in [
        "/tin-tuc/feed/",
        "/tin-tuc/chuyen-muc/hoat-dong-cua-so/feed/",
        "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/feed/",
    ]:
        assert f'href="{url}"' in html
        parse(client, url)
    assert "Cải cách hành chính" in html


def test_draft_news_never_reaches_the_feed(client, site_news):
    from news.models import NewsPage

    draft = NewsPage(slug="nhap", title="Tin nháp chưa duyệt", live=False)
    site_news.add_child(instance=draft)
    feed = parse(client, "/tin-tuc/feed/")
    assert "Tin nháp chưa duyệt" not in [entry.title for entry in feed.entries]


def _elements(html):
    """Start tags a browser or feed reader would build from ``html``."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


def test_markup_typed_by_an_editor_reaches_feed_readers_as_text(client, home):
    """An editor's ``<img onerror>`` in a sapo, a category description or the index
    intro is text in the reader, never an element (read without feedparser's own
    sanitiser, as a reader that trusts the feed would)."""
    attack = '<img src=x onerror="alert(document.domain)"><script>alert(1)</script>'
    index = news_index(home)
    index.intro = "Giới thiệu " + attack
    index.save_revision().publish()
    locale = Locale.get_default()
    bad = category(locale, "chuyen-muc-xau", "Chuyên mục")
    bad.description = "Mô tả " + attack
    bad.save()
    news(index, "tin-xau", "Tin có sapo lạ", categories=[bad], sapo="Sapo " + attack)

    for url in ("/tin-tuc/feed/", "/tin-tuc/chuyen-muc/chuyen-muc-xau/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content, sanitize_html=False)
        assert feed.bozo == 0, feed.get("bozo_exception")
        described = [feed.feed.description] + [entry.summary for entry in feed.entries]
        for html in described:
            assert _elements(html) == [], html
        entry = feed.entries[0]
        assert entry.summary_detail.type == "text/html"
        assert entry.summary.startswith("Sapo &lt;img src=x onerror=")
