"""Collect the interface strings into the gettext catalogues and compile them.

The source strings are Vietnamese, so the Vietnamese catalogue translates each new string
to itself (no entry is left untranslated; a translation already there is kept, e.g. a term
corrected to follow docs/glossary.md) and the English catalogue needs a human
translation; the command lists what is still missing there. Needs GNU gettext and the
development requirements (polib).
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORE = [".venv/*", "tests/*", "bench/*", "media/*", "collected-static/*", "deploy/*", "node_modules/*"]


def foreign_msgids():
    """The English strings the installed apps (Django, Wagtail, wagtail-localize…) define
    and translate themselves, in ``portal/admin_locale`` or their own catalogues, and the
    English strings ``portal/admin_locale`` translates for the project's code. The
    project's copies of their templates (``templates/wagtailadmin/…``) and a few labels
    repeat them; kept in the project's catalogues they would win over those translations
    (the Vietnamese one as the English text itself: "Sign in" on the login page)."""
    import polib
    from django.apps import apps

    ids = set()
    project = Path(settings.BASE_DIR).resolve()
    roots = [Path(config.path).resolve() for config in apps.get_app_configs()]
    roots = [root for root in roots if not root.is_relative_to(project) or ".venv" in root.parts]
    roots.append(Path(__import__("django").__file__).parent / "conf")
    for root in roots:
        for path in root.glob("locale/en/LC_MESSAGES/*.po"):
            ids |= {entry.msgid for entry in polib.pofile(str(path))}
    # The admin's own translations of English strings (settings.LOCALE_PATHS after ours).
    for locale_dir in settings.LOCALE_PATHS[1:]:
        for path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            ids |= {entry.msgid for entry in polib.pofile(str(path))}
    return ids


def drop_foreign(catalogue, foreign):
    """Remove the entries ``foreign_msgids`` holds, unless a person translated one here
    (a Vietnamese term the glossary prefers to Wagtail's)."""
    for entry in [e for e in catalogue if e.msgid in foreign]:
        if not entry.translated() or entry.msgstr == entry.msgid:
            catalogue.remove(entry)


class Command(BaseCommand):
    help = "Cập nhật và biên dịch các tệp bản dịch giao diện (vi, en)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if an English string is untranslated.")

    def handle(self, *args, check=False, **options):
        import polib

        call_command("makemessages", locale=["vi", "en"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0)
        call_command(
            "makemessages",
            locale=["vi", "en"],
            domain="djangojs",
            ignore_patterns=IGNORE,
            no_obsolete=True,
            verbosity=0,
        )
        locale_dir = Path(settings.LOCALE_PATHS[0])
        foreign = foreign_msgids()
        missing = []
        for domain in ["django", "djangojs"]:
            vi_path = locale_dir / "vi" / "LC_MESSAGES" / f"{domain}.po"
            if vi_path.exists():
                catalogue = polib.pofile(str(vi_path))
                drop_foreign(catalogue, foreign)
                for entry in catalogue:
                    # A translation a person wrote (e.g. a corrected term) is kept.
                    if entry.translated():
                        continue
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: entry.msgid_plural}
                    else:
                        entry.msgstr = entry.msgid
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                catalogue.metadata["Language"] = "vi"
                catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
                catalogue.save()
            en_path = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
            if en_path.exists():
                catalogue = polib.pofile(str(en_path))
                drop_foreign(catalogue, foreign)
                catalogue.metadata["Language"] = "en"
                catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
                catalogue.save()
                missing += [
                    f"{domain}: {e.msgid}" for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
                ]
        call_command("compilemessages", locale=["vi", "en"], verbosity=0)
        for line in missing:
            self.stdout.write(f"  chưa dịch: {line}")
        self.stdout.write(f"{len(missing)} chuỗi tiếng Anh chưa dịch.")
        if check and missing:
            raise CommandError("Untranslated English strings remain.")
