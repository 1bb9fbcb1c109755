from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Lịch công tác")

    portal = ContentApp(
        site_sections=Part("schedule.demo.ensure_section", order=60),
        demo=Part("schedule.demo.load", order=60),
        sidebar_blocks=[Part("schedule.sidebar.sidebar_block", order=-10)],
        purge_urls="schedule.purge.urls_for",
    )
