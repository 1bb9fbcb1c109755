from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Thủ tục hành chính")

    portal = ContentApp(
        site_sections=Part("procedures.demo.ensure_section", order=70),
        demo=Part("procedures.demo.load", order=70),
    )
