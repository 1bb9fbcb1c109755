"""Purging the frontend caches (the shipped nginx micro-cache, a CDN) when pages change.

Wagtail's own ``wagtail.contrib.frontend_cache`` app purges only the page that was
published; a portal also has to purge the listings that show it and the home page. So the
app is not installed; these handlers use its backends and ``PurgeBatch`` instead:

- publish / unpublish (and delete, which unpublishes first): the page and every ancestor
  down to the home page of its language (its listing, the section above it, the home);
- move: the same for the old place (old URL, old parents) and the new one, plus the old
  URLs of up to ``PORTAL_PURGE_MAX_DESCENDANTS`` live descendants.

Each page contributes its ``get_cached_paths()``, and every content app's declared
``purge_urls`` (``portal.registry``, ``fn(page) -> iterable of absolute URLs``) the other
addresses that show it (news: category and tag listings, feeds).

Purging happens after the transaction commits, so the fresh copy is rendered from
committed data; the server-side caches (``portal.cache.generation``) switch first.
Backends are configured in ``WAGTAILFRONTENDCACHE`` (see settings and deploy/README.md).
"""

import http.client
import logging
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from portal import registry
from portal.cache.generation import generation

logger = logging.getLogger("portal.cache.purge")


class NginxRefreshBackend(BaseBackend):
    """Refreshes pages in the shipped nginx micro-cache.

    Debian's nginx has no ``proxy_cache_purge``. The shipped site configuration has a
    purge listener (``127.0.0.1:8081``) that shares the public cache zone and key but
    bypasses the cache lookup: a ``GET`` there fetches the page from the app and stores
    it in place of the old copy (including a 404 after unpublishing, or a redirect).

    ``LOCATIONS``: the purge listeners, one per nginx server (``http://10.0.0.5:8081``,
    or ``unix:/run/nginx/portal-purge.sock``).
    """

    def __init__(self, params):
        super().__init__(params)
        locations = params.get("LOCATIONS") or [params["LOCATION"]]
        self.locations = [urlsplit(location) for location in locations]
        self.timeout = params.get("TIMEOUT", 10)

    def purge(self, url):
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc,
            "X-Forwarded-Proto": parts.scheme or "http",
            "User-Agent": "portal-frontend-cache",
        }
        for location in self.locations:
            if location.scheme == "unix":
                conn = _UnixHTTPConnection(location.path, timeout=self.timeout)
            else:
                conn = http.client.HTTPConnection(location.hostname, location.port or 80, timeout=self.timeout)
            try:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 500:
                    logger.error("nginx refresh of %s via %s answered %s", url, location.netloc, response.status)
            except OSError as exc:
                logger.error("nginx refresh of %s via %s failed: %s", url, location.netloc, exc)
            finally:
                conn.close()


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


# --- What to purge -----------------------------------------------------------------------


def page_and_listings(page):
    """The page and its ancestors down to the home page (depth 2) of its language."""
    ancestors = list(page.get_ancestors().filter(depth__gte=2).specific(defer=True))
    return [page, *ancestors]


def urls_for_pages(pages, batch=None):
    batch = batch or PurgeBatch()
    for page in pages:
        batch.add_page(page)
        for fn in registry.callables("purge_urls"):
            batch.add_urls(fn(page) or [])
    return batch.urls


def purge_urls_after_commit(urls):
    urls = sorted(set(urls))
    generation.expire()  # this process re-reads at its next request (and again after commit)

    def purge():
        generation.expire()
        if urls:
            PurgeBatch(urls).purge()

    transaction.on_commit(purge)


# --- Signal handlers ---------------------------------------------------------------------

_old_urls = {}


def on_publish_or_unpublish(sender, instance, **kwargs):
    purge_urls_after_commit(urls_for_pages(page_and_listings(instance)))


def before_move(sender, instance, **kwargs):
    pages = page_and_listings(instance)
    cap = getattr(settings, "PORTAL_PURGE_MAX_DESCENDANTS", 100)
    if cap:
        pages += list(instance.get_descendants().live().specific(defer=True)[:cap])
    _old_urls[instance.pk] = urls_for_pages(pages)


def after_move(sender, instance, **kwargs):
    urls = set(_old_urls.pop(instance.pk, ()))
    instance = Page.objects.get(pk=instance.pk).specific_deferred
    urls |= urls_for_pages(page_and_listings(instance))
    purge_urls_after_commit(urls)


_frame_models = None


def _is_frame_model(model):
    global _frame_models
    if _frame_models is None:
        from wagtail.contrib.settings.registry import registry as settings_registry
        from wagtail.models import Locale, PageViewRestriction, Site
        from wagtail.snippets.models import get_snippet_models

        _frame_models = frozenset([*settings_registry, *get_snippet_models(), Site, Locale, PageViewRestriction])
    return model in _frame_models


def frame_data_changed(sender, **kwargs):
    """Site settings, snippets, sites and locales appear in every page's frame: this
    process re-reads the generation at once (the admin's log entry tells the others)."""
    if _is_frame_model(sender):
        generation.expire()


def connect():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(frame_data_changed, dispatch_uid="portal-frame-save")
    post_delete.connect(frame_data_changed, dispatch_uid="portal-frame-delete")
    page_published.connect(on_publish_or_unpublish, dispatch_uid="portal-purge-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="portal-purge-unpublished")
    pre_page_move.connect(before_move, dispatch_uid="portal-purge-pre-move")
    post_page_move.connect(after_move, dispatch_uid="portal-purge-post-move")
