"""Every cache of the portal (README "Bộ nhớ đệm"):

- ``generation``: the publication generation every server-side entry is keyed by;
- ``memo``: the one in-process memo (also per request);
- ``fragments``: ``cached(key, compute)``, listings' counts and rows, ``public()``;
- ``http``: Cache-Control headers, the page cache, the request's site and route;
- ``purge``: the URLs nginx and a CDN refresh after a publication;
- ``backends``: the Redis cache that degrades to misses;
- ``wagtail_internals``: the only module that touches Wagtail's private parts.
"""
