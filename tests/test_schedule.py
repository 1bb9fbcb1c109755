"""Lịch công tác: the week page, other weeks, printing, the iCalendar feed, the sidebar
block, the admin screen and its "copy last week" actions, purging."""

import datetime
import io
import re
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.models import HomePage, StandardPage
from schedule import weeks
from schedule.demo import ensure_section, ensure_week
from schedule.models import ScheduleIndexPage, ScheduleItem, WeekSchedulePage

# Thursday 10/12/2026 in week 50 (Monday 07/12/2026).
TODAY = datetime.date(2026, 12, 10)
MONDAY = datetime.date(2026, 12, 7)


@pytest.fixture
def clock(monkeypatch):
    """Today is ``TODAY`` for the schedule; ``clock(date)`` moves it."""

    def move(day):
        monkeypatch.setattr(weeks, "today", lambda: day)

    move(TODAY)
    return move


@pytest.fixture
def index(home, clock):
    return ensure_section(home, io.StringIO())


def make_week(index, monday, rows, publish=True):
    page = WeekSchedulePage(
        title=WeekSchedulePage.default_title(monday), slug=WeekSchedulePage.default_slug(monday), week_start=monday
    )
    for order, row in enumerate(rows):
        page.items.add(ScheduleItem(sort_order=order, **row))
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        Page.objects.filter(pk=page.pk).update(live=False)
    page.refresh_from_db()
    return page


def item(day, content, start=None, end=None, **fields):
    return {
        "day": day,
        "content": content,
        "start_time": datetime.time.fromisoformat(start) if start else None,
        "end_time": datetime.time.fromisoformat(end) if end else None,
        **fields,
    }


@pytest.fixture
def week(index):
    return make_week(
        index,
        MONDAY,
        [
            item(3, "Họp Hội đồng Thi đua – Khen thưởng", "14:00", "16:30", chair="Giám đốc Sở", location="UBND tỉnh"),
            item(0, "Chào cờ đầu tuần", "07:30", "08:30", chair="Giám đốc Sở", recurring=True),
            item(
                3, "Kiểm tra cải cách hành chính tại Đắk Hà", "08:00", chair="Phó Giám đốc Sở", preparation="Phòng CCHC"
            ),
            item(5, "Trực lãnh đạo Sở", participants="Phó Giám đốc Sở"),
        ],
    )


def rows_by_day(html):
    """``{"Thứ 2, 07/12/2026": ["07:30 – 08:30 | Chào cờ đầu tuần | …"], …}`` from the table."""
    table = html.split('<table class="schedule-table">')[1].split("</table>")[0]
    days = {}
    for body in table.split("<tbody")[1:]:
        head = re.search(r"<time [^>]*>([^<]+)</time>", body).group(1)
        rows = []
        for row in re.findall(r'<tr class="schedule-item[^"]*">(.*?)</tr>', body, re.S):
            cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            rows.append(" | ".join(cells).rstrip())
        days[head] = rows
    return days


# --- page types ----------------------------------------------------------------------


class PageTypeRules(WagtailPageTestCase):
    def test_the_section_sits_under_the_home_page_and_holds_weeks(self):
        self.assertCanCreateAt(HomePage, ScheduleIndexPage)
        self.assertCanNotCreateAt(StandardPage, ScheduleIndexPage)
        self.assertCanCreateAt(ScheduleIndexPage, WeekSchedulePage)
        self.assertCanNotCreateAt(HomePage, WeekSchedulePage)
        self.assertAllowedSubpageTypes(ScheduleIndexPage, {WeekSchedulePage})
        self.assertAllowedSubpageTypes(WeekSchedulePage, set())


def test_week_page_and_section_render(client, week, index):
    assert client.get(week.url).status_code == 200
    assert client.get(index.url).status_code == 200


# --- the public week ------------------------------------------------------------------


def test_the_current_week_as_a_table_by_day_in_order(client, week, index):
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuần 50, từ ngày 07/12/2026 đến ngày 13/12/2026" in html
    days = rows_by_day(html)
    assert list(days) == [
        "Thứ 2, 07/12/2026",
        "Thứ 3, 08/12/2026",
        "Thứ 4, 09/12/2026",
        "Thứ 5, 10/12/2026",
        "Thứ 6, 11/12/2026",
        "Thứ 7, 12/12/2026",
        "Chủ nhật, 13/12/2026",
    ]
    assert days["Thứ 2, 07/12/2026"] == ["07:30 – 08:30 | Chào cờ đầu tuần | Giám đốc Sở |  |  |"]
    # Entered in any order, shown by time.
    assert [r.split(" | ")[1] for r in days["Thứ 5, 10/12/2026"]] == [
        "Kiểm tra cải cách hành chính tại Đắk Hà",
        "Họp Hội đồng Thi đua – Khen thưởng",
    ]
    assert days["Thứ 5, 10/12/2026"][1].startswith("14:00 – 16:30 |")
    assert days["Thứ 7, 12/12/2026"] == ["Cả ngày | Trực lãnh đạo Sở |  | Phó Giám đốc Sở |  |"]
    assert days["Thứ 3, 08/12/2026"] == ["Không có lịch."]
    # Today is marked; the headers name every column.
    assert '10/12/2026</time> <span class="schedule-day__today">(hôm nay)</span>' in html
    for label in ("Thời gian", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm", "Chuẩn bị"):
        assert '<th scope="col"' in html and label in html
    # Print stylesheet, print button, iCalendar link.
    assert 'href="/static/css/schedule.css"' in html
    assert "@media print" in Path("static/css/schedule.css").read_text()
    assert "data-schedule-print hidden>In lịch công tác</button>" in html
    assert f'href="{index.url}ical/" type="text/calendar"' in html


def test_previous_and_next_week_by_url(client, week, index):
    make_week(index, MONDAY - datetime.timedelta(weeks=1), [item(2, "Tập huấn văn thư, lưu trữ", "07:30")])
    html = client.get(index.url).content.decode()
    assert f'href="{index.url}?tuan=2026-W49" rel="prev"' in html
    assert f'href="{index.url}?tuan=2026-W51" rel="next"' in html

    previous = client.get(index.url + "?tuan=2026-W49")
    assert previous.status_code == 200
    html = previous.content.decode()
    assert "Tuần 49, từ ngày 30/11/2026 đến ngày 06/12/2026" in html
    assert rows_by_day(html)["Thứ 4, 02/12/2026"] == ["07:30 | Tập huấn văn thư, lưu trữ |  |  |  |"]
    assert f'<a href="{index.url}">Tuần này</a>' in html

    following = client.get(index.url + "?tuan=2026-w51").content.decode()
    assert "Tuần 51, từ ngày 14/12/2026 đến ngày 20/12/2026" in following
    assert "Chưa có lịch công tác của tuần này." in following

    # Week 53 of 2026 exists (2026 has 53 ISO weeks).
    assert client.get(index.url + "?tuan=2026-W53").status_code == 200


@pytest.mark.parametrize(
    "value", ["2026-W54", "2025-W53", "abc", "2026-W0", "99999-W01", "1850-W10", "2026-W٣", "'><script>", "2026-W49x"]
)
def test_a_bad_week_says_so_in_vietnamese_and_shows_this_week(client, week, index, value):
    response = client.get(index.url, {"tuan": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "không phải là một tuần hợp lệ (ví dụ đúng: ?tuan=2026-W49). Dưới đây là lịch công tác tuần này." in html
    assert "<script>" not in html.split("schedule-table")[0].split("<main")[1]
    assert "Tuần 50, từ ngày 07/12/2026" in html


def test_the_week_page_itself_and_a_draft_are_not_public(client, week, index):
    html = client.get(week.url).content.decode()
    assert "Chào cờ đầu tuần" in html and "Tuần 50" in html
    draft = make_week(index, MONDAY + datetime.timedelta(weeks=1), [item(0, "Việc chưa duyệt")], publish=False)
    assert "Việc chưa duyệt" not in client.get(index.url + "?tuan=2026-W51").content.decode()
    assert client.get(f"/lich-cong-tac/{draft.slug}/").status_code == 404


def test_english_labels(client, week, index):
    from django.utils import translation

    with translation.override("en"):
        from django.template.loader import render_to_string

        from schedule.models import week_context

        context = week_context(index, MONDAY, week, list(week.items.all()))
        context["page"] = index
        html = render_to_string("schedule/includes/week.html", context)
    assert "Week 50, from 07/12/2026 to 13/12/2026" in html
    assert "Monday, 07/12/2026" in html and "Sunday, 13/12/2026" in html
    for label in ("Time", "Activity", "Chaired by", "Participants", "Venue", "Prepared by", "Previous week"):
        assert label in html, label


def test_query_count_does_not_grow_with_items(
    client, index, django_assert_max_num_queries, clock, registry_blocks_kept
):
    few = make_week(index, MONDAY, [item(0, "Việc 1", "08:00")])
    many = make_week(
        index, MONDAY + datetime.timedelta(weeks=1), [item(d % 7, f"Việc {d}", "08:00") for d in range(40)]
    )
    client.get(index.url)  # warm the content types
    with django_assert_max_num_queries(26) as few_queries:
        assert client.get(index.url).status_code == 200
    clock(TODAY + datetime.timedelta(weeks=1))
    client.get(index.url)  # a new day: the sidebar's "hôm nay" block is computed once for it
    with django_assert_max_num_queries(26) as many_queries:
        html = client.get(index.url).content.decode()
    assert html.count('<tr class="schedule-item">') == 40
    assert len(many_queries.captured_queries) == len(few_queries.captured_queries)
    assert few and many


# --- the iCalendar feed ---------------------------------------------------------------


def test_ical_feed_parses_with_local_times(client, week, index):
    response = client.get(index.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "public" in response.get("Cache-Control", "")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: str(e.decoded("dtstart")))
    assert len(events) == 4
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    monday = next(e for e in events if str(e["SUMMARY"]) == "Chào cờ đầu tuần")
    start = monday.decoded("dtstart")
    assert start.isoformat() == "2026-12-07T07:30:00+07:00"
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert monday.decoded("dtend").isoformat() == "2026-12-07T08:30:00+07:00"
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T073000" in response.content.decode()
    meeting = next(e for e in events if str(e["SUMMARY"]).startswith("Họp Hội đồng"))
    assert str(meeting["LOCATION"]) == "UBND tỉnh"
    assert "Chủ trì: Giám đốc Sở" in str(meeting["DESCRIPTION"])
    all_day = next(e for e in events if str(e["SUMMARY"]) == "Trực lãnh đạo Sở")
    assert all_day.decoded("dtstart") == datetime.date(2026, 12, 12)
    assert all_day.decoded("dtend") == datetime.date(2026, 12, 13)
    assert len({str(e["UID"]) for e in events}) == 4
    assert str(monday["URL"]).endswith(week.url)


def test_ical_uid_is_kept_when_the_week_is_edited_and_published_again(client, week, index):
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in _events(client, index)}
    draft = week.get_latest_revision_as_object()
    items = list(draft.items.all())
    items[0].content = "Họp Hội đồng Thi đua – Khen thưởng (đổi giờ)"
    draft.items = items
    draft.save_revision().publish()
    after = {str(e["SUMMARY"]): str(e["UID"]) for e in _events(client, index)}
    assert after["Họp Hội đồng Thi đua – Khen thưởng (đổi giờ)"] == before["Họp Hội đồng Thi đua – Khen thưởng"]


def _events(client, index):
    return icalendar.Calendar.from_ical(client.get(index.url + "ical/").content).walk("VEVENT")


# --- the sidebar block -----------------------------------------------------------------


def test_todays_items_in_the_sidebar_of_every_page(client, week, index, home, clock):
    other = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=other)
    other.save_revision().publish()
    html = client.get(other.url).content.decode()
    block = html.split('<section class="sidebar-block schedule-today"')[1].split("</section>")[0]
    assert "Lịch công tác hôm nay" in block and "Thứ 5, Ngày 10/12/2026" in block
    assert block.index("08:00</span> Kiểm tra cải cách") < block.index("14:00</span> Họp Hội đồng")
    assert f'<a href="{index.url}">Xem lịch công tác cả tuần</a>' in block
    clock(datetime.date(2026, 12, 8))
    block = client.get(other.url).content.decode().split('class="sidebar-block schedule-today"')[1]
    block = block.split("</section>")[0]
    assert "Hôm nay không có lịch công tác." in block


def test_sidebar_block_changes_at_midnight_with_the_caches_on(client, week, index, home, clock, settings):
    """With the fragment cache on, the core keeps the block per day (the block gives the
    date as ``portal_cache_vary``), so it follows the date, and a publication shows at once."""
    from portal.cache.generation import clear_local_caches

    other = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=other)
    other.save_revision().publish()

    def block():
        html = client.get(other.url).content.decode()
        return html.split('<section class="sidebar-block schedule-today"')[1].split("</section>")[0]

    settings.PORTAL_FRAGMENT_CACHE = True
    clear_local_caches()
    try:
        assert "Kiểm tra cải cách" in block()
        clock(datetime.date(2026, 12, 11))  # Friday: nothing
        assert "Hôm nay không có lịch công tác." in block()
        clock(datetime.date(2026, 12, 10))  # back to Thursday: the day's entry is still kept
        draft = week.get_latest_revision_as_object()
        draft.items.add(ScheduleItem(day=3, content="Tiếp công dân định kỳ", start_time=datetime.time(7, 30)))
        draft.save_revision().publish()
        assert "Tiếp công dân định kỳ" in block()
    finally:
        clear_local_caches()


def test_sidebar_block_adds_a_constant_number_of_queries(client, index, home, clock, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from schedule.sidebar import sidebar_block

    def count():
        with CaptureQueriesContext(connection) as queries:
            sidebar_block({"request": None, "page": home})
        return len(queries.captured_queries)

    empty = count()
    make_week(index, MONDAY, [item(3, f"Việc {n}", f"{8 + n % 10:02d}:00") for n in range(30)])
    assert count() == empty <= 3


# --- editing in the admin --------------------------------------------------------------


def _week_form(monday, items, **overrides):
    data = {
        "title": "",
        "slug": "",
        "week_start": monday.strftime("%d/%m/%Y"),
        "note": "",
        "items": inline_formset(items),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def _item_form(day, content, start="", end="", order=0, **fields):
    return {
        "day": day,
        "start_time": start,
        "end_time": end,
        "content": content,
        "chair": fields.get("chair", ""),
        "participants": fields.get("participants", ""),
        "location": fields.get("location", ""),
        "preparation": fields.get("preparation", ""),
        "recurring": "on" if fields.get("recurring") else "",
        "ORDER": order,
    }


def test_a_whole_week_entered_on_one_admin_screen(admin_client, index, client):
    url = reverse("wagtailadmin_pages:add", args=("schedule", "weekschedulepage", index.pk))
    form = admin_client.get(url).content.decode()
    assert "Các việc trong tuần" in form and "Lặp lại hằng tuần" in form
    data = _week_form(
        datetime.date(2026, 12, 9),  # a Wednesday: the week is the one starting Monday 07/12
        [
            _item_form(4, "Tiếp công dân định kỳ", "07:30", "11:00", 1, chair="Giám đốc Sở", recurring=True),
            _item_form(0, "Chào cờ đầu tuần", "07:30", "", 2, chair="Giám đốc Sở", recurring=True),
            _item_form(2, "Làm việc với Sở Tài chính", "14:00", "", 3, location="Sở Tài chính"),
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = WeekSchedulePage.objects.get()
    assert page.live and page.week_start == MONDAY
    assert page.title == "Lịch công tác tuần 50 (từ 07/12/2026 đến 13/12/2026)"
    assert page.slug == "tuan-50-2026"
    days = rows_by_day(client.get(index.url).content.decode())
    assert days["Thứ 2, 07/12/2026"][0].startswith("07:30 | Chào cờ đầu tuần")
    assert days["Thứ 6, 11/12/2026"][0].startswith("07:30 – 11:00 | Tiếp công dân định kỳ")

    # A second schedule for the same week is refused, in Vietnamese.
    response = admin_client.post(url, _week_form(MONDAY, [_item_form(1, "Trùng tuần", "08:00")]))
    assert response.status_code == 200
    assert "Tuần 2026-W50 đã có lịch công tác; hãy sửa lịch đó thay vì tạo lịch mới." in response.content.decode()
    # A bad time is refused next to the field.
    response = admin_client.post(
        url, _week_form(MONDAY + datetime.timedelta(weeks=1), [_item_form(1, "Giờ sai", "25:99")])
    )
    assert response.status_code == 200 and WeekSchedulePage.objects.count() == 1


def test_new_week_copies_the_recurring_items_as_a_draft(admin_client, week, index, client):
    url = reverse("schedule_new_week", args=[index.pk])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "tuần 51 (từ 14/12/2026 đến 20/12/2026)" in confirm.content.decode()
    response = admin_client.post(url)
    new = WeekSchedulePage.objects.get(week_start=MONDAY + datetime.timedelta(weeks=1))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[new.pk])
    assert not new.live
    draft = new.get_latest_revision_as_object()
    assert [(i.day, i.content, i.recurring) for i in draft.items.all()] == [(0, "Chào cờ đầu tuần", True)]
    # A draft is not public.
    assert "Chào cờ đầu tuần" not in client.get(index.url + "?tuan=2026-W51").content.decode()
    # Asking again opens the week that now exists.
    # Asking again makes the week after, from the new week's draft.
    admin_client.post(url)
    later = WeekSchedulePage.objects.get(week_start=MONDAY + datetime.timedelta(weeks=2))
    assert [i.content for i in later.get_latest_revision_as_object().items.all()] == ["Chào cờ đầu tuần"]
    # The edit screen offers the copy action; the index's listing offers the new week.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[new.pk])).content.decode()
    assert "Chép việc định kỳ từ tuần trước" in edit


def test_copy_into_an_existing_week_adds_only_what_is_missing(admin_client, week, index):
    following = make_week(index, MONDAY + datetime.timedelta(weeks=1), [item(2, "Họp xét tuyển viên chức", "08:00")])
    url = reverse("schedule_copy", args=[following.pk])
    response = admin_client.post(url, follow=True)
    assert "Đã chép 1 việc định kỳ từ tuần trước vào bản nháp." in response.content.decode()
    draft = WeekSchedulePage.objects.get(pk=following.pk).get_latest_revision_as_object()
    assert sorted(i.content for i in draft.items.all()) == ["Chào cờ đầu tuần", "Họp xét tuyển viên chức"]
    response = admin_client.post(url, follow=True)
    assert "Không có việc định kỳ nào mới để chép" in response.content.decode()
    lonely = make_week(index, MONDAY - datetime.timedelta(weeks=3), [])
    response = admin_client.post(reverse("schedule_copy", args=[lonely.pk]), follow=True)
    assert "Chưa có lịch của tuần trước để chép." in response.content.decode()


def test_copy_actions_need_edit_rights(client, week, index, django_user_model):
    user = django_user_model.objects.create_user("khach", "k@example.invalid", "mật-khẩu-thử-nghiệm")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.post(reverse("schedule_new_week", args=[index.pk])).status_code in (302, 403)
    assert client.post(reverse("schedule_copy", args=[week.pk])).status_code in (302, 403)
    assert WeekSchedulePage.objects.count() == 1


# --- publishing purges ------------------------------------------------------------------


def test_publishing_a_week_purges_the_feed_and_the_week_listing(week, index):
    from portal.cache.purge import page_and_listings, urls_for_pages

    urls = urls_for_pages(page_and_listings(week))
    assert any(u.endswith(index.url + "ical/") for u in urls)
    assert any(u.endswith(index.url + "?tuan=2026-W50") for u in urls)
    assert any(u.endswith(index.url) for u in urls)


def test_a_change_published_mid_week_shows_at_once_with_the_page_cache_on(client, week, index, settings):
    from portal.cache.generation import clear_local_caches

    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_FRAGMENT_CACHE = True
    clear_local_caches()
    assert "Đổi lịch" not in client.get(index.url).content.decode()
    assert client.get(index.url).get("X-Portal-Cache") == "hit"
    draft = week.get_latest_revision_as_object()
    draft.items.add(ScheduleItem(day=3, content="Đổi lịch: họp giao ban đột xuất", start_time=datetime.time(16, 45)))
    draft.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert "Đổi lịch: họp giao ban đột xuất" in html
    assert "Đổi lịch: họp giao ban đột xuất" in client.get(index.url + "ical/").content.decode()
    clear_local_caches()


# --- demo ------------------------------------------------------------------------------


def test_demo_weeks_around_today_are_idempotent(home, clock):
    from schedule.demo import load

    load(home, io.StringIO())
    load(home, io.StringIO())
    starts = sorted(WeekSchedulePage.objects.live().values_list("week_start", flat=True))
    assert starts == [MONDAY - datetime.timedelta(weeks=1), MONDAY, MONDAY + datetime.timedelta(weeks=1)]
    assert ScheduleIndexPage.objects.count() == 1
    assert ensure_week(ScheduleIndexPage.objects.get(), MONDAY) is None
