"""Privacy-friendly video embeds built from a YouTube or Vimeo address.

No network call is made: the address is parsed and the player URL is built from the
video id (``youtube-nocookie.com`` for YouTube, ``player.vimeo.com`` with ``dnt=1``).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{4,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class VideoEmbed:
    provider: str
    video_id: str

    @property
    def embed_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"

    @property
    def watch_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def provider_name(self):
        return "YouTube" if self.provider == "youtube" else "Vimeo"


def parse_video_url(url):
    """Return a :class:`VideoEmbed` for a YouTube/Vimeo address, or ``None``."""
    if not url or len(url) > 500:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    candidate = None
    if host in {"youtu.be", "www.youtu.be"} and segments:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            candidate = segments[1]
        if candidate and YOUTUBE_ID.match(candidate):
            return VideoEmbed("youtube", candidate)
        return None
    elif host in VIMEO_HOSTS and segments:
        candidate = segments[-1] if host == "player.vimeo.com" else segments[0]
        if VIMEO_ID.match(candidate):
            return VideoEmbed("vimeo", candidate)
        return None
    if candidate and YOUTUBE_ID.match(candidate):
        return VideoEmbed("youtube", candidate)
    return None


def validate_video_url(url):
    if url and parse_video_url(url) is None:
        raise ValidationError(
            _(
                "Địa chỉ video không hợp lệ: chỉ nhận địa chỉ YouTube hoặc Vimeo, ví dụ https://www.youtube.com/watch?v=…"
            )
        )
