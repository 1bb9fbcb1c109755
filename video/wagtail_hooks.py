from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail import hooks

SIDEBAR_MORE_COUNT = 4


def sidebar_videos(page=None, count=SIDEBAR_MORE_COUNT + 1):
    """The newest videos in the visitor's language: three queries (view restrictions,
    the videos with their posters, the posters' renditions) whatever the number of videos."""
    from video.models import VideoPage, videos_with_posters

    videos = VideoPage.objects.live().public()
    if getattr(page, "locale_id", None):
        videos = videos.filter(locale_id=page.locale_id)
    else:
        videos = videos.filter(locale__language_code=get_language())
    videos = videos.order_by("-first_published_at", "-pk").defer_streamfields()
    return list(videos_with_posters(videos)[:count])


@hooks.register("portal_sidebar_blocks", order=10)
def video_sidebar_block(context):
    request = context.get("request")
    videos = sidebar_videos(context.get("page"))
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


@hooks.register("portal_load_demo", order=20)
def load_demo(home, stdout):
    from video.demo import load

    load(home, stdout)
