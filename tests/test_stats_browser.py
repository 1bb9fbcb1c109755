"""In headless Chromium: the beacon counts a first view once and updates the page.

Headless Chromium under Playwright is exactly what the counter must ignore: its user
agent says ``HeadlessChrome`` and ``navigator.webdriver`` is true. Contexts standing for
people therefore get an ordinary Chrome user agent and a ``navigator.webdriver`` of false
(``person``); one test checks that the unmodified automated browser counts nothing."""

import uuid

import pytest
from hitcount.models import HitCount
from playwright.sync_api import expect

from portal.models import StandardPage
from portal.stats import api

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
NOT_DRIVEN = "Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false});"


def person(browser, **kwargs):
    """A fresh browser profile as a person has it (see the module's docstring)."""
    context = browser.new_context(locale="vi-VN", user_agent=PERSON_UA, **kwargs)
    context.add_init_script(NOT_DRIVEN)
    return context


@pytest.fixture(autouse=True)
def _own_redis_keys(settings):
    """With Redis, start from an empty "online" set (keys under a prefix of this test)."""
    settings.PORTAL_STATS_REDIS_PREFIX = f"test:browser:{uuid.uuid4().hex[:8]}:"


@pytest.fixture
def site_home(transactional_db):
    """A home page as the default site's root, on a database that another transactional
    test may have flushed (no migration data left)."""
    from django.apps import apps
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page, Site

    from portal.models import HomePage

    # A flush between transactional tests can leave even the content types out.
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage(title="Trang chủ", slug="trang-chu-trinh-duyet", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def plan(site_home):
    home = site_home
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

    first_context = person(browser)
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
    next_context = person(browser, java_script_enabled=False)
    visit = next_context.new_page()
    visit.goto(url)
    expect(visit.locator("[data-views]")).to_have_text("3.135")
    next_context.close()
    assert api.page_views(plan) == 3135  # the database (and, with Redis, what is pending)


def online(page):
    return int(page.locator("[data-stats-online]").inner_text().replace(".", ""))


def test_two_browsers_on_one_address_are_two_views_and_two_people_online(browser, live_server, plan):
    """Same address (127.0.0.1), same user agent: an office or a carrier NAT."""
    url = live_server.url + plan.url
    first, second = person(browser), person(browser)
    page_a, response = open_article(first, url)
    assert response.json()["counted"] is True
    expect(page_a.locator("[data-views]")).to_have_text("3.135")
    page_b, response = open_article(second, url)
    assert response.json()["counted"] is True
    expect(page_b.locator("[data-views]")).to_have_text("3.136")
    assert online(page_b) == 2

    # A reload, or the same article in another tab of the same browser, adds nothing.
    with page_a.expect_response(lambda r: "/_stats/hit" in r.url) as again:
        page_a.reload()
    assert again.value.json()["counted"] is False
    tab, response = open_article(first, url)
    assert response.json()["counted"] is False
    expect(tab.locator("[data-views]")).to_have_text("3.136")
    assert online(tab) == 2
    assert page_a.errors == [] and page_b.errors == []
    first.close()
    second.close()
    assert api.page_views(plan) == 3136


def test_an_automated_headless_browser_counts_nothing(browser, live_server, plan):
    context = browser.new_context(locale="vi-VN")  # HeadlessChrome, navigator.webdriver
    page, response = open_article(context, live_server.url + plan.url)
    assert response.status == 204
    expect(page.locator("[data-views]")).to_have_text("3.134")  # the rendered number stays
    context.close()
    assert api.page_views(plan) == 3134


def test_a_browser_refusing_storage_is_still_counted(browser, live_server, plan):
    context = person(browser)
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied'); }});"
    )
    page, response = open_article(context, live_server.url + plan.url)
    assert response.json()["counted"] is True
    assert page.errors == []
    context.close()
