from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class LinksConfig(AppConfig):
    name = "links"
    verbose_name = _("Liên kết website")

    portal = ContentApp(
        demo=Part("links.demo.load", order=90),
        home_sections=[Part("links.blocks.home_logos", order=100)],
        footer_blocks=[Part("links.blocks.footer_chooser", order=50)],
    )
