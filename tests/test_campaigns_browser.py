"""The plan page and listing in headless Chromium: no accessibility violations in the
content, the filters work from the form, the PDF link opens inline."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import PlanIndexPage, PlanPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [["main"]]}, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa"]})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_plan_page_and_listing_in_a_browser(live_server, demo, browser_page):
    plan = PlanPage.objects.get(document_number="57/KH-SNV")
    browser_page.goto(live_server.url + plan.url)
    assert browser_page.locator("h1").inner_text().startswith("Kế hoạch triển khai Phong trào thi đua đặc biệt")
    assert _violations(browser_page) == []
    # The reading tools sit above the body they act on (their script is the reading-tools work).
    assert browser_page.get_by_role("button", name="Tăng cỡ chữ").is_visible()
    assert "Link xem:" in browser_page.locator("[data-article-body]").inner_text()
    link = browser_page.locator(".plan-attachment a").first
    assert link.get_attribute("type") == "application/pdf" and link.get_attribute("download") is None
    response = browser_page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")

    index = PlanIndexPage.objects.get()
    browser_page.goto(live_server.url + index.url + "?year=abc")
    assert "Năm “abc” không hợp lệ" in browser_page.locator("main").inner_text()
    browser_page.goto(live_server.url + index.url)
    browser_page.select_option("#filter-year", "2022")
    browser_page.get_by_role("button", name="Lọc").click()
    browser_page.wait_for_url("**year=2022**")
    rows = browser_page.locator(".plan-row__date").all_inner_texts()
    assert rows and all(text.endswith("/2022") for text in rows)
    assert _violations(browser_page) == []
    assert browser_page.console_errors == []
