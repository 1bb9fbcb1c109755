"""Labels Wagtail builds from Python names, which gettext cannot translate.

A few Wagtail forms and listings have no label of their own, so Django shows the field's
name ("Link text", "Phone number", "Port"). ``translate_unlabelled()`` (run once from
``PortalConfig.ready``) gives them translatable labels, with the English text as msgid,
translated in portal/admin_locale. ``tests/test_admin_vietnamese.py`` fails if an upgrade
renames these forms or columns.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

LINK_FORM_LABELS = {
    "ExternalLinkChooserForm": {"link_text": _("Link text")},
    "AnchorLinkChooserForm": {"link_text": _("Link text")},
    "EmailLinkChooserForm": {
        "email_address": _("Email address"),
        "link_text": _("Link text"),
        "subject": _("Subject"),
        "body": _("Body"),
    },
    "PhoneLinkChooserForm": {"phone_number": _("Phone number"), "link_text": _("Link text")},
}
SITE_COLUMNS = ("port", "site_name", "root_page")


def translate_unlabelled():
    from wagtail.admin.forms import choosers
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for form_name, labels in LINK_FORM_LABELS.items():
        fields = getattr(choosers, form_name).base_fields
        for name, label in labels.items():
            fields[name].label = label
    for column in IndexView.columns:
        if column.name in SITE_COLUMNS:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
