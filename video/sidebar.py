"""The *Tin video* sidebar block, rendered once and kept in the cache.

It is on every page, so its HTML is cached per site, language and "video version". The
version changes whenever a video or video listing is published, unpublished, moved or
deleted (see ``video/signals.py``), so visitors see a new video at once; the timeout
bounds anything a signal cannot see (a poster image replaced in the image library).
Uncached it costs three queries whatever the number of videos.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Site

SIDEBAR_MORE_COUNT = 4
CACHE_TIMEOUT = 300
VERSION_KEY = "video:sidebar:version"


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


def bump_version():
    cache.set(VERSION_KEY, (cache.get(VERSION_KEY) or 0) + 1, None)


def cached_block(request, page=None):
    site = Site.find_for_request(request) if request is not None else None
    locale = getattr(page, "locale_id", None) or get_language()
    version = cache.get(VERSION_KEY) or 0
    key = f"video:sidebar:{site.pk if site else 0}:{locale}:{version}"
    html = cache.get(key)
    if html is None:
        html = render_block(request, page)
        cache.set(key, html, CACHE_TIMEOUT)
    return html


def sidebar_block(context):
    """Tin video in every page's sidebar (declared in ``video/apps.py``): the newest video
    playable in place, more titles, a link to all videos."""
    return cached_block(context.get("request"), context.get("page"))
