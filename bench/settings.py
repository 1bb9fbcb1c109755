"""Production settings plus the bench's reference view (bench/urls.py). Set by bench/run."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
