"""Responsive pictures: the rendition filter specs a ``{% picture %}`` tag asks for, so
listings can fetch them all up front (``prefetch_renditions`` / ``Prefetch``).

``{% picture img format-{webp,jpeg} fill-{240x160,480x320} %}`` needs the renditions
``picture_specs("fill-240x160", "fill-480x320")`` names: WebP for browsers that take it,
JPEG as the fallback, each at every size of the ``srcset``.
"""

PICTURE_FORMATS = ("webp", "jpeg")


def picture_specs(*sizes, formats=PICTURE_FORMATS):
    return [f"format-{fmt}|{size}" for fmt in formats for size in sizes]
