"""The reading tools and share links as the server renders them: the same HTML for every
visitor, real buttons with Vietnamese names, share links built from the canonical URL,
no third-party or inline script."""

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from portal.models import StandardPage


@pytest.fixture
def article(home):
    page = StandardPage(
        title="Chức năng nhiệm vụ",
        slug="chuc-nang-nhiem-vu",
        intro="Chức năng, nhiệm vụ của Sở.",
        body=[("paragraph", "<p>Sở Nội vụ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def get_html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response, response.content.decode()


def test_reading_tools_are_real_buttons_with_vietnamese_names(client, article):
    _, html = get_html(client, article.url)
    tools = html[html.index('<div class="reading-tools"') : html.index("data-article-body")]
    assert 'role="group"' in tools and "Công cụ đọc bài" in tools
    assert "Cỡ chữ" in tools and "Mặc định" in tools
    buttons = re.findall(r"<button\b[^>]*>(.*?)</button>", tools, flags=re.S)
    names = [re.sub(r"<[^>]+>", " ", b).split() for b in buttons]
    texts = [" ".join(n) for n in names]
    assert texts == ["Mặc định", "A− Giảm cỡ chữ", "A+ Tăng cỡ chữ", "Tương phản", "In bài", "Lưu bài"]
    assert all('type="button"' in b for b in re.findall(r"<button\b[^>]*>", tools))
    # A− / A+ are shown; the Vietnamese names are for screen readers.
    assert '<span aria-hidden="true">A+</span><span class="visually-hidden">Tăng cỡ chữ</span>' in tools
    assert 'aria-pressed="false"' in tools  # Tương phản is a toggle
    assert re.search(r'aria-live="polite"[^>]*data-reading-status', tools)
    assert ">100%<" in tools  # the current step, before any script runs


def test_html_is_the_same_for_every_visitor_and_sets_no_cookie(client, article, settings):
    first, html = get_html(client, article.url)
    client.cookies["portal.fontStep"] = "3"  # a visitor's choice never reaches the server…
    second, html_again = get_html(client, article.url, HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT="Lynx/2.9")
    assert html == html_again  # …and nothing per-visitor is rendered
    assert not first.cookies and not second.cookies
    assert 'class="no-js"' in html and 'data-font-step="' not in html.split("<body")[0]


def test_scripts_are_files_from_the_site_only(client, article):
    _, html = get_html(client, article.url)
    scripts = [s for s in re.findall(r"<script\b[^>]*>", html) if "application/ld+json" not in s]
    assert scripts, "the page loads early.js and portal.js"
    assert all(re.search(r'\bsrc="/static/js/[\w.-]+\.js"', s) for s in scripts), scripts
    # No inline script (JSON-LD data blocks are not scripts: they never execute).
    assert not re.search(r"<script\b(?![^>]*application/ld\+json)[^>]*>\s*[^<\s]", html)
    head = html.split("</head>")[0]
    assert '<script src="/static/js/early.js"></script>' in head  # blocking: runs before first paint
    assert re.search(r'<script src="/static/js/portal.js" defer>', html)
    assert "facebook.net" not in html and "zalo.me/sdk" not in html and "sp.zalo.me/plugins" not in html


def test_canonical_link_and_share_links_use_the_pages_full_url(client, article):
    _, html = get_html(client, article.url)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    # The public address (PORTAL_BASE_URL), not the Wagtail Site's host name.
    assert canonical == "http://testserver/chuc-nang-nhiem-vu/"
    assert article.full_url == "http://localhost/chuc-nang-nhiem-vu/"
    encoded = quote(canonical, safe="")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://zalo.me/share?url={encoded}"' in html
    mailto = re.search(r'href="(mailto:[^"]+)"', html[html.index('class="share"') :]).group(1)
    query = parse_qs(urlsplit(mailto.replace("&amp;", "&")).query)
    assert query == {"subject": ["Chức năng nhiệm vụ"], "body": [canonical]}
    assert f'<a class="share__link share__link--url" href="{canonical}" data-copy-fallback>' in html
    assert f'data-copy-link="{canonical}"' in html
    assert "Chia sẻ bài viết" in html


def test_canonical_keeps_the_page_number_of_a_listing_only(client, article, home):
    _, html = get_html(client, "/chuc-nang-nhiem-vu/?page=3")
    assert '<link rel="canonical" href="http://testserver/chuc-nang-nhiem-vu/?page=3">' in html
    # The share links always point at the article itself.
    assert 'sharer.php?u=http%3A%2F%2Ftestserver%2Fchuc-nang-nhiem-vu%2F"' in html
    for junk in ("1", "0", "abc", "-2", "9" * 30):
        _, html = get_html(client, f"/chuc-nang-nhiem-vu/?page={junk}")
        assert '<link rel="canonical" href="http://testserver/chuc-nang-nhiem-vu/">' in html, junk


def test_search_page_has_no_canonical_and_no_share_links(client, home):
    _, html = get_html(client, "/tim-kiem/?q=s%E1%BB%9F")
    assert 'rel="canonical"' not in html and 'class="share"' not in html


def test_reading_tools_canonical_and_share_links_cost_no_queries(rf, article, django_assert_num_queries):
    """What this part adds to every article renders without touching the database
    (the site's root paths are cached once per process, as on a running server)."""
    from django.template import engines

    template = engines["django"].from_string(
        "{% load reading_tags %}{% canonical_url keep_page_number=True %}"
        '{% include "includes/article_tools.html" %}{% include "includes/article_footer.html" %}'
    )
    request = rf.get(article.url + "?page=2")
    article.get_full_url(request=rf.get("/"))  # warm the site root paths cache
    with django_assert_num_queries(0):
        html = template.render({"page": article, "request": request})
    assert html.startswith("http://testserver/chuc-nang-nhiem-vu/?page=2")
    assert "data-reading-tools" in html and "sharer.php" in html
