"""The test settings (no collectstatic needed) plus the bench's trivial view (bench/urls.py):
the servers of bench/beacon_bench.py. The trivial view is never in the portal's own URLs."""

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
