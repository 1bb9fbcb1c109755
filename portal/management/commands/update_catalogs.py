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
        missing = []
        for domain in ["django", "djangojs"]:
            vi_path = locale_dir / "vi" / "LC_MESSAGES" / f"{domain}.po"
            if vi_path.exists():
                catalogue = polib.pofile(str(vi_path))
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
