from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class StatsConfig(AppConfig):
    name = "portal.stats"
    label = "stats"
    verbose_name = _("Thống kê truy cập")
    default_auto_field = "django.db.models.BigAutoField"

    portal = ContentApp(
        demo=Part("portal.stats.wagtail_hooks.load_demo_total", order=0),
        sidebar_blocks=[Part("portal.stats.wagtail_hooks.stats_sidebar_block", order=20)],
    )

    def ready(self):
        from . import identity, signals  # noqa: F401

        identity.warm()
