"""Every place the portal relies on a part of Wagtail that is not its public API.

Nothing else in the project may touch these names; ``tests/test_wagtail_internals.py``
checks each one against the installed Wagtail and fails loudly when an upgrade removes
or changes one. Each is here because the public way costs a query or a cache round trip
on every view (measured with ``bench/run``, see README "Bộ nhớ đệm"):

====================================  =======================================================
``request._wagtail_site``             ``Site.find_for_request`` keeps its answer there; we
                                      fill it from the fragment cache (saves the site query).
``_wagtail_cached_site_root_paths``   ``Page.get_url`` keeps ``Site.get_site_root_paths()``
                                      there (on the request or the page); we fill it per
                                      generation (saves a cache round trip per page object).
``request._wagtail_route_for_request``  ``Page.route_for_request`` keeps the route there; we
                                      fill it from the route cache (saves the walk down the
                                      tree, one query per URL segment).
``request.routable_resolver_match``   ``RoutablePageMixin`` keeps the sub-route there.
``BaseSiteSetting._request``          ``for_request`` keeps the request there (for its URLs).
``Page.get_view_restrictions``        replaced on a page known to be unrestricted (saves
                                      two queries per view).
``PageQuerySet.public()``             rebuilt from the restricted paths kept per generation
                                      (Wagtail reads every restriction at each call).
Log entries                           every publication, move, deletion and snippet/setting
                                      edit in the admin writes one; the generation is the
                                      newest ids.
``Sitemap._urls``                     Django's and Wagtail's sitemap build each page's
                                      entries there; ours adds ``hreflang`` alternates.
====================================  =======================================================
"""

import copy

from django.db import connection
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction
from wagtail.url_routing import RouteResult

# --- The request's site, root paths, route and settings ------------------------------------


def site_of(request):
    """The Site Wagtail (or ``set_site``) found for ``request``, without a query; None."""
    return getattr(request, "_wagtail_site", None)


def set_site(request, site):
    request._wagtail_site = site


def set_site_root_paths(obj, root_paths):
    """``obj`` (a request or a page) answers ``get_url`` from ``root_paths``."""
    obj._wagtail_cached_site_root_paths = root_paths


def route_of(request):
    """The ``RouteResult`` Wagtail (or ``set_route``) found for ``request``; None."""
    return getattr(request, "_wagtail_route_for_request", None)


def set_route(request, page, subpage_match=None):
    """The page Wagtail will serve for ``request``; ``subpage_match``: the RoutablePage
    sub-route already resolved (``page.resolve_subpage(…)``)."""
    if subpage_match is None:
        request._wagtail_route_for_request = RouteResult(page)
    else:
        request.routable_resolver_match = subpage_match
        request._wagtail_route_for_request = RouteResult(page, args=tuple(subpage_match))


def subpage_match_of(request):
    return getattr(request, "routable_resolver_match", None)


def set_request_setting(request, model, instance):
    """A copy of the site setting ``instance`` as ``model.for_request(request)`` returns it."""
    instance = copy.copy(instance)
    instance._request = request
    setattr(request, model.get_cache_attr_name(), instance)


# --- View restrictions ------------------------------------------------------------------------


def _no_restrictions():
    return PageViewRestriction.objects.none()


def skip_view_restriction_query(page):
    """``page`` (not an alias, under no restriction: the caller knows) answers Wagtail's
    privacy check without asking the database."""
    page.get_view_restrictions = _no_restrictions


def public(queryset, restricted_paths):
    """``queryset.public()`` built from ``restricted_paths`` (the paths of the pages that
    carry a view restriction) instead of a query: no page at or below one of them."""
    if not restricted_paths:
        return queryset
    private = Q()
    for path in restricted_paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


# --- The publication generation -----------------------------------------------------------


def newest_log_entry_ids():
    """``"<newest page log id>.<newest model log id>"``: one query on Wagtail's log tables."""
    page_table = connection.ops.quote_name(PageLogEntry._meta.db_table)
    model_table = connection.ops.quote_name(ModelLogEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {page_table}), (SELECT MAX(id) FROM {model_table})")  # noqa: S608
        page_log, model_log = cursor.fetchone()
    return f"{page_log or 0}.{model_log or 0}"


# --- The sitemap ------------------------------------------------------------------------------


class EntriesSitemap(Sitemap):
    """A Wagtail sitemap whose page of entries comes from ``entries(pages)``
    (``[url_info]``), so a subclass sees every page of a sitemap page at once."""

    def entries(self, pages):  # pragma: no cover - subclasses say
        raise NotImplementedError

    def _urls(self, page, protocol, domain):
        urls = self.entries(list(self.paginator.page(page).object_list))
        lastmods = [u.get("lastmod") for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
