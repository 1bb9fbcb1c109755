"""In headless Chromium: the beacon counts a first view once and updates the page."""

import pytest
from hitcount.models import HitCount
from playwright.sync_api import expect

from portal.models import StandardPage
from portal.stats import api

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def plan(home):
    page = StandardPage(title="Kế hoạch số 57/KH-SNV", slug="ke-hoach-57-kh-snv", intro="Kế hoạch triển khai.")
    home.add_child(instance=page)
    page.save_revision().publish()
    HitCount.objects.create(content_type_id=page.content_type_id, object_pk=page.pk, hits=3134)
    return page


def open_article(context, url):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with page.expect_response(lambda r: "/_stats/hit" in r.url) as beacon:
        page.goto(url)
    page.errors = errors
    return page, beacon.value


def test_a_first_view_raises_the_count_by_one_and_shows_people_online(browser, live_server, plan):
    url = live_server.url + plan.url

    first_context = browser.new_context(locale="vi-VN")
    page, response = open_article(first_context, url)
    assert response.status == 200 and response.json()["counted"] is True
    expect(page.locator("[data-views]")).to_have_text("3.135")  # the live number replaced 3.134
    expect(page.locator("[data-stats-online]")).not_to_have_text("0")
    assert int(page.locator("[data-stats-online]").inner_text().replace(".", "")) >= 1
    assert page.locator("[data-stats-block]").get_by_text("người đang online").count() == 1

    # A reload is not a new view.
    with page.expect_response(lambda r: "/_stats/hit" in r.url) as again:
        page.reload()
    assert again.value.json()["counted"] is False
    expect(page.locator("[data-views]")).to_have_text("3.135")
    assert page.errors == []
    first_context.close()

    # The next visit, in a fresh browser, is rendered with exactly one more view.
    next_context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    visit = next_context.new_page()
    visit.goto(url)
    expect(visit.locator("[data-views]")).to_have_text("3.135")
    next_context.close()
    assert api.page_views(plan) == 3135  # the database (and, with Redis, what is pending)
