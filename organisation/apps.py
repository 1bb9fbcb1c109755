from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Cơ cấu tổ chức")

    portal = ContentApp(
        site_sections=Part("organisation.structure.ensure_sections", order=5),
        demo=Part("organisation.demo.load", order=5),
        home_sections=[Part("organisation.home.quick_links", order=-100)],
        footer_blocks=[Part("organisation.home.footer_spokesperson", order=10)],
        purge_urls="organisation.purge.urls_for",
    )

    def ready(self):
        from organisation import purge

        purge.connect()
