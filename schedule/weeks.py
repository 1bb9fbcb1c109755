"""ISO weeks (Monday to Sunday) as the schedule names them: ``?tuan=2026-W49``."""

import datetime
import re

from django.utils import timezone

_WEEK = re.compile(r"([0-9]{4})-[Ww]([0-9]{1,2})")
MIN_YEAR, MAX_YEAR = 2000, 2100


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def today():
    """Today in Asia/Ho_Chi_Minh (the one clock of the schedule; tests move it)."""
    return timezone.localdate()


def current_monday():
    return monday_of(today())


def parse_week(value):
    """The Monday of ``"2026-W49"``, or None when the value is not such a week (week 53 of
    a year that has only 52, a year out of range, anything else)."""
    if not isinstance(value, str) or len(value) > 10:
        return None
    match = _WEEK.fullmatch(value.strip())
    if match is None:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def week_param(monday):
    """``2026-W49`` for the week starting on ``monday``."""
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_number(monday):
    return monday.isocalendar()[1]


def days_of(monday):
    return [monday + datetime.timedelta(days=i) for i in range(7)]
