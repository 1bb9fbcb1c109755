from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The portal's own search index: one row per page, folded for Vietnamese text."""

    name = "portal.search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.search import signals

        signals.connect()
