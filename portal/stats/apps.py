from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "portal.stats"
    label = "stats"
    verbose_name = _("Thống kê truy cập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import identity, signals  # noqa: F401

        identity.warm()
