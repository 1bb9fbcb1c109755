from django import template
from django.conf import settings

from portal.stats import api

register = template.Library()


@register.simple_tag
def page_views(page):
    """The page's view count: its hitcount row (content type of its specific model)
    plus, with Redis, increments not yet flushed. Reads only; 0 if never counted."""
    if not settings.PORTAL_STATS_ENABLED:
        return None
    return api.page_views(page)
