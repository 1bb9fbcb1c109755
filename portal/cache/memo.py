"""The one in-process memo: a small thread-safe LRU whose entries may expire.

Used for the fragment stores (``portal.cache.fragments``), the rendered pages' first level
(``portal.cache.http``), the beacon's lookups (``portal.stats.lookups``) and, one per
request, for values several templates of the same view ask for (``for_request``).
"""

import threading
import time
from collections import OrderedDict

_MISSING = object()


class Memo:
    """At most ``max_entries`` values (the least recently used leave first), each kept
    ``timeout`` seconds (None: until cleared)."""

    def __init__(self, max_entries=None, timeout=None):
        self.max_entries = max_entries
        self.timeout = timeout
        self.data = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, default=None):
        with self.lock:
            item = self.data.get(key, _MISSING)
            if item is _MISSING:
                return default
            value, expires = item
            if expires is not None and expires < time.monotonic():
                del self.data[key]
                return default
            self.data.move_to_end(key)
            return value

    def set(self, key, value, timeout=_MISSING):
        timeout = self.timeout if timeout is _MISSING else timeout
        expires = None if timeout is None else time.monotonic() + timeout
        with self.lock:
            self.data[key] = (value, expires)
            self.data.move_to_end(key)
            if self.max_entries is not None:
                while len(self.data) > self.max_entries:
                    self.data.popitem(last=False)

    def get_or_set(self, key, compute, timeout=_MISSING):
        """The kept value, or ``compute()`` kept (None is kept too)."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.set(key, value, timeout)
        return value

    def pop(self, key):
        with self.lock:
            self.data.pop(key, None)

    def clear(self):
        with self.lock:
            self.data.clear()

    def __len__(self):
        return len(self.data)


def for_request(request):
    """The memo of one request (nothing expires; it goes with the request), or a fresh one
    when there is no request."""
    if request is None:
        return Memo()
    memo = getattr(request, "_portal_memo", None)
    if memo is None:
        memo = request._portal_memo = Memo()
    return memo


def per_request(request, key, compute):
    """``compute()`` once per request, however many templates ask for it."""
    return for_request(request).get_or_set(key, compute)
