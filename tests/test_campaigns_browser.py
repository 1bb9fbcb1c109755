"""The plan page and listing in headless Chromium: no accessibility violations in the
content, the filters work from the form, the PDF link opens inline.

It uses the session's Chromium (the ``browser`` fixture of tests/conftest.py): a second
Playwright in the same process fails once the first one runs its event loop.
"""

import io

import pytest
from django.core.management import call_command

from campaigns.models import PlanIndexPage, PlanPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [["main"]]}, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa"]})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_plan_page_and_listing_in_a_browser(live_server, browser):
    call_command("load_demo", stdout=io.StringIO())
    plan_url = live_server.url + PlanPage.objects.get(document_number="57/KH-SNV", locale__language_code="vi").url
    index_url = live_server.url + PlanIndexPage.objects.get(locale__language_code="vi").url

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(plan_url)
    assert page.locator("h1").inner_text().startswith("Kế hoạch triển khai Phong trào thi đua đặc biệt")
    assert _violations(page) == []
    # The reading tools sit above the body they act on (their script is the reading-tools work).
    assert page.get_by_role("button", name="Tăng cỡ chữ").is_visible()
    assert "Link xem:" in page.locator("[data-article-body]").inner_text()
    link = page.locator(".plan-attachment a").first
    assert link.get_attribute("type") == "application/pdf" and link.get_attribute("download") is None
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")

    page.goto(index_url + "?year=abc")
    assert "Năm “abc” không hợp lệ" in page.locator("main").inner_text()
    page.goto(index_url)
    page.select_option("#filter-year", "2022")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**year=2022**")
    dates = page.locator(".plan-row__date").all_inner_texts()
    assert dates and all(text.endswith("/2022") for text in dates)
    assert _violations(page) == []
    assert errors == []
    context.close()
