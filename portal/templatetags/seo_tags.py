"""Open Graph / Twitter card tags and schema.org JSON-LD for the page being shown
(see portal.core.structured_data). Both are kept per page until the next publication."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from portal.cache.fragments import cached, fragment_cache_enabled
from portal.core import structured_data as sd
from portal.core.public_url import absolute_url
from portal.models import AgencySettings
from portal.templatetags.portal_tags import _site_root, page_translations
from portal.templatetags.reading_tags import canonical_url

register = template.Library()


def _agency(context):
    request = context.get("request")
    return AgencySettings.for_request(request) if request is not None else AgencySettings()


def _cached(context, name, render):
    page = context.get("page")
    request = context.get("request")
    if (
        not isinstance(page, Page)
        or not page.pk
        or not fragment_cache_enabled()
        or getattr(request, "is_preview", False)
    ):
        return render()
    key = (name, page.pk, getattr(_site_root(context), "pk", None), get_language())
    return cached(key, render, per_page=True)


@register.simple_tag(takes_context=True)
def social_meta(context, title=""):
    """``og:*`` and ``twitter:*`` meta tags. ``title`` is used where there is no page."""

    def render():
        page = context.get("page")
        request = context.get("request")
        agency = _agency(context)
        is_page = isinstance(page, Page) and bool(page.pk)
        is_home = is_page and page.depth <= 2
        if is_page:
            url = canonical_url(context, keep_page_number=True)
            page_title = agency.name if is_home else (page.seo_title or page.title)
            text = sd.description(page) or agency.name
            language = get_language()  # the page's own language, activated by its URL
            alternates = [sd.og_locale(t.locale.language_code) for t in page_translations(context, page)]
        else:
            url = absolute_url(request.get_full_path()) if request is not None else absolute_url("/")
            page_title = title or agency.name
            text = agency.name
            language = get_language()
            alternates = []
        image_url, width, height, alt = sd.social_image(page if is_page else None)
        values = {
            "og_type": "article" if is_page and getattr(page, "schema_type", "") else "website",
            "title": page_title,
            "description": text,
            "url": url,
            "image": image_url,
            "image_width": width,
            "image_height": height,
            "image_alt": alt or page_title,
            "locale": sd.og_locale(language),
            "locale_alternates": [a for a in alternates if a != sd.og_locale(language)],
            "site_name": agency.name,
        }
        return mark_safe(get_template("includes/social_meta.html").render(values))  # noqa: S308

    return _cached(context, "social_meta", render)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD: the agency and the site on the home page, the page's own entity
    elsewhere. The BreadcrumbList comes with the breadcrumbs (portal_tags.breadcrumbs)."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return ""

    def render():
        request = context.get("request")
        agency = _agency(context)
        if page.depth <= 2:
            home = sd.page_absolute_url(page, request)
            website = {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": agency.name,
                "url": home,
                "inLanguage": get_language(),
                "publisher": {"@id": absolute_url("/") + "#organization"},
            }
            org = {"@context": "https://schema.org", **sd.organization(agency, home)}
            crumbs = sd.breadcrumb_list([(agency.name, home)])
            return sd.json_ld(org) + sd.json_ld(website) + sd.json_ld(crumbs)
        return sd.json_ld(sd.main_entity(page, request, agency))

    return _cached(context, "structured_data", render)
