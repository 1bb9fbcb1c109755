"""Demo content (``manage.py load_demo`` only; never imported by a production path).

Content apps build their demo pages with ``portal.core.page_tree.ensure_page`` and date
them with ``aware``; ``portal.demo.legacy_sample`` imports the sample export of the old
site (``portal/demo/legacy/``) through the legacy importer.
"""

import datetime

from django.utils import timezone


def aware(year, month, day, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
