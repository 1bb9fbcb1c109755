"""The portal's URLs plus a trivial JSON view, the reference every figure is divided by."""

from django.http import JsonResponse
from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("_bench/trivial", trivial), *portal_urlpatterns]
