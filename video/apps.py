from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideoConfig(AppConfig):
    name = "video"
    verbose_name = _("Tin video")

    def ready(self):
        from video import signals  # noqa: F401 - connects the cache invalidation
