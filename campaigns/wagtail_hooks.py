from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.models import PlanIndexPage, PlanPage, RewardForm


class RewardFormViewSet(SnippetViewSet):
    model = RewardForm
    icon = "pick"
    list_display = ["name", "rank"]
    ordering = ["rank", "name"]


register_snippet(RewardFormViewSet)


@hooks.register("register_admin_viewset")
def register_plan_listing():
    from campaigns.admin_views import PlanListingViewSet

    return PlanListingViewSet()


HOME_PLAN_COUNT = 5


@hooks.register("portal_home_sections")
def latest_plans(context):
    """``Kế hoạch mới`` on the home page: two queries whatever the number of plans."""
    page = context.get("page")
    pages = PlanPage.objects.live().public()
    indexes = PlanIndexPage.objects.live().public()
    if page is not None and getattr(page, "locale_id", None):
        pages = pages.filter(locale_id=page.locale_id)
        indexes = indexes.filter(locale_id=page.locale_id)
    plans = list(
        pages.order_by("-issue_date", "-first_published_at", "-pk").only(*PlanPage.LIST_FIELDS)[:HOME_PLAN_COUNT]
    )
    if not plans:
        return ""
    index = indexes.order_by("path").only("id", "title", "url_path", "path", "depth", "locale_id").first()
    return render_to_string(
        "campaigns/includes/home_latest_plans.html",
        {"plans": plans, "index": index, "request": context.get("request")},
    )


@hooks.register("portal_load_demo", order=50)
def load_demo(home, stdout):
    from campaigns.demo import load

    load(home, stdout)
