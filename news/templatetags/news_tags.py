from django import template
from wagtail.images import get_image_model

from portal.pictures import picture_specs

register = template.Library()

# keep in step with portal/includes/home_featured.html
CARD_SPECS = picture_specs("fill-320x200", "fill-480x300")


@register.simple_tag
def featured_cards(pages):
    """Cards (page, image, date) for the home page's featured items.

    Any page type can be featured; a page shows a picture when it has an ``image``
    (news) or a ``poster`` (video). The pictures and their renditions are fetched in
    two queries for all cards together.
    """
    image_ids = {}
    for page in pages:
        image_id = getattr(page, "image_id", None) or getattr(page, "poster_id", None)
        if image_id:
            image_ids[page.pk] = image_id
    images = {}
    if image_ids:
        images = {
            image.pk: image
            for image in get_image_model()
            .objects.filter(pk__in=set(image_ids.values()))
            .prefetch_renditions(*CARD_SPECS)
        }
    return [
        {
            "page": page,
            "image": images.get(image_ids.get(page.pk)),
            "date": getattr(page, "published_at", None) or page.first_published_at,
            "summary": getattr(page, "sapo", "") or getattr(page, "description", "") or page.search_description,
        }
        for page in pages
    ]
