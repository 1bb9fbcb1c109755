from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from wagtail.signals import page_published

        from portal.core.translation import repair_numchild

        page_published.connect(repair_numchild, dispatch_uid="portal_repair_numchild")

        from portal.cache import purge

        purge.connect()

        from django.db.models.signals import pre_save

        from portal.core import slugs

        slugs.register_widget()
        pre_save.connect(slugs.ascii_slug_on_save, dispatch_uid="portal_ascii_slug")

        from portal.core import people

        people.install()

        from portal.editorial.admin_labels import translate_unlabelled

        translate_unlabelled()
