"""What other code may call: starting values and the current numbers.

from portal.stats import api
api.set_initial_total(46_012_327)
api.set_initial_views(page, 3134)
api.numbers(page)  # Numbers(views=…, online=…, total=…)
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from hitcount.models import HitCount

from . import clock
from .models import DailyPageViews, SiteTotal
from .stores import get_store

SIDEBAR_KEY = "stats:sidebar"


def _specific_ref(page):
    """(content type id, pk) of the page as its specific model (hitcount's key)."""
    return page.content_type_id, page.pk


def set_initial_total(n):
    """The old site's total visits; visits counted here are added on top."""
    n = int(n)
    if n < 0:
        raise ValueError("total must be ≥ 0")
    with transaction.atomic():
        row, _ = SiteTotal.objects.select_for_update().get_or_create(pk=1)
        row.imported = n
        row.save(update_fields=["imported"])
    get_store().invalidate(total=True)
    cache.delete(SIDEBAR_KEY)


def initial_total_is_set():
    return SiteTotal.objects.filter(pk=1, imported__gt=0).exists()


def set_initial_views(page, count):
    """Set a page's imported view count: ``HitCount.hits`` becomes ``count`` plus the
    views this site has counted for it so far (flushed daily rows), so importing twice
    gives the same result and no counted view is lost."""
    count = int(count)
    if count < 0:
        raise ValueError("count must be ≥ 0")
    ct_id, pk = _specific_ref(page)
    with transaction.atomic():
        counted = DailyPageViews.objects.filter(content_type_id=ct_id, object_pk=pk).aggregate(n=Sum("views"))["n"] or 0
        row, _ = HitCount.objects.select_for_update().get_or_create(content_type_id=ct_id, object_pk=pk)
        row.hits = count + counted
        row.save(update_fields=["hits", "modified"])
    get_store().invalidate(pages=[(ct_id, pk)])
    return row.hits


def page_views(page):
    if page is None or not getattr(page, "pk", None):
        return 0
    ct_id, pk = _specific_ref(page)
    return get_store().page_views(ct_id, pk) or 0


def numbers(page=None):
    ct_id, pk = _specific_ref(page) if page is not None else (None, None)
    return get_store().read(ct_id, pk, clock.now())


def sidebar_numbers():
    """(online, total) for the statistics block: a cache hit, or one read."""
    value = cache.get(SIDEBAR_KEY)
    if value is None:
        n = get_store().read(None, None, clock.now())
        value = (n.online, n.total)
        cache.set(SIDEBAR_KEY, value, 15)
    return value
