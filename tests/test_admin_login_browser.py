"""The admin login page in Chromium: accessible (WCAG 2.1 AA) with an error shown, in
Vietnamese, with the department's name and emblem."""

import re

import pytest
from django.urls import reverse

from portal.security.admin_login import AccessibleLoginForm
from tests.conftest import ensure_migration_data

pytestmark = [pytest.mark.browser]

PASSWORD = "mật-khẩu-thử-nghiệm-dài"


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


@pytest.fixture
def login_page(browser, live_server, django_user_model):
    ensure_migration_data()  # the dashboard needs the page tree's root
    django_user_model.objects.create_superuser("quantri", "quantri@sonoivu.invalid", PASSWORD)
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    yield page
    context.close()


def test_a_wrong_password_is_announced_tied_to_the_fields_and_axe_finds_nothing(login_page):
    from axe_playwright_python.sync_playwright import Axe

    page = login_page
    assert page.title() == "Đăng nhập - Sở Nội vụ tỉnh Kon Tum"
    assert page.get_attribute("html", "lang") == "vi"
    assert page.get_attribute("#id_username", "autocomplete") == "username"
    assert page.get_attribute("#id_password", "autocomplete") == "current-password"
    assert page.get_attribute("#id_username", "placeholder") == "Nhập tên đăng nhập của bạn"
    assert page.is_visible(".portal-login__brand img.portal-login__emblem")
    assert page.inner_text(".portal-login__agency") == "Sở Nội vụ tỉnh Kon Tum"

    page.fill("#id_username", "quantri")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit]")
    page.wait_for_selector("#login-error-summary")

    assert page.title() == "Lỗi: Đăng nhập - Sở Nội vụ tỉnh Kon Tum"
    summary = page.locator("#login-error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "login-error-summary"  # read out first
    assert "Sai tên đăng nhập hoặc mật khẩu. Vui lòng thử lại." in summary.inner_text()
    for field in ("#id_username", "#id_password"):
        assert page.get_attribute(field, "aria-invalid") == "true"
        described = page.get_attribute(field, "aria-describedby").split()
        assert "login-error-summary" in described
    assert page.input_value("#id_username") == "quantri"  # what the user typed is kept

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    found = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]
    assert found == []


def test_empty_fields_show_their_own_errors_next_to_them(login_page):
    page = login_page
    page.click("button[type=submit]")
    page.wait_for_selector("#login-error-summary")
    for name in ("username", "password"):
        error = page.locator(f"#id_{name}-error")
        assert error.is_visible()
        assert error.inner_text().strip() == "Trường này là bắt buộc."
        assert f"id_{name}-error" in page.get_attribute(f"#id_{name}", "aria-describedby").split()
        assert page.get_attribute(f"#id_{name}", "aria-invalid") == "true"
    # The summary links to the fields.
    page.click("#login-error-summary a[href='#id_username']")
    assert page.evaluate("document.activeElement.id") == "id_username"


def test_field_borders_stand_out_at_three_to_one(login_page):
    page = login_page
    for field in ("#id_username", "#id_password"):
        border = page.eval_on_selector(field, "el => getComputedStyle(el).borderTopColor")
        background = page.eval_on_selector(".content-wrapper", "el => getComputedStyle(el).backgroundColor")
        assert contrast(_rgb(border), _rgb(background)) >= 3, (field, border, background)


def test_the_right_password_still_signs_in(login_page):
    page = login_page
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.title() == "Bảng điều khiển - Sở Nội vụ tỉnh Kon Tum"
    emblem = page.wait_for_selector(".sidebar-custom-branding img.portal-branding__emblem", state="visible")
    box = emblem.bounding_box()
    assert 80 <= box["width"] <= 110 and 80 <= box["height"] <= 110
    assert page.inner_text(".sidebar-custom-branding .portal-branding__name") == "Sở Nội vụ tỉnh Kon Tum"


def test_the_form_ties_errors_to_fields_without_a_browser(db):
    form = AccessibleLoginForm(data={"username": "", "password": ""})
    assert not form.is_valid()
    attrs = form.fields["username"].widget.attrs
    assert attrs["aria-invalid"] == "true"
    assert attrs["aria-describedby"] == "id_username-error"
    assert "autofocus" not in attrs
