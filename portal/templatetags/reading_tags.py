"""Template tags for the reading tools: the page's canonical URL (``<link rel="canonical">``
and the share links)."""

from django import template
from wagtail.models import Page

from portal.cache.memo import per_request
from portal.core.params import parse_int
from portal.core.public_url import absolute_url, page_absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None, keep_page_number=False):
    """The public absolute URL of ``page`` (default: the page being shown; see portal.core.public_url); ``""``
    for anything that is not a routable Wagtail page. With ``keep_page_number``, the later
    pages of a listing keep their ``?page=N`` (each is its own canonical page)."""
    page = page if page is not None else context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return ""
    request = context.get("request")
    url = per_request(request, ("canonical_url", page.pk), lambda: page_absolute_url(page, request))
    if keep_page_number and url and request is not None:
        number = parse_int(request.GET.get("page"), minimum=2, maximum=99_999)
        if number is not None:
            url = f"{url}?page={number}"
    return url


@register.simple_tag(takes_context=True)
def page_full_url(context, page):
    """The public absolute URL of any page (hreflang alternates, structured data)."""
    if not isinstance(page, Page) or not page.pk:
        return ""
    request = context.get("request")
    return per_request(request, ("canonical_url", page.pk), lambda: page_absolute_url(page, request))


@register.filter
def absolute(url):
    """A path or URL on this site as an absolute URL on the public address."""
    return absolute_url(url)
