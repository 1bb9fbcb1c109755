"""Signal handlers that keep the search index current while editors work."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.search import indexing


def on_published(sender, instance, **kwargs):
    indexing.index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    indexing.remove_page(instance)


def on_created(sender, instance, created, raw=False, **kwargs):
    # Pages created already live (code, imports, fixtures) never pass through publish().
    # Later saves are left to the publish signal: a plain save may carry draft content.
    if created and not raw and isinstance(instance, Page) and instance.live and instance.depth and instance.depth > 1:
        indexing.index_page(instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.remove_page(instance.pk)


def on_moved(sender, instance, **kwargs):
    indexing.refresh_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.refresh_subtree(page)


def connect():
    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_save.connect(on_created, dispatch_uid="portal_search_created")
    post_delete.connect(on_deleted, dispatch_uid="portal_search_deleted")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="portal_search_restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="portal_search_unrestricted")
