"""*Lịch công tác hôm nay*: today's items in the sidebar of every page.

The core keeps sidebar blocks per publication generation; this one also depends on the
date (yesterday's items must go at midnight), so it gives the date as
``portal_cache_vary``: a new day is a new entry. Uncached it costs the same few queries
on every page, whatever the schedule holds.
"""

from django.template.loader import render_to_string

from portal.cache.fragments import public
from portal.core import formatting
from schedule import weeks


def todays_items(language, day):
    """The section in ``language`` and its items of ``day``: three queries (one when the
    core keeps the view restrictions), whatever the schedule holds."""
    from schedule.models import ScheduleIndexPage, ScheduleItem, sort_items

    index = (
        public(ScheduleIndexPage.objects.live())  # the section and everything above it public
        .filter(locale__language_code=language)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .first()
    )
    if index is None:
        return None, []
    items = ScheduleItem.objects.filter(
        page__path__startswith=index.path,
        page__depth=index.depth + 1,
        page__live=True,
        page__view_restrictions__isnull=True,  # a week restricted by itself
        page__week_start=weeks.monday_of(day),
        day=day.weekday(),
    )
    return index, sort_items(items)


def render_block(request, language, day):
    index, items = todays_items(language, day)
    if index is None:
        return ""
    return render_to_string(
        "schedule/includes/today_block.html",
        {"day": day, "items": items, "index_url": index.get_url(request), "request": request},
    )


def sidebar_block(context):
    """Declared in ``schedule/apps.py``."""
    return render_block(context.get("request"), formatting.language(), weeks.today())


def _today(context):
    return weeks.today().isoformat()


sidebar_block.portal_cache_vary = _today
