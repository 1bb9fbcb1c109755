from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class EditorialConfig(AppConfig):
    """The editors' desk: roles, the approval workflow, dashboard panels and the import
    of the old site's content."""

    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("Biên tập")
    default_auto_field = "django.db.models.BigAutoField"

    # The sample import of the old site's export runs after every app made its sections.
    portal = ContentApp(demo=Part("portal.demo.legacy_sample.load", order=100))

    def ready(self):
        from portal.editorial import file_history, media_guard, page_form
        from portal.editorial.roles import grant_admin_everything_after_migrate

        file_history.connect()
        media_guard.connect()
        page_form.install()

        post_migrate.connect(
            grant_admin_everything_after_migrate, sender=self, dispatch_uid="editorial_admin_everything"
        )
