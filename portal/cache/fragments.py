"""Fragments: anything computed from content, kept per process until the next publication.

``cached(key, compute)`` is the one way to keep a piece of HTML or data (menus, sidebar
blocks, a page's links, listing counts and rows…): the key must hold everything the value
depends on (site, language, page…); the publication generation is added to it, so a
publication, an edit of a snippet or a setting, or a view restriction change makes every
entry unreachable at once (``portal.cache.generation``).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models.sql import Query as SQLQuery
from django.utils.functional import cached_property

from portal.cache import wagtail_internals
from portal.cache.generation import generation
from portal.cache.memo import Memo


def page_cache_enabled():
    value = getattr(settings, "PORTAL_PAGE_CACHE", None)
    return (not settings.DEBUG) if value is None else bool(value)


def fragment_cache_enabled():
    value = getattr(settings, "PORTAL_FRAGMENT_CACHE", None)
    return page_cache_enabled() if value is None else bool(value)


# Shared by many pages (menus, sidebar blocks, site settings).
shared_store = generation.forget_on_change(Memo(max_entries=2000))
# One entry per URL or page (routes, a page's links, listing pages): kept apart, so that a
# crawler walking 100,000 articles never pushes the shared fragments out.
per_page_store = generation.forget_on_change(Memo(max_entries=5000))
# One entry per search a visitor typed (a register's results for a query and page): many
# distinct keys, each cheap to rebuild, so fewer are kept and they push out nothing else.
search_store = generation.forget_on_change(Memo(max_entries=500))
# The ordered matches of a query (page ids, types, years: ~0.5 MB with 50,000 matches), so
# the next page of results or another filter on the same words does not search again.
matches_store = generation.forget_on_change(Memo(max_entries=40))


def timeout():
    return getattr(settings, "PORTAL_FRAGMENT_CACHE_SECONDS", 300)


def cached(key, compute, per_page=False, search=False, matches=False):
    """``compute()`` once per generation (and at most ``PORTAL_FRAGMENT_CACHE_SECONDS``)
    per process. ``per_page``: one of many entries of the same kind, one per page or URL
    (a page's own links, a listing page), kept apart from the shared fragments;
    ``search``: one per search typed (``search_store``); ``matches``: a query's ordered
    matches (``matches_store``). A None is not kept (a site or page that does not exist
    yet)."""
    if not fragment_cache_enabled():
        return compute()
    store = matches_store if matches else search_store if search else per_page_store if per_page else shared_store
    full_key = ("fragment", generation.get(), key)
    value = store.get(full_key)
    if value is None:
        value = compute()
        if value is not None:
            store.set(full_key, value, timeout())
    return value


def queryset_digest(queryset):
    """A short key for what ``queryset`` would fetch (database, SQL and parameters), or
    None when it can match nothing."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return hashlib.blake2b(repr((queryset.db, sql, params)).encode(), digest_size=16).hexdigest()


def cached_query(kind, queryset, compute):
    """``compute(queryset)`` once per generation for this exact query: for answers derived
    from content, such as the choices a listing's filters offer."""
    digest = queryset_digest(queryset) if fragment_cache_enabled() else None
    if digest is None:
        return compute(queryset)
    return cached((kind, digest), lambda: compute(queryset))


def restricted_paths():
    """The paths of the pages that carry a view restriction (kept per generation: a
    restriction edit is logged)."""
    from wagtail.models import PageViewRestriction

    return cached(
        ("restricted_paths",), lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def under_restriction(path):
    return any(path.startswith(restricted) for restricted in restricted_paths())


def public(queryset):
    """``queryset.public()`` without its query on every call (Wagtail reads every view
    restriction each time it builds the filter, even when the rows come from a cache)."""
    if not fragment_cache_enabled():
        return queryset.public()
    return wagtail_internals.public(queryset, restricted_paths())


class CountCachingPaginator(Paginator):
    """A Paginator that counts the rows, and fetches each page's rows, once per publication
    generation (per process).

    Counting every row is the one part of a listing whose cost grows with the content
    (100,000 news: a full scan per view), and on SQLite an ordered listing of 100,000 news
    sorts them all for every page. The entries are keyed by ``cache_key`` when the listing
    gives one (its page, kind, filters: cheaper than compiling the query) or else by the
    query's SQL.
    """

    def __init__(self, object_list, per_page, *args, cache_key=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cache_key = cache_key

    @cached_property
    def _list_key(self):
        """What identifies the whole list; None: do not cache (a plain list, search results).
        Every query that can match nothing shares ``("sql", None)``: all count 0, no rows."""
        queryset = self.object_list
        if not fragment_cache_enabled() or not isinstance(getattr(queryset, "query", None), SQLQuery):
            return None
        if self.cache_key is not None:
            return ("key", *self.cache_key)
        return ("sql", queryset_digest(queryset))

    @cached_property
    def count(self):
        key = self._list_key
        if key is None:
            return super().count
        return cached(("count", key), self.object_list.count, per_page=True)

    def page(self, number):
        page = super().page(number)
        key = self._list_key
        if key is not None:
            rows = page.object_list
            page_key = ("rows", key, self.per_page, self.orphans, page.number)
            page.object_list = cached(page_key, lambda: list(rows), per_page=True)
        return page
