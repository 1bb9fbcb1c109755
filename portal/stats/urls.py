from django.conf import settings
from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("hit", views.beacon, name="beacon"),
]

if settings.PORTAL_BENCH_ENDPOINTS:  # bench/beacon_bench.py only
    urlpatterns.append(path("_bench/ping", views.bench_ping, name="bench_ping"))
