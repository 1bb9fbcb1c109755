"""The publication generation: the one thing every server-side cache entry is keyed by.

Every publish, unpublish, move, delete, view-restriction change and snippet or settings
edit writes a Wagtail log entry; the generation is the newest log entry ids. Each process
re-reads it at most once every ``PORTAL_CACHE_CHECK_SECONDS`` (and at its next request
after a change it made itself, ``expire()``), so no cached page or fragment outlives a
publication by more than that interval on any app server. When it changes, the
in-process memos registered with ``forget_on_change`` are emptied.
"""

import threading
import time

from django.conf import settings

from portal.cache.wagtail_internals import newest_log_entry_ids


class Generation:
    def __init__(self):
        self.value = None
        self.checked_at = 0.0
        self.stale = True
        self.lock = threading.Lock()
        self.memos = []

    def forget_on_change(self, memo):
        """Empty ``memo`` whenever the generation changes (and in ``clear_memos``)."""
        self.memos.append(memo)
        return memo

    def clear_memos(self):
        for memo in self.memos:
            memo.clear()

    def get(self, force=False):
        now = time.monotonic()
        interval = getattr(settings, "PORTAL_CACHE_CHECK_SECONDS", 1.0)
        if force or self.stale or now - self.checked_at >= interval:
            value = newest_log_entry_ids()
            with self.lock:
                if value != self.value:
                    self.clear_memos()
                self.value = value
                self.checked_at = now
                self.stale = False
        return self.value

    def expire(self):
        """Make the next ``get`` read the database (after a change this process made)."""
        self.stale = True


generation = Generation()


def clear_local_caches():
    """Forget everything this process keeps (tests; a new generation does it by itself)."""
    generation.clear_memos()
