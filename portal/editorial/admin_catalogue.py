"""Which admin messages the project's Vietnamese admin catalogue does not translate yet.

The catalogue (``portal/admin_locale/vi/LC_MESSAGES/{django,djangojs}.po``) holds every
message of the installed Wagtail and wagtail-localize apps, translated by hand with the
terms of ``docs/glossary.md``. Their English catalogues list every message they can show,
so after an upgrade ``manage.py admin_catalogue`` lists the new ones to translate.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings

ADMIN_PACKAGES = ("wagtail", "wagtail_localize")


def catalogue_path(domain):
    return Path(settings.BASE_DIR) / "portal" / "admin_locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"


def source_catalogues(domain):
    """The English catalogues of the installed Wagtail and wagtail-localize apps."""
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in ADMIN_PACKAGES:
            path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                yield config.name, path


def missing_messages(domain="django"):
    """[(app, msgid)] of the installed apps' messages the catalogue lacks or leaves empty."""
    import polib

    ours = polib.pofile(str(catalogue_path(domain)))
    translated = {(e.msgctxt, e.msgid) for e in ours.translated_entries()}
    missing = []
    for app, path in source_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and (entry.msgctxt, entry.msgid) not in translated:
                missing.append((app, entry.msgid))
    return missing
