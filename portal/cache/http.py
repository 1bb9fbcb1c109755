"""The HTTP layer: ``CacheHeadersMiddleware`` (placed right after ``SecurityMiddleware``).

1. **Headers.** An anonymous ``GET``/``HEAD`` of a public page (no session cookie sent,
   no cookie set, no ``Cache-Control`` chosen by the view) gets
   ``Cache-Control: public, max-age=…, s-maxage=…`` so that the shipped nginx micro-cache
   and a CDN may keep it; ``Vary: Cookie`` is dropped from such responses (the page is the
   same for every anonymous visitor, and a CDN that varies on cookies caches nothing).
   Requests that carry a session cookie (logged-in users, and visitors who unlocked a
   password-protected page), responses that set a cookie, and the admin get
   ``private, no-store``.
2. **Page cache.** Rendered anonymous pages are kept in a small per-process memo (L1) and
   in Django's cache (L2, Redis in production) and served before the rest of the
   middleware stack runs, keyed by the publication generation (``portal.cache.generation``).
3. **Priming.** The request's site, settings and page route are filled from the fragment
   cache before Wagtail looks for them (``portal.cache.wagtail_internals``).

Frontend caches (nginx, CDN) are purged by ``portal.cache.purge`` on the same events.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.http import Http404, HttpResponse
from django.urls import Resolver404, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.cache import cc_delim_re, patch_cache_control

from portal.cache import wagtail_internals
from portal.cache.fragments import (
    cached,
    fragment_cache_enabled,
    page_cache_enabled,
    per_page_store,
    timeout,
    under_restriction,
)
from portal.cache.generation import generation
from portal.cache.memo import Memo

CACHEABLE_STATUSES = {200, 301, 404, 410}
REFRESH_HEADER = "HTTP_X_PORTAL_REFRESH"


def _setting(name, default):
    return getattr(settings, name, default)


page_l1 = generation.forget_on_change(Memo(max_entries=300))  # rendered pages (tens of kB each)


# --- Per-request caches Wagtail already has, filled from the fragment cache --------------
#
# Wagtail keeps the request's Site, its page route and each site setting on the request
# (portal.cache.wagtail_internals). Filling them from the generation-keyed cache saves the
# site lookup, the settings query and the walk down the tree (one query per URL segment,
# then ``.specific``): a known URL costs one query to load its page. Privacy checks and
# ``serve()`` run as usual.


def _route_key(gen, site, request):
    return ("route", gen, site.pk, request.path_info)


def prime_request(request, gen):
    from wagtail.models import Site

    def find_site():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - load it once for every request that shares this Site
        return site

    site = cached(("site", request._get_raw_host(), request.get_port()), find_site)
    if site is None:
        return
    wagtail_internals.set_site(request, site)
    # Every URL Wagtail builds needs the sites' root paths, which it keeps in Django's
    # cache (a Redis round trip per page object on production); keep them per generation.
    root_paths = cached(("site_root_paths",), Site.get_site_root_paths)
    wagtail_internals.set_site_root_paths(request, root_paths)

    for model in _site_setting_models():
        instance = cached(("setting", model._meta.label, site.pk), lambda model=model: model.for_site(site))
        wagtail_internals.set_request_setting(request, model, instance)

    if request.method in ("GET", "HEAD"):
        route = per_page_store.get(_route_key(gen, site, request))
        if route is not None:
            content_type_id, page_id, subpath = route
            from django.contrib.contenttypes.models import ContentType

            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model._default_manager.filter(pk=page_id, live=True).first() if model else None
            if page is not None:
                wagtail_internals.set_site_root_paths(page, root_paths)
                if page.alias_of_id is None and not under_restriction(page.path):
                    # Wagtail asks the database on every view (two queries); the answer
                    # only changes with a logged restriction edit, i.e. a new generation.
                    wagtail_internals.skip_view_restriction_query(page)
                if subpath is None:
                    wagtail_internals.set_route(request, page)
                else:  # a RoutablePage's own URL (a listing, a category, a feed)
                    try:
                        match = page.resolve_subpage(subpath)
                    except Http404:
                        return
                    wagtail_internals.set_route(request, page, match)
                request._portal_route_cached = True


def remember_route(request, response, gen):
    result = wagtail_internals.route_of(request)
    site = wagtail_internals.site_of(request)
    if result is None or site is None or getattr(request, "_portal_route_cached", False):
        return
    if response.status_code != 200 or result.kwargs:
        return
    page = result.page
    subpath = None
    if result.args:
        # RoutablePageMixin.route(): args = (view, args, kwargs) for the rest of the path.
        resolver_match = wagtail_internals.subpage_match_of(request)
        page_url = page.get_url(request) if resolver_match is not None else None
        if not page_url or not request.path_info.startswith(page_url):
            return
        subpath = "/" + request.path_info[len(page_url) :]
    per_page_store.set(_route_key(gen, site, request), (page.content_type_id, page.pk, subpath), timeout())


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
            if per_page_store.get(("nostore", gen, key)):
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
            per_page_store.set(("nostore", gen, key), True, 60)
            return
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            return
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", "x-portal-cache"}]
        entry = (response.status_code, headers, response.content)
        timeout = _setting("PORTAL_PAGE_CACHE_SECONDS", 120)
        page_l1.set(("page", gen, key), entry, min(timeout, _setting("PORTAL_PAGE_CACHE_LOCAL_SECONDS", 30)))
        shared_cache.set(f"portal:page:{gen}:{key}", entry, timeout)
        response["X-Portal-Cache"] = "miss"
