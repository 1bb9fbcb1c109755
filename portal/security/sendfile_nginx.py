"""``SENDFILE_BACKEND`` for Wagtail documents behind the shipped nginx.

Wagtail's document view checks the document's collection privacy, then hands the file to
this backend: the response carries only ``X-Accel-Redirect`` and nginx sends the bytes from
its ``internal`` location ``/media/documents/`` (deploy/nginx/portal.conf), so a large
download never holds an app worker. Enabled by ``PORTAL_SENDFILE_NGINX=1``.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from wagtail.utils import sendfile_streaming_backend


def sendfile(request, filename, **kwargs):
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        relative = Path(filename).resolve().relative_to(root)
    except ValueError:  # not under MEDIA_ROOT: nginx cannot reach it
        return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(f"{settings.MEDIA_URL.rstrip('/')}/{relative.as_posix()}")
    return response
