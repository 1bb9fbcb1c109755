"""*Lịch công tác hôm nay*: today's items in the sidebar of every page.

The core caches sidebar blocks per publication generation, which would keep yesterday's
items after midnight; so the block opts out (``portal_cache = False``) and is cached here
through the core's ``cached`` under a key that holds the date: a new day is a new
key. Uncached it costs the same few queries on every page, whatever the schedule holds.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from portal.cache import wagtail_internals
from portal.cache.fragments import cached, public
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
    request = context.get("request")
    language = (get_language() or "vi").split("-")[0]
    day = weeks.today()
    site_root = getattr(wagtail_internals.site_of(request), "root_page_id", None)
    key = ("schedule:today", site_root, language, day.isoformat())
    return cached(key, lambda: render_block(request, language, day))


sidebar_block.portal_cache = False
