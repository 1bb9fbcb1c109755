"""Wagtail admin templates the project copies to fix untranslated or English text.

Each copy in templates/wagtailadmin/ is Wagtail's template with exactly these
replacements (tests/test_admin_vietnamese.py checks it, so an upgrade that changes the
original is noticed). ``python -m tests.admin_template_fixes`` rewrites the copies.
"""

from pathlib import Path

import wagtail

WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates"
PROJECT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FIXES = {
    # An untranslated submit button (read by screen readers).
    "wagtailadmin/home.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    # An untranslated landmark name.
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('aria-label="Actions"', 'aria-label="{% trans "Actions" %}"'),
    ],
    # Search results outside one parent have no model name: "1-20 of 50 None".
    "wagtailadmin/pages/listing/_page_title_column_header.html": [
        ("{% block after_label %}", '{% block after_label %}{% firstof model_name _("pages") as model_name %}'),
    ],
    # A revision without a user (made by a script) reads "by None": Wagtail says "System".
    "wagtailadmin/shared/user_avatar.html": [
        ("{% load wagtailadmin_tags %}", "{% load wagtailadmin_tags i18n %}"),
        ("{% if not username %}{{ user }}", '{% if not username %}{% firstof user _("System") %}'),
    ],
    # The hidden counter of a side panel's toggle says "None" until its script counts.
    "wagtailadmin/shared/side_panel_toggle.html": [("{{ count|intcomma }}", "{{ count|default_if_none:''|intcomma }}")],
    # Yes/no icons titled "True" / "False" / "None".
    "wagtailadmin/tables/boolean_cell.html": [
        ("{% load wagtailadmin_tags %}", "{% load wagtailadmin_tags i18n %}"),
        ("{% icon title=value|stringformat:'s' name=\"help\"", '{% icon title=_("Unknown") name="help"'),
        ("{% icon title=value|stringformat:'s' name=\"check\"", '{% icon title=_("Yes") name="check"'),
        ("{% icon title=value|stringformat:'s' name=\"cross\"", '{% icon title=_("No") name="cross"'),
    ],
}


def fixed(name):
    text = (WAGTAIL_TEMPLATES / name).read_text(encoding="utf-8")
    for old, new in FIXES[name]:
        if old not in text:
            raise ValueError(f"{name}: {old!r} is no longer in Wagtail's template")
        text = text.replace(old, new, 1)
    return text


if __name__ == "__main__":
    for name in FIXES:
        target = PROJECT_TEMPLATES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fixed(name), encoding="utf-8")
