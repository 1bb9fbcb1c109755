"""The page tree, shared by the site structure (``manage.py setup_site``), the content
apps' sections and demo content, and the pages that list their siblings.

``ensure_page`` creates a page once: running the same builder again changes nothing.
"""

from wagtail.models import Page


def ensure_page(parent, model, slug, *, published_at=None, **fields):
    """Create and publish ``model`` under ``parent`` with ``slug``, or return the page
    that already has that slug, untouched: a second run of the loader changes nothing,
    and never overwrites what an editor has since changed. Returns ``(page, created)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise TypeError(f"{page.url_path} exists as {type(page).__name__}, expected {model.__name__}")
        return page, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if published_at is not None:
        # Keep the original publication time (imported or demo content).
        model.objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
        page.refresh_from_db()
    return page, True


def get_home():
    from portal.models import HomePage

    return HomePage.objects.filter(depth=2).order_by("path").first()


def root_page():
    return Page.get_first_root_node()


def parent_of(page, model=Page):
    """The parent of ``page`` as ``model`` (one query, by tree path), or None when the
    parent is not a ``model``."""
    if page.depth <= 1:
        return None
    return model.objects.filter(path=page.path[: -page.steplen]).first()


def newest_others(page, key, newest, limit, row=None):
    """The newest ``limit`` pages of a listing other than ``page`` ("Tin khác", "Kế hoạch
    khác"): ``newest()`` gives the listing's queryset, newest first; its first ``limit + 1``
    are kept under ``key`` until the next publication (shared by every page of the listing:
    sorting a large listing is the costliest part of a page), each as ``row(page)`` when
    given (what a line shows, so that no view builds it again), then ``page`` is left out."""
    from portal.cache.fragments import cached

    items = cached(key, lambda: [row(item) if row else item for item in newest()[: limit + 1]])
    return [item for item in items if item.pk != page.pk][:limit]
