"""Template filters for Vietnamese formatting: ``{% load vn_format %}``."""

from django import template

from portal.core import formatting

register = template.Library()

register.filter("vn_weekday", formatting.weekday)
register.filter("vn_date", formatting.date)
register.filter("vn_datetime", formatting.datetime_)
register.filter("vn_date_line", formatting.date_line)
register.filter("vn_number", formatting.number)
register.filter("vn_iso", formatting.iso)


@register.filter
def vn_long_date(value, place=""):
    return formatting.long_date(value, place)


@register.simple_tag
def vn_today_line():
    """Today's date line in Asia/Ho_Chi_Minh, as rendered (the page's script keeps it
    right when the HTML was cached on an earlier day)."""
    return formatting.date_line(formatting.today())
