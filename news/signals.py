"""Keep the cached home-page news section in step with what editors publish."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.home import bump_version
from news.models import NewsCategory, NewsIndexPage, NewsPage

NEWS_PAGES = (NewsPage, NewsIndexPage)


@receiver(page_published)
@receiver(page_unpublished)
def news_page_changed(sender, instance, **kwargs):
    if isinstance(instance, NEWS_PAGES):
        bump_version()


@receiver(post_delete, sender=NewsPage)
@receiver(post_delete, sender=NewsIndexPage)
@receiver(post_save, sender=NewsCategory)
@receiver(post_delete, sender=NewsCategory)
def news_data_changed(sender, instance, **kwargs):
    bump_version()


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    bump_version()
