"""The editor's admin without a browser: date formats, the preview's frame policy and
ASCII slugs for every page, however it is made."""

import datetime

import pytest
from django import forms
from django.utils import translation
from wagtail.models import Page

from portal.core.slugs import js_formatters, vn_slug
from portal.core.translation import translate
from portal.models import StandardPage

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


# --- Workflow state ------------------------------------------------------------------


@pytest.fixture
def sent_back(home, django_user_model):
    """A page an editor sent for approval and a reviewer sent back with a comment,
    through Wagtail's own workflow action view."""
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.models import Workflow

    from portal.editorial import roles

    editor = django_user_model.objects.create_user(
        "lan", "lan@example.invalid", "x", first_name="Lan", last_name="Trần Thị"
    )
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    reviewer = django_user_model.objects.create_user(
        "hung", "hung@example.invalid", "x", first_name="Hùng", last_name="Nguyễn Văn"
    )
    reviewer.groups.add(Group.objects.get(name=roles.MODERATOR))
    page = StandardPage(title="Kế hoạch tuyển dụng công chức năm 2027", slug="tuyen-dung-2027", intro="x", live=False)
    home.add_child(instance=page)
    page.save_revision(user=editor)
    Workflow.objects.get(name=roles.WORKFLOW).start(page, editor)
    state = page.current_workflow_state
    client = Client()
    client.force_login(reviewer)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Bổ sung số ký hiệu và ngày ban hành."},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES
    editor_client = Client()
    editor_client.force_login(editor)
    return {"page": page, "editor": editor, "reviewer": reviewer, "editor_client": editor_client}


def test_a_page_sent_back_shows_as_such_on_the_dashboard_with_the_comment(sent_back):
    html = sent_back["editor_client"].get("/admin/").content.decode()
    changes = html.split('id="editorial-changes-section"')[1]
    assert "Kế hoạch tuyển dụng công chức năm 2027" in changes
    assert "Cần chỉnh sửa" in changes
    assert "Bổ sung số ký hiệu và ngày ban hành." in changes
    assert "Nguyễn Văn Hùng" in changes  # the reviewer, in Vietnamese order
    assert "(bài của bạn)" in changes
    # It comes before everything else on the dashboard, and is no longer "waiting for approval".
    assert html.index('id="editorial-changes-section"') < html.index('id="editorial-awaiting-section"')
    awaiting = html.split('id="editorial-awaiting-section"')[1].split('id="editorial-latest-section"')[0]
    assert "Kế hoạch tuyển dụng công chức năm 2027" not in awaiting


def test_a_page_sent_back_shows_as_such_in_the_explorer(sent_back, home):
    html = sent_back["editor_client"].get(f"/admin/pages/{home.pk}/").content.decode()
    row = next(part for part in html.split("<tr") if "Kế hoạch tuyển dụng công chức năm 2027" in part)
    assert "data-needs-changes" in row and "Cần chỉnh sửa" in row


def test_the_editors_own_pages_sent_back_come_first(sent_back, home, django_user_model):
    from portal.editorial.dashboard import changes_requested

    rows = changes_requested(sent_back["editor"])
    assert rows[0]["page"].pk == sent_back["page"].pk and rows[0]["mine"]
    assert rows[0]["comment"] == "Bổ sung số ký hiệu và ngày ban hành."


# --- No traps --------------------------------------------------------------------------


def test_names_are_shown_in_vietnamese_order(sent_back):
    from django.contrib.auth import get_user_model
    from wagtail.admin.utils import get_user_display_name

    assert sent_back["editor"].get_full_name() == "Trần Thị Lan"
    assert get_user_display_name(sent_back["editor"]) == "Trần Thị Lan"
    admin = get_user_model().objects.create_superuser("quantri", "q@example.invalid", "x")
    from django.test import Client

    client = Client()
    client.force_login(admin)
    users = client.get("/admin/users/").content.decode()
    assert "Trần Thị Lan" in users and "Lan Trần Thị" not in users
    history = client.get(f"/admin/pages/{sent_back['page'].pk}/history/").content.decode()
    assert "Trần Thị Lan" in history and "Lan Trần Thị" not in history


def test_a_slug_held_by_an_abandoned_draft_is_explained_in_vietnamese_with_a_way_out(admin_client, home):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield  # noqa: F401

    draft = StandardPage(title="Hội nghị cán bộ", slug="hoi-nghi-can-bo", intro="x", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    response = admin_client.post(
        f"/admin/pages/add/portal/standardpage/{home.pk}/",
        nested_form_data(
            {"title": "Hội nghị cán bộ", "slug": "hoi-nghi-can-bo", "intro": "Tóm tắt.", "body": streamfield([])}
        ),
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "already in use" not in html
    assert "Địa chỉ “hoi-nghi-can-bo” đã được dùng cho trang" in html
    assert f'href="/admin/pages/{draft.pk}/edit/"' in html
    assert "bản nháp chưa bao giờ được xuất bản" in html
    assert "hoi-nghi-can-bo-1" in html


def test_a_news_item_without_a_category_is_flagged_before_it_goes_live(admin_client, home):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from news.models import NewsPage
    from tests.news_helpers import category, news_index

    index = news_index(home)
    hd = category(home.locale, "hoat-dong-cua-so", "Hoạt động của Sở")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))

    def post(slug, **extra):
        data = nested_form_data(
            {
                "title": f"Tin {slug}",
                "slug": slug,
                "body": streamfield([]),
                "published_at": "06/01/2025 08:30",
                "tags": "",
                **extra,
            }
        )
        return admin_client.post(url, data)

    response = post("khong-chuyen-muc", **{"action-publish": "publish"})
    assert response.status_code == 200
    assert "tin không có chuyên mục sẽ không bao giờ hiện ở trang chủ" in response.content.decode()
    assert not NewsPage.objects.filter(slug="khong-chuyen-muc").exists()

    assert post("ban-nhap-khong-chuyen-muc").status_code == 302  # a draft may wait for its category
    assert NewsPage.objects.get(slug="ban-nhap-khong-chuyen-muc").live is False

    data = nested_form_data(
        {
            "title": "Tin có chuyên mục",
            "slug": "co-chuyen-muc",
            "body": streamfield([]),
            "published_at": "06/01/2025 08:30",
            "tags": "",
            "action-publish": "publish",
        }
    )
    data["categories"] = [str(hd.pk)]
    assert admin_client.post(url, data).status_code == 302
    assert NewsPage.objects.get(slug="co-chuyen-muc").live


# --- Statistics: chart axis and exports ------------------------------------------------


@pytest.mark.parametrize(
    "largest, ticks",
    [
        (3, [0, 1, 2, 3]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (46, [0, 10, 20, 30, 40, 50]),
    ],
)
def test_the_chart_axis_has_round_ticks_at_the_height_of_the_bars(largest, ticks):
    import re

    from portal.stats.charts import HEIGHT, bar_chart

    day = datetime.date(2026, 12, 1)
    svg = str(bar_chart([(day, largest), (day + datetime.timedelta(days=1), 1)], "t", "d"))
    labels = [int(t) for t in re.findall(r'text-anchor="end" fill="#333">([\d.]+)<', svg)]
    assert labels == ticks
    lines = {
        int(label): float(y)
        for y, label in re.findall(r'<line x1="\S+" x2="\S+" y1="(\S+)" y2="\S+"[^>]*/><text[^>]*>([\d.]+)<', svg)
    }
    bars = [(float(y), float(h)) for y, h in re.findall(r'<rect x="\S+" y="(\S+)" width="\S+" height="(\S+)"', svg)]
    zero, top = lines[0], lines[ticks[-1]]
    for (y, _h), value in zip(bars, (largest, 1), strict=True):
        assert y == pytest.approx(zero + (top - zero) * value / ticks[-1], abs=0.1)  # a bar of 3 ends on "3"
    assert max(lines.values()) <= HEIGHT
    empty = str(bar_chart([(day, 0)], "t", "d"))  # no traffic yet: an axis, no division by zero
    assert [int(t) for t in re.findall(r'text-anchor="end" fill="#333">([\d.]+)<', empty)] == [0, 1, 2, 3, 4]


def test_statistics_export_as_xlsx_with_real_dates_and_numbers(admin_client, home):
    import io

    from openpyxl import load_workbook

    from portal.stats import clock
    from portal.stats.models import DailyTotal

    today = clock.local_day(clock.now())
    DailyTotal.objects.create(day=today - datetime.timedelta(days=1), visits=46012, views=50000, visitors=30000)
    response = admin_client.get("/admin/thong-ke/export.xlsx?days=7")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="thong-ke-truy-cap-7-ngay.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Ngày", "Lượt truy cập", "Lượt xem trang", "Người truy cập"]
    yesterday = sheet.cell(row=7, column=1)
    assert yesterday.value.date() == today - datetime.timedelta(days=1)  # a date cell, not text
    assert yesterday.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=7, column=2).value == 46012 and sheet.cell(row=7, column=2).number_format == "#,##0"
    assert sheet.cell(row=9, column=1).value == "Tổng" and sheet.cell(row=9, column=2).value == "=SUM(B2:B8)"
    assert "Tải về Excel (XLSX)" in admin_client.get("/admin/thong-ke/").content.decode()
