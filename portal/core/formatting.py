"""Vietnamese (and English) formatting of dates and numbers, used everywhere.

The source site writes the header date as ``Thứ 7, Ngày 03/12/2022``, timestamps as
``11/11/2021  07:53`` (two spaces) and numbers as ``46.012.327``. In English the date
line reads ``Saturday, 03/12/2022``.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def language():
    """The active language's code without its region: "vi" (the default), "en"."""
    return (get_language() or "vi").split("-")[0]


def _is_english():
    return language() == "en"


def _local(value):
    """Aware datetimes are shown in the site's time zone; dates pass through."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def weekday(value):
    """``Thứ 2`` … ``Thứ 7``, ``Chủ nhật`` (``Monday`` … in English)."""
    value = _local(value)
    index = value.weekday()  # Monday = 0
    if _is_english():
        return EN_WEEKDAYS[index]
    if index == 6:
        return "Chủ nhật"
    return f"Thứ {index + 2}"


def date(value):
    """``dd/mm/yyyy``."""
    if value in (None, ""):
        return ""
    return _local(value).strftime("%d/%m/%Y")


def datetime_(value):
    """``dd/mm/yyyy  HH:MM``: two spaces between date and time as on the source site
    (templates show them with ``white-space: pre``)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return value.strftime("%d/%m/%Y  %H:%M")


def iso(value):
    """A machine-readable time for ``<time datetime>`` and structured data: ISO 8601 in the
    portal's time zone, to the second (HTML allows at most three digits of fractions)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(timespec="seconds")
    return value.isoformat()


def date_line(value):
    """The header date: ``Thứ 7, Ngày 03/12/2022`` or ``Saturday, 03/12/2022``."""
    value = _local(value)
    if _is_english():
        return f"{weekday(value)}, {date(value)}"
    return f"{weekday(value)}, Ngày {date(value)}"


def long_date(value, place=""):
    """Official-document style: ``Kon Tum, ngày 11 tháng 11 năm 2021``."""
    value = _local(value)
    if _is_english():
        text = value.strftime("%d %B %Y").lstrip("0")
    else:
        text = f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
    return f"{place}, {text}" if place else text


def number(value):
    """Integers with ``.`` between thousands (``46.012.327``); ``,`` in English."""
    if value in (None, ""):
        return ""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return str(value)
    separator = "," if _is_english() else "."
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", separator)


def today():
    return timezone.localdate()
