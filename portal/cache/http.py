"""HTTP caching for the public portal.

``CacheHeadersMiddleware`` (placed right after ``SecurityMiddleware``) does three things:

1. **Headers.** An anonymous ``GET``/``HEAD`` of a public page (no session cookie sent,
   no cookie set, no ``Cache-Control`` chosen by the view) gets
   ``Cache-Control: public, max-age=…, s-maxage=…`` so that the shipped nginx micro-cache
   and a CDN may keep it; ``Vary: Cookie`` is dropped from such responses (the page is the
   same for every anonymous visitor, and a CDN that varies on cookies caches nothing).
   Requests that carry a session cookie (logged-in users, and visitors who unlocked a
   password-protected page), responses that set a cookie, and the admin get
   ``private, no-store``.
2. **Server-side page cache.** Rendered anonymous pages are kept in a small per-process
   LRU (L1) and in Django's cache (L2, Redis in production) and served before the rest of
   the middleware stack runs. Entries are keyed by the content *generation*, see below.
3. **Generation.** Every publish, unpublish, move, delete, snippet or settings edit writes
   a Wagtail log entry; the generation is the newest log entry ids. Each process re-reads
   it at most once every ``PORTAL_CACHE_CHECK_SECONDS`` (and immediately after a change it
   made itself), so the page cache and the cached frame fragments (``cached_fragment``)
   never outlive a publication by more than that interval on any app server.

Frontend caches (nginx, CDN) are purged by ``portal.frontend_cache`` on the same events.
"""

import copy
import hashlib
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.db.models.sql import Query as SQLQuery
from django.http import Http404, HttpResponse
from django.urls import Resolver404, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.functional import cached_property

CACHEABLE_STATUSES = {200, 301, 404, 410}
REFRESH_HEADER = "HTTP_X_PORTAL_REFRESH"


def _setting(name, default):
    return getattr(settings, name, default)


def page_cache_enabled():
    value = _setting("PORTAL_PAGE_CACHE", None)
    return (not settings.DEBUG) if value is None else bool(value)


def fragment_cache_enabled():
    value = _setting("PORTAL_FRAGMENT_CACHE", None)
    return page_cache_enabled() if value is None else bool(value)


# --- Generation -------------------------------------------------------------------------


class _Generation:
    """The newest Wagtail log entry ids, re-read at most once per interval."""

    def __init__(self):
        self.value = None
        self.checked_at = 0.0
        self.stale = True
        self.lock = threading.Lock()

    def read(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT MAX(id) FROM wagtailcore_pagelogentry), (SELECT MAX(id) FROM wagtailcore_modellogentry)"
            )
            page_log, model_log = cursor.fetchone()
        return f"{page_log or 0}.{model_log or 0}"

    def get(self, force=False):
        now = time.monotonic()
        if force or self.stale or now - self.checked_at >= _setting("PORTAL_CACHE_CHECK_SECONDS", 1.0):
            value = self.read()
            with self.lock:
                if value != self.value:
                    clear_local_caches()
                self.value = value
                self.checked_at = now
                self.stale = False
        return self.value

    def expire(self):
        """Make the next ``get`` read the database (after a change this process made)."""
        self.stale = True


generation = _Generation()


# --- Per-process LRU (L1) ---------------------------------------------------------------


class LocalCache:
    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.data = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.data.get(key)
            if item is None:
                return None
            value, expires = item
            if expires < time.monotonic():
                del self.data[key]
                return None
            self.data.move_to_end(key)
            return value

    def set(self, key, value, timeout):
        with self.lock:
            self.data[key] = (value, time.monotonic() + timeout)
            self.data.move_to_end(key)
            while len(self.data) > self.max_entries:
                self.data.popitem(last=False)

    def clear(self):
        with self.lock:
            self.data.clear()


local_cache = LocalCache(max_entries=2000)  # shared by many pages: frame fragments, settings
# One entry per URL or page (routes, a page's links, listing pages): kept apart, so that a
# crawler walking 100,000 articles never pushes the shared fragments out.
per_page_cache = LocalCache(max_entries=5000)
page_l1 = LocalCache(max_entries=300)  # rendered pages (tens of kB each)


def clear_local_caches():
    """Forget everything this process keeps (a new generation; tests)."""
    local_cache.clear()
    per_page_cache.clear()
    page_l1.clear()


def cached_fragment(key, compute, timeout=None, per_page=False):
    """``compute()`` once per generation (and at most ``timeout`` seconds) per process.

    For parts of the page frame that are the same on many pages (menus, sidebar blocks):
    the key must hold everything the fragment depends on (site, locale, current page…).
    ``per_page``: one of many entries of the same kind, one per page or URL (a page's own
    links, a listing page), kept apart from the shared fragments.
    """
    if not fragment_cache_enabled():
        return compute()
    store = per_page_cache if per_page else local_cache
    full_key = ("fragment", generation.get(), key)
    value = store.get(full_key)
    if value is None:
        value = compute()
        store.set(full_key, value, timeout or _setting("PORTAL_FRAGMENT_CACHE_SECONDS", 300))
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
    """``compute(queryset)`` once per generation for this exact query (see cached_fragment):
    for answers derived from content, such as the choices a listing's filters offer."""
    if not fragment_cache_enabled():
        return compute(queryset)
    digest = queryset_digest(queryset)
    if digest is None:
        return compute(queryset)
    return cached_fragment((kind, digest), lambda: compute(queryset))


class CountCachingPaginator(Paginator):
    """A Paginator that counts the rows, and fetches each page's rows, once per publication
    generation (per process).

    Counting every row is the one part of a listing whose cost grows with the content
    (100,000 news: a full scan per view), and on SQLite an ordered listing of 100,000 news
    sorts them all for every page (the planner starts from Wagtail's page table). The
    entries are keyed by ``cache_key`` when the listing gives one (its page, kind, filters:
    cheaper than compiling the query) or else by the query's SQL.
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
        return cached_fragment(("count", key), self.object_list.count, per_page=True)

    def page(self, number):
        page = super().page(number)
        key = self._list_key
        if key is not None:
            rows = page.object_list
            page_key = ("rows", key, self.per_page, self.orphans, page.number)
            page.object_list = cached_fragment(page_key, lambda: list(rows), per_page=True)
        return page


# --- Per-request caches Wagtail already has, filled from the per-process cache ---------
#
# Wagtail keeps the request's Site (``request._wagtail_site``), its page route
# (``request._wagtail_route_for_request``) and each site setting on the request. Filling
# them from the generation-keyed cache saves the site lookup, the settings query and the
# walk down the tree (one query per URL segment, then ``.specific``): a known URL costs one
# query to load its page. Privacy checks and ``serve()`` run as usual.


def _route_key(gen, site, request):
    return ("route", gen, site.pk, request.path_info)


def prime_request(request, gen):
    from wagtail.models import Site

    def find_site():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - load it once for every request that shares this Site
        return site

    site = cached_fragment(("site", request._get_raw_host(), request.get_port()), find_site)
    if site is None:
        return
    request._wagtail_site = site
    # Every URL Wagtail builds needs the sites' root paths, which it keeps in Django's
    # cache (a Redis round trip per page object on production); keep them per generation.
    root_paths = cached_fragment(("site_root_paths",), Site.get_site_root_paths)
    request._wagtail_cached_site_root_paths = root_paths

    for model in _site_setting_models():
        instance = cached_fragment(("setting", model._meta.label, site.pk), lambda model=model: model.for_site(site))
        instance = copy.copy(instance)
        instance._request = request
        setattr(request, model.get_cache_attr_name(), instance)

    if request.method in ("GET", "HEAD"):
        route = per_page_cache.get(_route_key(gen, site, request))
        if route is not None:
            content_type_id, page_id, subpath = route
            from django.contrib.contenttypes.models import ContentType
            from wagtail.url_routing import RouteResult

            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model._default_manager.filter(pk=page_id, live=True).first() if model else None
            if page is not None:
                page._wagtail_cached_site_root_paths = root_paths
                if page.alias_of_id is None and not _under_restriction(page.path):
                    # Wagtail asks the database on every view (two queries); the answer
                    # only changes with a logged restriction edit, i.e. a new generation.
                    page.get_view_restrictions = _no_restrictions
                if subpath is None:
                    request._wagtail_route_for_request = RouteResult(page)
                    request._portal_route_cached = True
                else:  # a RoutablePage's own URL (a listing, a category, a feed)
                    try:
                        match = page.resolve_subpage(subpath)
                    except Http404:
                        return
                    request.routable_resolver_match = match
                    request._wagtail_route_for_request = RouteResult(page, args=tuple(match))
                    request._portal_route_cached = True


def _restricted_paths():
    from wagtail.models import PageViewRestriction

    return cached_fragment(
        ("restricted_paths",), lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def _under_restriction(path):
    return any(path.startswith(restricted) for restricted in _restricted_paths())


def public(queryset):
    """``queryset.public()`` without its query: Wagtail reads every view restriction from
    the database each time it builds the filter, even when the rows themselves come from
    the cache. The restricted paths are kept per generation (a restriction edit is logged),
    and the same filter is built from them: no page at or below a restricted page."""
    if not fragment_cache_enabled():
        return queryset.public()
    paths = _restricted_paths()
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def _no_restrictions():
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.none()


def remember_route(request, response, gen):
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None or getattr(request, "_portal_route_cached", False):
        return
    if response.status_code != 200 or result.kwargs:
        return
    page = result.page
    subpath = None
    if result.args:
        # RoutablePageMixin.route(): args = (view, args, kwargs) for the rest of the path.
        resolver_match = getattr(request, "routable_resolver_match", None)
        page_url = page.get_url(request) if resolver_match is not None else None
        if not page_url or not request.path_info.startswith(page_url):
            return
        subpath = "/" + request.path_info[len(page_url) :]
    per_page_cache.set(
        _route_key(gen, site, request),
        (page.content_type_id, page.pk, subpath),
        _setting("PORTAL_FRAGMENT_CACHE_SECONDS", 300),
    )


def _site_setting_models():
    try:
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.contrib.settings.registry import registry
    except ImportError:  # pragma: no cover
        return []
    return [model for model in registry if issubclass(model, BaseSiteSetting)]


# --- Helpers ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _language_from_path_only(urlconf, path):
    """True when ``path`` is served by the ``i18n_patterns`` part of the URLconf, where
    the language comes from the path (no prefix = ``LANGUAGE_CODE``), never from the
    Accept-Language header."""
    resolver = get_resolver(urlconf)
    path = path.lstrip("/")
    for pattern in resolver.url_patterns:
        try:
            match = pattern.resolve(path)  # None (URLPattern) or Resolver404 (URLResolver)
        except Resolver404:
            continue
        if match is not None:
            return isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern)
    return False


def _remove_vary(response, names):
    if not response.has_header("Vary"):
        return
    drop = {name.lower() for name in names}
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() not in drop]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _is_admin_path(path):
    return any(path.startswith(prefix) for prefix in _setting("PORTAL_PRIVATE_PATH_PREFIXES", ("/admin/",)))


def _has_session_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _page_cache_key(request):
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let the normal stack answer 400
        return None
    allowed = set(_setting("PORTAL_PAGE_CACHE_QUERY_PARAMS", ("page",)))
    if any(name not in allowed for name in request.GET):
        return None
    query = request.GET.urlencode() if request.GET else ""
    url = f"{request.scheme}://{host}{request.path}?{query}"
    return hashlib.blake2b(url.encode(), digest_size=16).hexdigest()


# --- The middleware ---------------------------------------------------------------------


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = gen = None
        if request.method == "GET" and page_cache_enabled() and not _has_session_cookie(request):
            key = _page_cache_key(request)
            if key is not None:
                refresh = REFRESH_HEADER in request.META
                gen = generation.get(force=refresh)
                if not refresh:
                    hit = self.lookup(gen, key)
                    if hit is not None:
                        return hit
        frame_gen = None
        if (
            request.method in ("GET", "HEAD")  # POSTs (the beacon, forms) need no primed page
            and fragment_cache_enabled()
            and not _is_admin_path(request.path_info)
        ):
            frame_gen = generation.get()
            prime_request(request, frame_gen)
        response = self.get_response(request)
        if frame_gen is not None:
            remember_route(request, response, frame_gen)
        self.patch_headers(request, response)
        if key is not None:
            # Under the generation seen before rendering: a publication during the render
            # must not label this copy as current.
            self.store(gen, key, response)
        return response

    # Headers

    def patch_headers(self, request, response):
        if _is_admin_path(request.path_info):
            patch_cache_control(response, private=True, no_store=True)
            return
        if _has_session_cookie(request) or response.cookies:
            # Per-visitor: a logged-in editor (userbar), or a cookie being set.
            if "public" in response.get("Cache-Control", "") or not response.has_header("Cache-Control"):
                if response.has_header("Cache-Control"):
                    del response["Cache-Control"]
                patch_cache_control(response, private=True, no_store=True)
            return
        if request.method not in ("GET", "HEAD") or response.status_code not in CACHEABLE_STATUSES:
            return
        if response.has_header("Cache-Control"):
            return  # the view decided (beacon: no-store; robots.txt: a day…)
        if response.streaming or response.has_header("Content-Disposition") or response.has_header("X-Accel-Redirect"):
            return  # files (documents) are not purged on change: leave them to the browser
        patch_cache_control(
            response,
            public=True,
            max_age=_setting("PORTAL_CACHE_MAX_AGE", 30),
            s_maxage=_setting("PORTAL_CACHE_S_MAXAGE", 120),
        )
        vary_drop = ["Cookie"]
        if _language_from_path_only(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info):
            vary_drop.append("Accept-Language")
        _remove_vary(response, vary_drop)

    # Server-side page cache

    def lookup(self, gen, key):
        full_key = ("page", gen, key)
        entry = page_l1.get(full_key)
        if entry is None:
            if per_page_cache.get(("nostore", gen, key)):
                return None  # a feed, JSON…: do not ask the shared cache every time
            entry = shared_cache.get(f"portal:page:{gen}:{key}")
            if entry is None:
                return None
            page_l1.set(full_key, entry, _setting("PORTAL_PAGE_CACHE_LOCAL_SECONDS", 30))
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Portal-Cache"] = "hit"
        return response

    def store(self, gen, key, response):
        if (
            response.status_code not in CACHEABLE_STATUSES
            or response.streaming
            or response.cookies
            or "public" not in response.get("Cache-Control", "")
            or "text/html" not in response.get("Content-Type", "")
        ):
            per_page_cache.set(("nostore", gen, key), True, 60)
            return
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            return
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", "x-portal-cache"}]
        entry = (response.status_code, headers, response.content)
        timeout = _setting("PORTAL_PAGE_CACHE_SECONDS", 120)
        page_l1.set(("page", gen, key), entry, min(timeout, _setting("PORTAL_PAGE_CACHE_LOCAL_SECONDS", 30)))
        shared_cache.set(f"portal:page:{gen}:{key}", entry, timeout)
        response["X-Portal-Cache"] = "miss"
