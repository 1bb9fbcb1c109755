"""Placeholder logos for the demo: a round badge with the agency's initials, drawn with
Pillow when the demo loads (nothing is downloaded)."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",)


def _font(size):
    from PIL import ImageFont

    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def badge_png(initials, colour, size=120):
    """PNG bytes: a circle of ``colour`` with ``initials`` in white."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.ellipse([2, 2, size - 3, size - 3], fill=colour, outline=(255, 205, 0), width=4)
    font = _font(int(size * (0.38 if len(initials) <= 3 else 0.28)))
    box = draw.textbbox((0, 0), initials, font=font)
    x = (size - (box[2] - box[0])) / 2 - box[0]
    y = (size - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), initials, fill="white", font=font)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def badge_image(title, initials, colour, slug):
    """A Wagtail image of the badge, made once (found again by its title)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(badge_png(initials, colour)), name=f"{slug}.png")
    image.save()
    return image
