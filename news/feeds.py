"""RSS 2.0 feeds of the news, built with Django's syndication framework.

Served as routes of the news index page (``…/feed/`` and ``…/chuyen-muc/<slug>/feed/``),
so every language's news index has its own feeds.

An RSS ``<description>`` is HTML to a feed reader, while the sapo, the category
description and the index intro are plain text typed by editors: they are HTML-escaped
here (then XML-escaped by the feed writer), so ``<img onerror=…>`` in a sapo reaches
readers as the text it is, never as an element.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from news.models import FEED_ITEMS
from portal.core.public_url import absolute_url


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page, category=None):
        super().__init__()
        self.index_page = index_page
        self.category = category

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.language = self.index_page.locale.language_code
        return self.category

    def title(self, obj):
        site_title = self.index_page.title
        return f"{site_title}: {obj.name}" if obj else site_title

    def link(self, obj):
        if obj:
            return absolute_url(self.index_page.category_url(obj, self.request))
        return absolute_url(self.index_page.get_url(self.request))

    def description(self, obj):
        if obj:
            return escape(obj.description or _("Tin mới nhất chuyên mục %(name)s") % {"name": obj.name})
        return escape(self.index_page.intro or _("Tin mới nhất của %(title)s") % {"title": self.index_page.title})

    def feed_url(self, obj):
        if obj:
            return absolute_url(self.index_page.category_feed_url(obj, self.request))
        return absolute_url(self.index_page.feed_url(self.request))

    def items(self, obj):
        news = self.index_page.news().select_related(None).prefetch_related("categories")
        if obj:
            news = news.filter(categories=obj)
        return news[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.sapo or item.search_description)

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()]
