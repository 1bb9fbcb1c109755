"""Demo content for Tin video: the listing and two videos, one an uploaded WebM file
generated here (no download, no ffmpeg) and one a YouTube address."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from portal.core.page_tree import ensure_page
from portal.demo import aware

# A 3-second 320×180 VP8 clip (a gold bar crossing a red-to-blue background), 65 kB.
DEMO_CLIP = Path(__file__).resolve().parent / "demo" / "gioi-thieu-cong-thong-tin.webm"

CAPTIONS = """WEBVTT

00:00.000 --> 00:01.500 line:-3
Cổng thông tin điện tử Sở Nội vụ tỉnh Kon Tum

00:01.500 --> 00:03.000 line:-3
Tin video: giới thiệu hoạt động của Sở
"""


def poster(title, colours, name):
    """A poster drawn with Pillow: a two-colour band and a few circles."""
    from PIL import Image, ImageDraw

    Images = get_image_model()
    existing = Images.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 960, 540
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    (r1, g1, b1), (r2, g2, b2) = colours
    for x in range(width):
        t = x / width
        draw.line(
            [(x, 0), (x, height)], fill=(int(r1 + (r2 - r1) * t), int(g1 + (g2 - g1) * t), int(b1 + (b2 - b1) * t))
        )
    # Soft circles, no title and no play symbol: the pages show the title as text and
    # draw their own play symbol over the poster.
    for i, (cx, cy, radius) in enumerate([(220, 180, 160), (700, 360, 220), (480, 120, 90)]):
        shade = 255 - i * 20
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=(shade, shade, shade), width=6)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    image = Images(title=title)
    image.file = ImageFile(io.BytesIO(out.getvalue()), name=f"{name}.png")
    image.save()
    return image


def ensure_section(home, stdout):
    """The Tin video listing, without any video (also used by ``manage.py setup_site``)."""
    from video.models import VideoIndexPage

    index, created = ensure_page(
        home,
        VideoIndexPage,
        "tin-video",
        title="Tin video",
        intro="Video về hoạt động của Sở Nội vụ và ngành Nội vụ tỉnh Kon Tum.",
        show_in_menus=True,
    )
    if created:
        stdout.write("  + Tin video")
    return index


def load(home, stdout):
    from video.models import VideoPage

    index = ensure_section(home, stdout)
    if not index.get_children().filter(slug="gioi-thieu-cong-thong-tin").exists():
        title = "Giới thiệu Cổng thông tin điện tử Sở Nội vụ"
        page = VideoPage(
            slug="gioi-thieu-cong-thong-tin",
            title=title,
            description="Đoạn video ngắn giới thiệu giao diện mới của Cổng thông tin điện tử Sở Nội vụ tỉnh Kon Tum: "
            "tin tức, văn bản, kế hoạch và tin video được cập nhật thường xuyên.\n\n"
            "Video có phụ đề tiếng Việt; bấm nút CC trên khung phát để bật hoặc tắt.",
            poster=poster(title, ((165, 14, 31), (11, 79, 138)), "gioi-thieu-cong-thong-tin"),
        )
        page.video_file.save("gioi-thieu-cong-thong-tin.webm", ContentFile(DEMO_CLIP.read_bytes()), save=False)
        page.captions.save("gioi-thieu-cong-thong-tin.vtt", ContentFile(CAPTIONS.encode()), save=False)
        index.add_child(instance=page)
        page.save_revision().publish()
        when = aware(2025, 10, 2, 9, 0)
        VideoPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        stdout.write(f"  + {title}")
    _, created = ensure_page(
        index,
        VideoPage,
        "video-minh-hoa-youtube",
        title="Video minh họa phát từ YouTube",
        description="Video minh họa cách cổng thông tin phát video đăng trên YouTube (phim hoạt hình mở “Big Buck "
        "Bunny” của Blender Foundation). Video được nhúng qua youtube-nocookie.com, không gửi cookie theo dõi "
        "cho đến khi người xem bấm phát. Biên tập viên thay bằng video của Sở khi đưa vào sử dụng.",
        poster=poster("Video minh họa phát từ YouTube", ((11, 79, 138), (46, 125, 50)), "video-minh-hoa-youtube"),
        video_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        published_at=aware(2025, 8, 15, 14, 30),
    )
    if created:
        stdout.write("  + Video minh họa phát từ YouTube")
