"""The editor's admin without a browser: date formats, the preview's frame policy and
ASCII slugs for every page, however it is made."""

import datetime

import pytest
from django import forms
from django.utils import translation
from wagtail.models import Page

from portal.models import StandardPage
from portal.slugs import js_formatters, vn_slug
from portal.translation import translate

pytestmark = pytest.mark.django_db


def csp(response):
    return {p.strip().split(" ", 1)[0]: p.strip() for p in response["Content-Security-Policy"].split(";") if p.strip()}


# --- Dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_read_and_shown_day_first_in_both_admin_languages(language):
    with translation.override(language):
        assert forms.DateField().clean("05/12/2026") == datetime.date(2026, 12, 5)
        assert forms.DateField().clean("2026-12-05") == datetime.date(2026, 12, 5)
        assert forms.DateTimeField().clean("05/12/2026 07:53").strftime("%d/%m/%Y %H:%M") == "05/12/2026 07:53"
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("12/31/2026")  # no American reading
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("hôm qua")


def test_the_admin_date_widgets_write_dd_mm_yyyy_and_keep_unreadable_text(admin_client, home):
    from campaigns.models import PlanIndexPage

    index = PlanIndexPage(title="Kế hoạch", slug="ke-hoach")
    home.add_child(instance=index)
    html = admin_client.get(f"/admin/pages/add/campaigns/planpage/{index.pk}/").content.decode()
    assert '"format": "d/m/Y"' in html
    assert "validateOnBlur: false" in html  # the picker no longer replaces text with today
    assert 'name="issue_date" value="' + datetime.date.today().strftime("%d/")[:1] in html


# --- Preview -------------------------------------------------------------------------


def test_the_preview_may_be_framed_by_the_admin_and_the_live_page_by_no_one(admin_client, home):
    page = StandardPage(title="Giới thiệu chung", slug="gioi-thieu-chung", intro="Về Sở.")
    home.add_child(instance=page)
    page.save_revision().publish()
    # The draft as the editor's preview renders it (the panel posts the form first; the
    # browser test covers that): Wagtail serves it through the middleware for the page's path.
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert "Giới thiệu chung" in preview.content.decode()
    assert csp(preview)["frame-ancestors"] == "frame-ancestors 'self'"
    assert csp(preview)["script-src"] == "script-src 'self'"  # otherwise the public page's policy

    live = admin_client.get(page.url)
    assert csp(live)["frame-ancestors"] == "frame-ancestors 'none'"
    assert live["X-Frame-Options"] == "DENY"


# --- Slugs ---------------------------------------------------------------------------


def test_vn_slug():
    assert vn_slug("Kế hoạch đặc biệt về Đào tạo") == "ke-hoach-dac-biet-ve-dao-tao"
    assert vn_slug("hội-nghị-điển-hình") == "hoi-nghi-dien-hinh"
    decomposed = "Ho\u0302\u0323i nghi\u0323 \u0111ie\u0302\u0309n hi\u0300nh"
    assert vn_slug(decomposed) == "hoi-nghi-dien-hinh"
    assert vn_slug("???") == "trang"


def test_the_widget_table_matches_vn_slug():
    import re

    for pattern, target in js_formatters()[:-1]:
        for letter in re.findall(r"[^\[\]]", pattern):
            assert vn_slug(letter + "x").startswith(target.lower()), letter


def test_a_page_made_in_code_gets_the_ascii_slug(home):
    page = StandardPage(title="Kế hoạch đặc biệt về Đào tạo", intro="x")
    home.add_child(instance=page)
    assert page.slug == "ke-hoach-dac-biet-ve-dao-tao"
    assert page.url_path.endswith("/ke-hoach-dac-biet-ve-dao-tao/")
    other = StandardPage(title="Thứ hai", slug="kế-hoạch-đặc-biệt-về-đào-tạo", intro="x")
    home.add_child(instance=other)
    assert other.slug == "ke-hoach-dac-biet-ve-dao-tao-1"  # never two pages on one address


def test_an_existing_diacritic_address_keeps_working(client, home):
    page = StandardPage(title="Hội nghị điển hình", slug="hoi-nghi", intro="x")
    home.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(
        slug="hội-nghị-điển-hình", url_path=page.url_path.replace("hoi-nghi", "hội-nghị-điển-hình")
    )
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Hội nghị điển hình năm 2026"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "hội-nghị-điển-hình"
    assert client.get("/hội-nghị-điển-hình/").status_code == 200


def test_an_english_translation_keeps_the_d(home, django_capture_on_commit_callbacks):
    page = StandardPage(title="Hội nghị điển hình", slug="hoi-nghi", intro="x")
    home.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(slug="hội-nghị-điển-hình")
    page = StandardPage.objects.get(pk=page.pk)
    with django_capture_on_commit_callbacks(execute=True):
        translate(home, "en", {"Trang chủ": "Home"})
        english = translate(page, "en", {"Hội nghị điển hình": "Model conference"})
    assert english.slug == "hoi-nghi-dien-hinh"
    assert english.url_path.endswith("/hoi-nghi-dien-hinh/")
