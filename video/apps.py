from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class VideoConfig(AppConfig):
    name = "video"
    verbose_name = _("Tin video")

    portal = ContentApp(
        publications=["VideoPage"],
        public_media=["video"],  # the uploaded clips and their captions (upload_to)
        site_sections=Part("video.demo.ensure_section", order=20),
        demo=Part("video.demo.load", order=20),
        sidebar_blocks=[Part("video.sidebar.sidebar_block", order=10)],
        legacy_import={
            "video": {
                "model": "VideoPage",
                "parent": "VideoIndexPage",
                "body": "description",
                "fields": {"video_url": "video_url"},
            },
        },
        generate={
            "videos": {
                "model": "VideoPage",
                "parent": "VideoIndexPage",
                "fields": {"video_url": "https://www.youtube.com/watch?v=M7lc1UVf-VE"},
            }
        },
    )
