"""``Kế hoạch mới`` on the home page (declared in ``campaigns/apps.py``; the core keeps
its HTML until the next publication, so a warm home page pays no query for it)."""

from django.template.loader import render_to_string

from campaigns.models import PlanIndexPage, PlanPage

COUNT = 5


def render(context):
    """The section's HTML for the home page in ``context``: at most two queries when not cached."""
    page = context.get("page")
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
    return html
