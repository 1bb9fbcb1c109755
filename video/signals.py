"""Keep the cached *Tin video* block in step with what editors publish."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from video.models import VideoIndexPage, VideoPage
from video.sidebar import bump_version

VIDEO_MODELS = (VideoPage, VideoIndexPage)


@receiver(page_published)
@receiver(page_unpublished)
def video_page_changed(sender, instance, **kwargs):
    if isinstance(instance, VIDEO_MODELS):
        bump_version()


@receiver(post_delete, sender=VideoPage)
@receiver(post_delete, sender=VideoIndexPage)
def video_page_deleted(sender, instance, **kwargs):
    bump_version()


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    bump_version()  # a video, or a page above one, may have a new address
