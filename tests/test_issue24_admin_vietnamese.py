"""The admin screens of the schedule and the procedures show no English (the detector of
tests/test_admin_vietnamese.py, on these screens only: the full walk takes minutes)."""

import datetime
import io

from django.urls import reverse
from wagtail.models import Site

from tests.admin_text import english_in, shown_strings

# The test tree's root page title and Wagtail's own placeholder (the full walk covers them).
ROOT_AND_WAGTAIL = {"Root", "Sẽ do admin tạo"}


def test_schedule_and_procedures_admin_screens_are_in_vietnamese(admin_client, home):
    from procedures.demo import load as procedures_demo
    from procedures.models import Procedure
    from schedule.demo import load as schedule_demo
    from schedule.models import ScheduleIndexPage, WeekSchedulePage

    schedule_demo(home, io.StringIO())
    procedures_demo(home, io.StringIO())
    index = ScheduleIndexPage.objects.get()
    week = WeekSchedulePage.objects.order_by("week_start").last()
    procedure = Procedure.objects.first()
    site = Site.objects.get(is_default_site=True)
    urls = [
        reverse("wagtailadmin_pages:add", args=("schedule", "weekschedulepage", index.pk)),
        reverse("wagtailadmin_pages:edit", args=[week.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("schedule_new_week", args=[index.pk]),
        reverse("schedule_copy", args=[week.pk]),
        reverse("wagtailsnippets_procedures_procedure:list"),
        reverse("wagtailsnippets_procedures_procedure:add"),
        reverse("wagtailsnippets_procedures_procedure:edit", args=[procedure.pk]),
        reverse("wagtailsnippets_procedures_procedurefield:list"),
        reverse("procedures_import"),
        reverse("wagtailsettings:edit", args=["portal", "agencysettings", site.pk]),
    ]
    found = {}
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        shown = [s for s in shown_strings(response.content.decode()) if s not in ROOT_AND_WAGTAIL]
        english = [(s, w) for s in shown if (w := english_in(s))]
        if english:
            found[url] = english[:5]
    assert found == {}, found
    assert datetime.date.today()
