"""The portal's URLs plus uploaded media, for browser tests (pytest-django's live server
serves static files but not media; production leaves media to the web server)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})] + portal_urlpatterns
