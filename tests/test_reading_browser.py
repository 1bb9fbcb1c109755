"""The reading tools as a reader uses them, in headless Chromium: text size (Cỡ chữ,
A−/A+, Mặc định), high contrast (Tương phản), print (In bài), save (Lưu bài) and the
copy-link share button."""

import re
from pathlib import Path

import pytest

from tests.reading_support import BODY_TEXT, article_site, demo_server

pytestmark = [pytest.mark.browser]

BASE_PX = 17.0  # .article__body: 1.0625rem at the default step
# The steps defined in static/js/early.js: step -> scale.
SCALES = {-2: 0.8, -1: 0.9, 0: 1.0, 1: 1.15, 2: 1.3, 3: 1.5, 4: 1.75, 5: 2.0}
MAX_STEP = 5

BODY = "[data-article-body]"
A_PLUS = "[data-reading-tools] [data-font-change='1']"
A_MINUS = "[data-reading-tools] [data-font-change='-1']"
RESET = "[data-reading-tools] [data-font-reset]"


ARTICLE_TYPES = ["standardpage", "planpage", "newspage", "videopage"]


def existing_types(names):
    from django.apps import apps
    from wagtail.models import Page

    return [n for n in names if any(issubclass(m, Page) and m._meta.model_name == n for m in apps.get_models())]


def _prepare():
    from wagtail.models import Page

    pages = article_site()
    articles = {}
    for name in existing_types(ARTICLE_TYPES):
        page = Page.objects.live().filter(content_type__model=name).order_by("path").last()
        articles[name] = page.url if page else None
    return {
        "path": pages["article"].url,
        "other_path": pages["other"].url,
        "document_path": pages["document"].url,
        "articles": articles,
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo content plus a long test article, served for the whole module."""
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data.update(base=base, url=base + data["path"], other_url=base + data["other_path"])
        yield data


def body_px(page):
    return float(page.eval_on_selector(BODY, "el => parseFloat(getComputedStyle(el).fontSize)"))


def assert_step(page, step):
    assert body_px(page) == pytest.approx(BASE_PX * SCALES[step], abs=0.05)
    assert page.text_content("[data-font-value]").strip() == f"{round(SCALES[step] * 100)}%"


def status_text(page):
    page.wait_for_function("() => document.querySelector('[data-reading-status]').textContent.length > 0")
    return page.text_content("[data-reading-status]")


def no_horizontal_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        " && document.body.scrollWidth <= document.documentElement.clientWidth"
    )


def test_text_size_steps_limits_persistence_and_reset(site, browser_page):
    page = browser_page
    page.goto(site["url"])
    assert_step(page, 0)
    page.click(A_PLUS)
    assert_step(page, 1)
    page.click(A_PLUS)
    assert_step(page, 2)
    assert "130%" in status_text(page)
    # Only the article text grows, not the page's frame.
    assert page.eval_on_selector(".main-nav", "el => getComputedStyle(el).fontSize") == "16px"

    # Applied before first paint by early.js alone: it holds even with portal.js blocked.
    page.route(re.compile(r".*/static/js/portal\.js$"), lambda route: route.abort())
    page.reload()
    assert page.get_attribute("html", "data-font-step") == "2"
    assert body_px(page) == pytest.approx(BASE_PX * SCALES[2], abs=0.05)
    page.unroute(re.compile(r".*/static/js/portal\.js$"))
    page.console_errors.clear()  # the blocked portal.js

    page.goto(site["other_url"])
    assert_step(page, 2)
    page.click(A_MINUS)
    assert_step(page, 1)
    page.click(RESET)
    assert_step(page, 0)
    assert page.get_attribute("html", "data-font-step") is None
    page.reload()
    assert_step(page, 0)

    # Every step, down to the smallest and up to the largest; the limits say so.
    page.click(A_MINUS)
    page.click(A_MINUS)
    assert_step(page, -2)
    assert page.get_attribute(A_MINUS, "aria-disabled") == "true"
    for step in range(-1, MAX_STEP + 1):
        page.click(A_PLUS)
        assert_step(page, step)
    assert page.get_attribute(A_PLUS, "aria-disabled") == "true"
    page.focus(A_PLUS)
    page.keyboard.press("Enter")  # one more: nothing changes, and the reader is told why
    assert_step(page, MAX_STEP)
    assert "lớn nhất" in status_text(page)
    assert len(SCALES) >= 5
    assert page.console_errors == []


def test_keyboard_alone_works_every_tool(site, browser_page):
    page = browser_page
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site["url"])
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hasAttribute('data-font-reset')"):
            break
    else:
        pytest.fail("Tab never reached the Mặc định button")

    def focused(attr):
        return page.evaluate(f"() => document.activeElement.hasAttribute('{attr}')")

    # Focus is visible on the tools.
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    page.keyboard.press("Tab")
    assert focused("data-font-change")  # A−
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('data-font-change')") == "1"
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert_step(page, 2)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert_step(page, 1)
    page.keyboard.press("Shift+Tab")
    assert focused("data-font-reset")
    page.keyboard.press("Enter")
    assert_step(page, 0)

    for _ in range(3):
        page.keyboard.press("Tab")
    assert focused("data-contrast-toggle")
    page.keyboard.press("Space")
    assert page.get_attribute("[data-contrast-toggle]", "aria-pressed") == "true"
    assert page.get_attribute("html", "data-contrast") == "high"
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"

    page.keyboard.press("Tab")
    assert focused("data-print")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1

    page.keyboard.press("Tab")
    assert focused("data-save-article")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".html")

    # The contrast choice is applied before paint on the next page too.
    page.goto(site["other_url"])
    assert page.get_attribute("html", "data-contrast") == "high"
    assert page.get_attribute("[data-contrast-toggle]", "aria-pressed") == "true"


def test_layout_on_a_phone_at_200_percent_zoom_and_in_print(site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site["url"])
    while page.get_attribute(A_PLUS, "aria-disabled") != "true":
        page.click(A_PLUS)
    assert_step(page, MAX_STEP)
    assert no_horizontal_scroll(page)
    # A table either fits or scrolls inside itself and can be reached with the keyboard.
    assert page.evaluate(
        "() => [...document.querySelectorAll('main table')].every("
        "t => t.scrollWidth <= t.clientWidth + 1 || t.tabIndex === 0)"
    )
    # 1280 px at 200% browser zoom is a 640 px wide layout.
    page.set_viewport_size({"width": 640, "height": 400})
    for url in (site["url"], site["base"] + "/"):
        page.goto(url)
        assert no_horizontal_scroll(page), url

    # Printing: the article without the navigation.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site["url"])
    page.emulate_media(media="print")

    def shown(selector):
        return page.eval_on_selector(selector, "el => getComputedStyle(el).display !== 'none' && el.offsetHeight > 0")

    for selector in (".main-nav", ".sidebar", ".breadcrumbs", ".reading-tools", ".share", ".search-box", ".topbar"):
        assert not shown(selector), selector
    for selector in (".article__title", ".article-meta", BODY, ".document-link"):
        assert shown(selector), selector
    # The printed page says where the article lives; the screen does not repeat it.
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert shown(".print-only") and canonical in page.text_content(".print-only")
    page.emulate_media(media="screen")
    assert shown(".main-nav") and shown(".reading-tools")
    assert not shown(".print-only")


def test_saved_article_is_a_self_contained_file_with_title_meta_body_and_attachments(site, browser_page, tmp_path):
    page = browser_page
    page.goto(site["url"])
    with page.expect_download() as download:
        page.click("[data-reading-tools] [data-save-article]")
    saved = Path(tmp_path / download.value.suggested_filename)
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")

    assert saved.name == "ke-hoach-trien-khai-phong-trao-thi-dua-dac-biet.html"
    assert html.startswith("<!DOCTYPE html>")
    assert "<h1>Kế hoạch triển khai Phong trào thi đua đặc biệt</h1>" in html
    assert "Ngày đăng" in html and "Lượt xem" in html
    assert BODY_TEXT in html and "Mục đích, yêu cầu" in html
    assert f'href="{site["base"]}{site["document_path"]}"' in html
    assert "<script" not in html and "<style>" in html
    assert "Mặc định" not in html and "Chia sẻ" not in html  # the tools are not part of the article
    assert "Đã lưu" in status_text(page)

    # It opens and reads offline: nothing but the file itself is loaded.
    offline = page.context.new_page()
    requests = []
    offline.on("request", lambda r: requests.append(r.url))
    offline.goto(saved.as_uri())
    assert offline.text_content("h1") == "Kế hoạch triển khai Phong trào thi đua đặc biệt"
    assert BODY_TEXT in offline.text_content("article")
    assert [u for u in requests if not u.startswith("file:")] == []
    offline.close()


def test_share_copy_link_with_the_clipboard_and_without_javascript(site, browser):
    context = browser.new_context(locale="vi-VN", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site["url"])
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert canonical.endswith(site["path"])
    assert not page.is_visible("[data-copy-fallback]")
    page.click("[data-copy-link]")
    page.wait_for_selector("[data-copy-status]:has-text('Đã sao chép liên kết')")
    assert page.is_visible("[data-copy-status]")
    assert page.evaluate("() => navigator.clipboard.readText()") == canonical
    context.close()

    # Without JavaScript the tools hide and the share links stay, with the plain link to copy.
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site["url"])
    assert page.get_attribute("html", "class") == "no-js"
    assert not page.is_visible("[data-reading-tools]")
    assert not page.is_visible("[data-copy-link]")
    assert page.is_visible("[data-copy-fallback]")
    assert page.is_visible(".share__link--facebook")
    context.close()


def test_tools_print_and_save_work_on_every_article_type(site, browser_page, tmp_path):
    """Standard pages, and plans, news and videos once they exist, from the demo content:
    meta line, tools, body in that order; the text grows; print drops the navigation; the
    saved file holds the title, the body and every attachment."""
    page = browser_page
    assert "standardpage" in site["articles"]
    for name, path in site["articles"].items():
        assert path is not None, f"the demo content has no {name}"
        page.goto(site["base"] + path)
        order = page.evaluate(
            """() => {
                const els = ['article .article-meta', 'article [data-reading-tools]', 'article [data-article-body]', '.share']
                    .map(s => document.querySelector(s));
                return els.every((el, i) => el && (i === 0 || (els[i - 1].compareDocumentPosition(el) & 4)));
            }"""
        )
        assert order, f"{name}: meta line, tools and body in <article>, then the share links"
        page.click(RESET)
        page.click(A_PLUS)
        assert body_px(page) == pytest.approx(BASE_PX * SCALES[1], abs=0.05), name
        page.click(RESET)

        page.emulate_media(media="print")
        for selector in (".main-nav", ".sidebar", ".reading-tools"):
            assert page.eval_on_selector(selector, "el => getComputedStyle(el).display") == "none", (name, selector)
        assert page.is_visible(BODY), name
        page.emulate_media(media="screen")

        title = page.text_content("h1").strip()
        body_start = " ".join(page.inner_text(BODY).split())[:40]
        attachments = page.eval_on_selector_all("article a[href*='/documents/']", "links => links.map(a => a.href)")
        with page.expect_download() as download:
            page.click("[data-reading-tools] [data-save-article]")
        saved = tmp_path / f"{name}.html"
        download.value.save_as(saved)
        html = saved.read_text(encoding="utf-8")
        assert "<script" not in html, name
        for href in attachments:
            assert f'href="{href}"' in html, (name, href)
        offline = page.context.new_page()
        offline.goto(saved.as_uri())
        assert offline.text_content("h1").strip() == title, name
        assert body_start in " ".join(offline.inner_text("article").split()), name
        offline.close()
    assert page.console_errors == []


def test_tools_give_the_script_its_translated_messages(client, home):
    """The announcements portal.js makes come from the template, through gettext (this
    test also makes pytest-django create the test database when this module runs alone)."""
    from portal.models import StandardPage

    page = StandardPage(title="Liên hệ", slug="lien-he", body=[("paragraph", "<p>Điện thoại.</p>")])
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    for attribute, text in [
        ("data-msg-size", "Cỡ chữ: %(value)s"),
        ("data-msg-size-default", "Cỡ chữ mặc định: %(value)s"),
        ("data-msg-size-min", "Đã ở cỡ chữ nhỏ nhất: %(value)s"),
        ("data-msg-size-max", "Đã ở cỡ chữ lớn nhất: %(value)s"),
        ("data-msg-contrast-on", "Đã bật chế độ tương phản cao"),
        ("data-msg-contrast-off", "Đã tắt chế độ tương phản cao"),
        ("data-msg-saved", "Đã lưu bài viết vào tệp %(name)s"),
        ("data-label-attachments", "Tệp đính kèm"),
        ("data-msg-copied", "Đã sao chép liên kết"),
    ]:
        assert f'{attribute}="{text}"' in html, attribute
