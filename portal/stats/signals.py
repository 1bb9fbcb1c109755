"""Keep the cached facts honest when editors change things."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from hitcount.models import BlockedIP, BlockedUserAgent, HitCount
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import lookups
from .stores import get_store


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    lookups.forget_page(instance.pk)


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        lookups.forget_page(instance.pk)


@receiver(post_page_move)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _restrictions_changed(sender, **kwargs):
    lookups.forget_pages()


@receiver(post_save, sender=BlockedIP)
@receiver(post_delete, sender=BlockedIP)
@receiver(post_save, sender=BlockedUserAgent)
@receiver(post_delete, sender=BlockedUserAgent)
def _blocklists_changed(sender, **kwargs):
    lookups.forget_blocklists()


@receiver(post_save, sender=HitCount)
@receiver(post_delete, sender=HitCount)
def _hitcount_edited(sender, instance, **kwargs):
    """An editor changed a total in the admin: forget the Redis copy of it."""
    get_store().invalidate(pages=[(instance.content_type_id, instance.object_pk)])
    cache.delete("stats:sidebar")
