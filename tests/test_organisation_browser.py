"""The organisation pages, the home page's new sections and the footer's "Liên kết
website" in Chromium: axe finds no violation at 360 px and on a desktop, nothing is wider
than a phone's screen, and the footer's list opens with the keyboard without JavaScript."""

import contextlib

import pytest

from tests.organisation_helpers import build_directory_site
from tests.reading_support import demo_server
from tests.test_accessibility_axe import AXE_OPTIONS

pytestmark = [pytest.mark.browser]

PATHS = [
    "/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/gioi-thieu/lanh-dao-so/",
    "/gioi-thieu/nguoi-phat-ngon/",
    "/tiep-can-thong-tin/",
    "/so-do-cong/",
    "/en/",
    "/en/about/organisational-structure/",
    "/en/about/leadership/",
    "/en/about/spokesperson/",
    "/en/access-to-information/",
    "/en/site-map/",
]
SIZES = {"phone": (360, 740), "desktop": (1280, 900)}


def _prepare():
    # Outside a transaction: wagtail-localize's on-commit publishing runs at once.
    build_directory_site(lambda execute=True: contextlib.nullcontext())
    return {}


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, _data):
        yield base


def _page(browser, base, size, javascript=True):
    context = browser.new_context(
        locale="vi-VN",
        viewport=dict(zip(("width", "height"), SIZES[size], strict=True)),
        java_script_enabled=javascript,
    )
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return context, context.new_page()


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_nothing_and_nothing_overflows(server, browser, size):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = _page(browser, server, size)
    found, overflowing = [], []
    try:
        for path in PATHS:
            response = page.goto(server + path)
            assert response.status == 200, path
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # judge the open list too
            for v in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
                found.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} — {targets}")
            if page.evaluate("document.documentElement.scrollWidth") > SIZES[size][0]:
                overflowing.append(path)
    finally:
        context.close()
    assert found == [], "\n".join(found)
    assert overflowing == []


def test_phone_layout_of_the_home_page_and_the_chart(server, browser):
    context, page = _page(browser, server, "phone")
    try:
        page.goto(server + "/")
        # Quick links two by two, agency logos two by two: nothing squeezed into a third column.
        lefts = page.eval_on_selector_all(".quick-links__link", "els => els.map(e => e.getBoundingClientRect().left)")
        assert len(lefts) == 5 and len({round(x) for x in lefts}) == 2
        lefts = page.eval_on_selector_all(".agency-links__link", "els => els.map(e => e.getBoundingClientRect().left)")
        assert len({round(x) for x in lefts}) == 2
        page.goto(server + "/gioi-thieu/co-cau-to-chuc/")
        # The chart's branches stack on a phone: every branch starts at the same left edge.
        lefts = page.eval_on_selector_all(
            ".org-chart__level > li", "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
        )
        assert len(lefts) == 4 and len(set(lefts)) == 1
    finally:
        context.close()
    context, page = _page(browser, server, "desktop")
    try:
        page.goto(server + "/gioi-thieu/co-cau-to-chuc/")
        lefts = page.eval_on_selector_all(
            ".org-chart__level > li", "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
        )
        assert len(set(lefts)) >= 2  # side by side on a wide screen
    finally:
        context.close()


def test_footer_links_open_with_the_keyboard_without_javascript(server, browser):
    context, page = _page(browser, server, "phone", javascript=False)
    try:
        page.goto(server + "/lien-he/")
        link = page.locator(".footer-links a", has_text="Bộ Nội vụ")
        assert not link.is_visible()
        page.focus(".footer-links__summary")
        page.keyboard.press("Enter")
        assert link.is_visible()
        assert link.get_attribute("href") == "https://moha.gov.vn"
        assert "(liên kết ngoài)" in link.inner_text() or "liên kết ngoài" in link.text_content()
    finally:
        context.close()


def test_database_is_set_up(db):
    """An ordinary database test, so the test database exists when this module runs alone."""
