"""Numbers for the department's report: visits per day and the most-read pages."""

import datetime

from django.db.models import Sum
from wagtail.models import Page

from . import clock
from .models import DailyPageViews, DailyTotal
from .stores import get_store

PERIODS = (7, 30, 365)


def daily_series(days, today=None):
    """[(day, visits, views, visitors)] for the last ``days`` days (oldest first),
    zero for days without traffic, including increments not yet flushed."""
    today = today or clock.local_day(clock.now())
    start = today - datetime.timedelta(days=days - 1)
    rows = {
        row.day: [row.visits, row.views, row.visitors]
        for row in DailyTotal.objects.filter(day__gte=start, day__lte=today)
    }
    for day, pending in get_store().pending_daily().items():
        if start <= day <= today:
            row = rows.setdefault(day, [0, 0, 0])
            row[0] += pending["visits"]
            row[1] += pending["views"]
            row[2] += pending["visitors"]
    series = []
    for i in range(days):
        day = start + datetime.timedelta(days=i)
        visits, views, visitors = rows.get(day, (0, 0, 0))
        series.append((day, visits, views, visitors))
    return series


def most_read(days, limit=10, today=None):
    """[(page, views)] most viewed in the last ``days`` days (flushed daily rows)."""
    today = today or clock.local_day(clock.now())
    start = today - datetime.timedelta(days=days - 1)
    top = list(
        DailyPageViews.objects.filter(day__gte=start, day__lte=today)
        .values("object_pk")
        .annotate(n=Sum("views"))
        .order_by("-n", "object_pk")[: limit * 2]
    )
    # Articles: the home page (and the tree root) are not "read".
    pages = Page.objects.filter(pk__in=[row["object_pk"] for row in top], depth__gt=2).in_bulk()
    result = []
    for row in top:
        page = pages.get(row["object_pk"])
        if page is not None:
            result.append((page, row["n"]))
    return result[:limit]
