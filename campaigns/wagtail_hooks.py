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


@hooks.register("portal_home_sections")
def latest_plans(context):
    """``Kế hoạch mới`` on the home page (cached; see campaigns/home_section.py)."""
    from campaigns import home_section

    return home_section.render(context)


@hooks.register("portal_site_sections", order=50)
def site_sections(home, stdout):
    """This app's sections (listings, no content) for ``setup_site`` and ``load_demo``."""
    from campaigns.demo import ensure_sections

    ensure_sections(home, stdout)


@hooks.register("portal_load_demo", order=50)
def load_demo(home, stdout):
    from campaigns.demo import load

    load(home, stdout)
