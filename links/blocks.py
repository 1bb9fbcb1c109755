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


def _groups(context, logos):
    """The groups in the page's language, fetched once per request for both blocks
    (with their logos when a block needs them)."""
    request = context.get("request")
    locale_id = _locale_id(context)
    memo = getattr(request, "_links_groups", None) if request is not None else None
    if memo is None or memo[0] != locale_id or (logos and not memo[1]):
        memo = (locale_id, logos, LinkGroup.for_locale(locale_id, logos=logos))
        if request is not None:
            request._links_groups = memo
    return memo[2]


def home_logos(context):
    groups = [group for group in _groups(context, logos=True) if group.show_on_home]
    if not groups:
        return ""
    return render_to_string("links/includes/home_logos.html", {"groups": groups, "request": context.get("request")})


def footer_chooser(context):
    groups = _groups(context, logos=False)
    if not groups:
        return ""
    return render_to_string("links/includes/footer_chooser.html", {"groups": groups, "request": context.get("request")})
