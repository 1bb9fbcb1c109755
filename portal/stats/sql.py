# ruff: noqa: S608 - table names are quoted model db_table values; all values are parameters
"""Portable upserts (SQLite ≥ 3.35 and PostgreSQL) used by both stores.

Each adds to what is there and never overwrites it: imported starting values (set
by other code directly in ``HitCount.hits``) survive every increment.
"""

import datetime

from django.db import connection
from django.utils import timezone
from hitcount.models import HitCount

from .models import DailyPageViews, DailyTotal, SiteTotal


def _t(model):
    return connection.ops.quote_name(model._meta.db_table)


def _day(value):
    return connection.ops.adapt_datefield_value(value)


def _now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def add_page_hits(cursor, content_type_id, object_pk, n):
    """Add ``n`` to the page's HitCount row (creating it), return the new total."""
    t = _t(HitCount)
    cursor.execute(
        f"INSERT INTO {t} (hits, modified, content_type_id, object_pk) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT (content_type_id, object_pk) DO UPDATE SET hits = {t}.hits + excluded.hits, "
        "modified = excluded.modified RETURNING hits",
        [n, _now(), content_type_id, object_pk],
    )
    return cursor.fetchone()[0]


def add_page_day(cursor, day, content_type_id, object_pk, n):
    t = _t(DailyPageViews)
    cursor.execute(
        f"INSERT INTO {t} (day, content_type_id, object_pk, views) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT (day, content_type_id, object_pk) DO UPDATE SET views = {t}.views + excluded.views",
        [_day(day), content_type_id, object_pk, n],
    )


def add_daily(cursor, day, visits=0, views=0, visitors=0):
    if not (visits or views or visitors):
        return
    t = _t(DailyTotal)
    cursor.execute(
        f"INSERT INTO {t} (day, visits, views, visitors) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT (day) DO UPDATE SET visits = {t}.visits + excluded.visits, "
        f"views = {t}.views + excluded.views, visitors = {t}.visitors + excluded.visitors",
        [_day(day), visits, views, visitors],
    )


def add_site_visits(cursor, n):
    """Add ``n`` counted visits; return the site total (imported + counted)."""
    t = _t(SiteTotal)
    cursor.execute(
        f"INSERT INTO {t} (id, imported, counted) VALUES (1, 0, %s) "
        f"ON CONFLICT (id) DO UPDATE SET counted = {t}.counted + excluded.counted "
        "RETURNING imported + counted",
        [n],
    )
    return cursor.fetchone()[0]


def parse_day(text):
    return datetime.date.fromisoformat(text)
