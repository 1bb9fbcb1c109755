"""The agency links on the home page (logos) and in the footer of every page (a compact
list that opens on demand). Declared in ``LinksConfig.portal``; the core caches both per
site and language until the next publication or edit, so a warm page pays no query."""

from django.template.loader import render_to_string
from wagtail.models import Locale

from links.models import LinkGroup


def _locale_id(context):
    page = context.get("page")
    if getattr(page, "locale_id", None):
        return page.locale_id
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None


def home_logos(context):
    groups = LinkGroup.for_locale(_locale_id(context), home_only=True)
    if not groups:
        return ""
    return render_to_string("links/includes/home_logos.html", {"groups": groups, "request": context.get("request")})


def footer_chooser(context):
    groups = LinkGroup.for_locale(_locale_id(context), logos=False)
    if not groups:
        return ""
    return render_to_string("links/includes/footer_chooser.html", {"groups": groups, "request": context.get("request")})
