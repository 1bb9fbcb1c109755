"""English (the admin of an editor who chose English, and /en/): Django's English
formats, but dates typed and shown the way the department writes them, as the admin's
date pickers (one setting for both languages) write them."""

from django.conf.locale.en.formats import *  # noqa: F403

from portal.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: F401

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
