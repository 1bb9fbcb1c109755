"""``Kế hoạch mới`` on the home page, cached until a plan is published, unpublished,
moved or deleted (so the home page pays no query for it on a warm cache)."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.template.loader import render_to_string
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaigns.models import PlanIndexPage, PlanPage

CACHE_KEY = "campaigns:home-latest-plans"
CACHE_TIMEOUT = 600
COUNT = 5


def render(context):
    """The section's HTML for the home page in ``context``: at most two queries when not cached."""
    page = context.get("page")
    home_id = getattr(page, "pk", None)
    cached = cache.get(CACHE_KEY) or {}
    if home_id is not None and home_id in cached:
        return cached[home_id]
    plans = PlanPage.objects.live().public()
    if page is not None and getattr(page, "locale_id", None):
        plans = plans.filter(locale_id=page.locale_id)
    latest = list(plans.order_by("-issue_date", "-first_published_at", "-pk").only(*PlanPage.LIST_FIELDS)[:COUNT])
    html = ""
    if latest:
        # The listing the newest plan belongs to ("Xem tất cả kế hoạch"): no view-restriction query needed,
        # its plans are public so it is too.
        index = (
            PlanIndexPage.objects.live()
            .filter(path=latest[0].path[: -PlanPage.steplen])
            .only("id", "title", "url_path", "path", "depth", "locale_id")
            .first()
        )
        html = render_to_string(
            "campaigns/includes/home_latest_plans.html",
            {"plans": latest, "index": index, "request": context.get("request")},
        )
    if home_id is not None:
        cached[home_id] = html
        cache.set(CACHE_KEY, cached, CACHE_TIMEOUT)
    return html


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    for model in (PlanPage, PlanIndexPage):
        page_published.connect(forget, sender=model, dispatch_uid=f"campaigns-home-published-{model.__name__}")
        page_unpublished.connect(forget, sender=model, dispatch_uid=f"campaigns-home-unpublished-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"campaigns-home-deleted-{model.__name__}")
    post_page_move.connect(forget, dispatch_uid="campaigns-home-moved")
