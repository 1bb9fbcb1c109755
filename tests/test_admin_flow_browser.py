"""The editor's admin in headless Chromium, through the real widgets: Vietnamese dates,
the preview panel, ASCII slugs and a page sent back for changes."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.reading_support import demo_server, load_demo

pytestmark = [pytest.mark.browser]

PASSWORD = "mật-khẩu-thử-nghiệm-1"


def _prepare():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    load_demo()
    get_user_model().objects.create_superuser("bientap", "bientap@example.invalid", PASSWORD)
    plans = Page.objects.filter(content_type__model="planindexpage", locale__language_code="vi").first()
    plan = Page.objects.filter(content_type__model="planpage", locale__language_code="vi").live().first()
    return {"plan_index": plans.pk, "plan": plan.pk, "plan_title": plan.title}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        data["blocker"] = django_db_blocker
        yield data


def test_the_database_exists(db):
    """Makes pytest-django create the test database when this module runs alone."""


def login(page, base, username="bientap", password=PASSWORD):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def new_plan_form(page, site, title):
    page.goto(f"{site['base']}/admin/pages/add/campaigns/planpage/{site['plan_index']}/")
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    page.fill("#id_document_number", "99/KH-SNV")


def type_date(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.type(text)
    page.keyboard.press("Escape")
    page.locator("#id_title").click()  # leave the field: the picker used to rewrite it here
    return field


def save_draft(page):
    with page.expect_navigation():
        page.locator("button.action-save").first.click()


def test_a_date_typed_the_vietnamese_way_is_kept_and_garbage_is_an_error(site, browser_page):
    from campaigns.models import PlanPage

    page = browser_page
    login(page, site["base"])

    # Text that is not a date: it stays as typed, an error shows next to the field, nothing saved.
    new_plan_form(page, site, "Kế hoạch thử ngày sai")
    field = type_date(page, "#id_issue_date", "hôm qua")
    assert field.input_value() == "hôm qua"
    save_draft(page)
    assert "/pages/add/" in page.url
    error = page.locator(
        "[data-field-wrapper]:has(#id_issue_date) .error-message, "
        "[data-field-wrapper]:has(#id_issue_date) [data-field-errors]"
    )
    expect(error.first).to_contain_text("hợp lệ")
    assert page.input_value("#id_issue_date") == "hôm qua"
    with site["blocker"].unblock():
        assert not PlanPage.objects.filter(title="Kế hoạch thử ngày sai").exists()

    # 05/12/2026 is 5 December 2026, shown back as typed.
    new_plan_form(page, site, "Kế hoạch thử ngày đúng")
    field = type_date(page, "#id_issue_date", "05/12/2026")
    assert field.input_value() == "05/12/2026"
    save_draft(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert page.input_value("#id_issue_date") == "05/12/2026"
    with site["blocker"].unblock():
        plan = PlanPage.objects.get(title="Kế hoạch thử ngày đúng")
        draft = plan.get_latest_revision_as_object()
    assert draft.issue_date == datetime.date(2026, 12, 5)


def test_a_new_page_titled_in_vietnamese_gets_an_ascii_slug(site, browser_page):
    from campaigns.models import PlanPage

    page = browser_page
    login(page, site["base"])
    new_plan_form(page, site, "Kế hoạch đặc biệt về Đào tạo")
    expect(page.locator("#id_slug")).to_have_value("ke-hoach-dac-biet-ve-dao-tao")
    save_draft(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    with site["blocker"].unblock():
        assert PlanPage.objects.get(title="Kế hoạch đặc biệt về Đào tạo").slug == "ke-hoach-dac-biet-ve-dao-tao"


def test_the_preview_panel_shows_the_page_at_every_size_and_in_a_new_tab(site, browser_page):
    page = browser_page
    login(page, site["base"])
    page.goto(f"{site['base']}/admin/pages/{site['plan']}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe[data-w-preview-target='iframe'], .preview-panel iframe, iframe").first
    heading = frame.locator("h1")
    expect(heading).to_contain_text(site["plan_title"][:40], timeout=15000)
    sizes = page.locator("[data-w-preview-target='size'], input[name='preview-size']")
    assert sizes.count() >= 3
    for i in range(sizes.count()):
        sizes.nth(i).check(force=True)
        page.wait_for_timeout(300)
        expect(frame.locator("h1")).to_contain_text(site["plan_title"][:40])
    assert not [e for e in page.console_errors if "frame-ancestors" in e or "Refused to frame" in e]
    with page.context.expect_page() as new_tab:
        page.locator("[data-w-preview-target='newTab'], a[target='_blank'][href*='preview']").first.click()
    tab = new_tab.value
    tab.wait_for_load_state()
    expect(tab.locator("h1")).to_contain_text(site["plan_title"][:40])
