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
