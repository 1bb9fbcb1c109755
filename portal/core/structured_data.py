"""What a shared link and a search engine see of a page: Open Graph / Twitter card values
and schema.org JSON-LD.

The core names no content app. A page type says what it is with two optional members:

* ``schema_type`` (class attribute): ``"NewsArticle"``, ``"Article"``, ``"VideoObject"``…;
  pages without one are ``WebPage`` (the home page: ``WebSite`` + the agency).
* ``schema_org_extra(self)``: extra properties of its main entity (a video's
  ``contentUrl``/``embedUrl``, a plan's ``identifier``…), URLs given as paths or
  absolute URLs.

The summary comes from ``search_description`` or the first of ``sapo``, ``summary``,
``intro``, ``description``; the picture from ``image`` or ``poster`` (a Wagtail image),
else the agency's default picture. Every URL is absolute on PORTAL_BASE_URL.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import AbstractImage

from portal.core import formatting
from portal.core.formatting import iso
from portal.core.public_url import absolute_url, page_absolute_url

DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
LOGO = "img/logo-512.png"
SOCIAL_RENDITION = "fill-1200x630-c75"
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
DESCRIPTION_FIELDS = ("sapo", "summary", "intro", "description")
IMAGE_FIELDS = ("image", "poster")

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """A ``<script type="application/ld+json">`` element; ``<``, ``>`` and ``&`` are
    escaped as in Django's ``json_script``, so no text can close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def og_locale(language_code):
    return OG_LOCALES.get((language_code or "vi").split("-")[0], "vi_VN")


def description(page, limit=60):
    text = getattr(page, "search_description", "") or ""
    for name in DESCRIPTION_FIELDS:
        if text:
            break
        value = getattr(page, name, None)
        if isinstance(value, str):
            text = value
        elif value is not None and hasattr(value, "source"):  # RichText
            text = strip_tags(value.source)
    return Truncator(" ".join(strip_tags(str(text)).split())).words(limit)


def page_image(page):
    for name in IMAGE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, AbstractImage):
            return value
    return None


def social_image(page):
    """``(absolute URL, width, height, alt)`` of the picture to show with a shared link."""
    image = page_image(page) if page is not None else None
    if image is not None:
        try:
            rendition = image.get_rendition(SOCIAL_RENDITION)
        except Exception:  # noqa: BLE001 - a missing original file: fall back to the default picture
            rendition = None
        if rendition is not None:
            return absolute_url(rendition.url), rendition.width, rendition.height, image.default_alt_text or ""
    return absolute_url(static(DEFAULT_IMAGE)), *DEFAULT_IMAGE_SIZE, ""


def organization(agency, home_url=""):
    """The agency as a schema.org GovernmentOrganization."""
    data = {
        "@type": "GovernmentOrganization",
        "@id": absolute_url("/") + "#organization",
        "name": agency.name,
        "url": home_url or absolute_url("/"),
        "logo": absolute_url(static(LOGO)),
    }
    if agency.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": agency.address, "addressCountry": "VN"}
    if agency.phone:
        data["telephone"] = agency.phone
    if agency.email:
        data["email"] = agency.email
    if agency.governing_body:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": agency.governing_body}
    return data


def breadcrumb_list(items):
    """``items``: ``(name, absolute URL)`` from the home page down to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def main_entity(page, request, agency):
    """The page's own JSON-LD object."""
    url = page_absolute_url(page, request)
    schema_type = getattr(page, "schema_type", "")
    language = formatting.language()  # the page's language, activated by its URL
    image_url, width, height, _ = social_image(page)
    publisher = {
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "logo": {"@type": "ImageObject", "url": absolute_url(static(LOGO))},
    }
    if not schema_type:
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": page.title,
            "url": url,
            "inLanguage": language,
            "description": description(page),
        }
    published = getattr(page, "published_at", None) or page.first_published_at or page.last_published_at
    modified = page.last_published_at or published
    if schema_type == "VideoObject":
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": page.title,
            "description": description(page) or page.title,
            "thumbnailUrl": [image_url],
            "uploadDate": iso(published),
            "url": url,
            "inLanguage": language,
            "publisher": publisher,
        }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": schema_type,
            "headline": Truncator(page.title).chars(110),
            "description": description(page),
            "datePublished": iso(published),
            "dateModified": iso(modified),
            "image": [image_url],
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": language,
            "author": {"@type": "GovernmentOrganization", "name": agency.name, "url": absolute_url("/")},
            "publisher": publisher,
        }
    extra = getattr(page, "schema_org_extra", None)
    for key, value in (extra() if callable(extra) else {}).items():
        if value in (None, ""):
            continue
        data[key] = absolute_url(value) if isinstance(value, str) and value.startswith("/") else value
    return data
