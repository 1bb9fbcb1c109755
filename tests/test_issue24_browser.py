"""Chromium + axe on the work schedule's week page and the procedures list, at 360 px and
on a desktop screen, in both languages where the content is translated."""

import io

import pytest

from tests.reading_support import demo_server, ensure_baseline

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {"resultTypes": ["violations"]}


def _prepare():
    from django.core.management import call_command

    from procedures.demo import ensure_english
    from procedures.demo import load as procedures_demo
    from procedures.models import ProcedureIndexPage
    from schedule.models import ScheduleIndexPage

    ensure_baseline()
    call_command("setup_site", stdout=io.StringIO())
    from portal.core.page_tree import get_home
    from schedule.demo import load as schedule_demo

    home = get_home()
    schedule_demo(home, io.StringIO())
    procedures_demo(home, io.StringIO())
    ensure_english(home, io.StringIO())  # the English home exists now: the English list
    schedule = ScheduleIndexPage.objects.live().get(locale__language_code="vi")
    procedures = ProcedureIndexPage.objects.live().get(locale__language_code="vi")
    english = ProcedureIndexPage.objects.live().get(locale__language_code="en")
    week = schedule.get_children().live().order_by("path").first()
    return {
        "paths": [
            schedule.url,
            schedule.url + "?tuan=2000-W01",  # an empty week
            week.url,
            procedures.url,
            procedures.url + "?linh-vuc=ton-giao&q=giang+dao",
            procedures.url + "?linh-vuc=khong-co",  # the error notice
            english.url,
        ],
        "english": english.url,
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        yield data


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site["base"]) else r.abort())
    page = context.new_page()
    yield page
    context.close()


def _violations(page, url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url)
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']} — "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_week_page_and_procedures_list(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = []
    for path in site["paths"]:
        found += _violations(page, site["base"] + path)
    assert found == [], "\n".join(found)


def test_phone_layout_fits_and_print_button_works(site, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site["base"] + site["paths"][0])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.is_visible("[data-schedule-print]")  # shown by the script
    page.goto(site["base"] + site["paths"][3])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(site["base"] + site["english"])
    assert page.locator("h1").inner_text() == "Administrative procedures"
    assert page.locator("th", has_text="Procedure code").count() == 1


def test_the_database_is_set_up(db):
    """Makes pytest-django create the test database when this module runs alone."""
