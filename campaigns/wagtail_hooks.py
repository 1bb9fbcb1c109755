from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.models import RewardForm


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
