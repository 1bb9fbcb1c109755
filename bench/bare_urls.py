from django.http import JsonResponse
from django.urls import path


def trivial(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("_bench/trivial", trivial)]
