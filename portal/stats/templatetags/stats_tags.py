from django import template
from django.contrib.contenttypes.models import ContentType
from hitcount.models import HitCount

register = template.Library()


@register.simple_tag
def page_views(page):
    """The view count of a page as stored in its hitcount row (0 if never counted).

    Pages are counted as their specific model (see STACK-NOTES: a plain ``Page`` and
    its specific instance have different rows).
    """
    if page is None or not getattr(page, "pk", None):
        return 0
    specific_ct = ContentType.objects.get_for_id(page.content_type_id)
    hits = HitCount.objects.filter(content_type=specific_ct, object_pk=page.pk).values_list("hits", flat=True).first()
    return hits or 0
