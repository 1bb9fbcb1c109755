from django import template
from wagtail.images import get_image_model

from portal.core.pictures import picture_specs
from portal.core.structured_data import DESCRIPTION_FIELDS, IMAGE_FIELDS

register = template.Library()

# keep in step with templates/portal/includes/home_featured.html
CARD_SPECS = picture_specs("fill-320x200", "fill-480x300")


def _image_id(page):
    for name in IMAGE_FIELDS:
        image_id = getattr(page, f"{name}_id", None)
        if image_id:
            return image_id
    return None


def _summary(page):
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, None)
        if value and isinstance(value, str):
            return value
    return page.search_description


@register.simple_tag
def featured_cards(pages):
    """Cards (page, image, date, summary) for the home page's featured items.

    Any page type can be featured. The core names none: a card follows the conventions
    of ``portal.core.structured_data`` (the picture from ``image`` or ``poster``, the summary
    from ``sapo``, ``summary``, ``intro`` or ``description``, else the search description;
    the date from ``published_at``, else the first publication). The pictures and their
    renditions are fetched in two queries for all cards together.
    """
    image_ids = {page.pk: image_id for page in pages if (image_id := _image_id(page))}
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
            "summary": _summary(page),
        }
        for page in pages
    ]
