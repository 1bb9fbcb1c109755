"""Public uploads served by the app when no web server in front does (`make run` with
DEBUG off). Only what is public anyway: image renditions and originals, videos and their
captions. Documents never: they go through Wagtail's /documents/ view, which checks the
collection's privacy. A path that leaves MEDIA_ROOT, names a folder or anything else is
a 404."""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

from portal import registry

# Wagtail's images; content apps add their own folders (registry: ``public_media``).
PUBLIC_MEDIA_FOLDERS = ("images", "original_images")


@require_safe
def public_media(request, path):
    parts = PurePosixPath(path).parts
    if (
        not parts
        or parts[0] not in (*PUBLIC_MEDIA_FOLDERS, *registry.public_media_folders())
        or any(p in {"..", "."} or p.startswith(".") for p in parts)
    ):
        raise Http404("not a public upload")
    # serve() resolves the path inside MEDIA_ROOT (safe_join) and 404s for folders.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
