"""The portal's public address: every absolute link the site prints (canonical links,
hreflang alternates, the sitemap, feeds, share links, Open Graph, structured data,
robots.txt, e-mails) is built here from ``settings.PORTAL_BASE_URL``, never from the
request's Host header nor from the Wagtail Site's host name (which may still say
``localhost``)."""

import re
from urllib.parse import urlsplit

from django.conf import settings

# Slugs that ``reverse()`` prints as they are (no percent-encoding).
_PLAIN_SLUG = re.compile(r"[a-z0-9_-]+\Z", re.ASCII | re.IGNORECASE)


def base_url():
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(url):
    """``url`` (a path such as ``/tin-tuc/``, or an absolute URL on any host) as an
    absolute URL on the public address; ``""`` stays ``""``. Only the path, query and
    fragment of an absolute URL are kept."""
    if not url:
        return ""
    parts = urlsplit(str(url))
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return str(url)  # mailto:, tel: … are not addresses on this site
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return f"{base_url()}{path}{tail}"


def page_absolute_url(page, request=None):
    """The public absolute URL of a Wagtail page, or ``""`` when it has none."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    return absolute_url(parts[2])


def child_page_url(parent_url, page, request=None):
    """What ``page.get_url(request)`` answers for a child of the page whose URL is
    ``parent_url``, without Wagtail's ``reverse()`` per link (about 0.1 ms; a listing
    prints dozens of links). Wagtail's own URL is the parent's plus the slug; a page type
    that builds its own URLs, a slug that needs quoting or a parent URL without the
    trailing slash falls back to ``get_url``."""
    from wagtail.models import Page

    if (
        parent_url
        and parent_url.endswith("/")
        and type(page).get_url_parts is Page.get_url_parts
        and _PLAIN_SLUG.match(page.slug)
    ):
        return f"{parent_url}{page.slug}/"
    return page.get_url(request)
