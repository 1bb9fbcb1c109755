"""The *Tin video* sidebar block (declared in ``video/apps.py``; the core keeps its HTML
per site and language until the next publication). Three queries whatever the number of
videos.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

SIDEBAR_MORE_COUNT = 4


def sidebar_videos(page=None, count=SIDEBAR_MORE_COUNT + 1):
    """The newest videos in the page's (or the visitor's) language, posters prefetched."""
    from video.models import VideoPage, videos_with_posters

    videos = VideoPage.objects.live().public()
    if getattr(page, "locale_id", None):
        videos = videos.filter(locale_id=page.locale_id)
    else:
        videos = videos.filter(locale__language_code=get_language())
    videos = videos.order_by("-first_published_at", "-pk")
    return list(videos_with_posters(videos)[:count])


def render_block(request, page=None):
    videos = sidebar_videos(page)
    newest = videos[0] if videos else None
    index_url = None
    if newest is not None:
        # The listing is the newest video's parent: its address minus the last segment.
        url = newest.get_url(request) or ""
        index_url = url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None
    return render_to_string(
        "video/includes/video_block.html",
        {"newest": newest, "more": videos[1:], "index_url": index_url, "request": request},
    )


def sidebar_block(context):
    """Tin video in every page's sidebar (declared in ``video/apps.py``): the newest video
    playable in place, more titles, a link to all videos."""
    return render_block(context.get("request"), context.get("page"))
