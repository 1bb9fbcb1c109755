"""The statistics clock (integer Unix seconds); tests move it to travel in time."""

import datetime
import time
import zoneinfo

from django.conf import settings


def now():
    return int(time.time())


def local_day(ts):
    return datetime.datetime.fromtimestamp(ts, tz=zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


def start_of_day(ts):
    day = local_day(ts)
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())
