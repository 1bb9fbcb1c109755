"""The schedule as an iCalendar feed (RFC 5545), built with the ``icalendar`` package.

Times are local times of Asia/Ho_Chi_Minh (``DTSTART;TZID=Asia/Ho_Chi_Minh``, with the
zone's VTIMEZONE); an item without a time is an all-day event (``VALUE=DATE``). Each item
keeps its UID across edits and publications (the item's database id), so a calendar
application updates an event instead of adding a copy.
"""

import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from portal.core.public_url import absolute_url, base_url
from schedule.models import sort_items

TZ_NAME = "Asia/Ho_Chi_Minh"


def _host():
    return base_url().split("://", 1)[-1].split("/", 1)[0] or "localhost"


def build_calendar(index_page, week_pages, request=None):
    zone = ZoneInfo(TZ_NAME)
    calendar = Calendar()
    calendar.add("prodid", "-//So Noi vu tinh Kon Tum//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", index_page.title)
    calendar.add("x-wr-timezone", TZ_NAME)
    seen_weeks = set()
    host = _host()
    for week in week_pages:
        if week.week_start in seen_weeks:  # two pages for one week: the newest publication wins
            continue
        seen_weeks.add(week.week_start)
        stamp = week.last_published_at or timezone.now()
        url = absolute_url(week.get_url(request))
        for item in sort_items(week.items.all()):
            day = item.date_in(week.week_start)
            event = Event()
            event.add("uid", f"lich-cong-tac-{item.pk}@{host}")
            event.add("dtstamp", stamp)
            event.add("last-modified", stamp)
            if item.start_time is None:
                event.add("dtstart", day)
                event.add("dtend", day + datetime.timedelta(days=1))
            else:
                start = datetime.datetime.combine(day, item.start_time, tzinfo=zone)
                event.add("dtstart", start)
                if item.end_time and item.end_time > item.start_time:
                    event.add("dtend", datetime.datetime.combine(day, item.end_time, tzinfo=zone))
            event.add("summary", item.content.strip())
            if item.location:
                event.add("location", item.location)
            details = [
                (label, value)
                for label, value in (
                    ("Chủ trì", item.chair),
                    ("Thành phần", item.participants),
                    ("Chuẩn bị", item.preparation),
                )
                if value
            ]
            if details:
                event.add("description", "\n".join(f"{label}: {value}" for label, value in details))
            if url:
                event.add("url", url)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(index_page, week_pages, request=None):
    calendar = build_calendar(index_page, week_pages, request)
    # No Content-Disposition: the feed is cached like a page and purged on publication.
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
