from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = NewsCategory._meta.verbose_name_plural
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("portal_home_sections", order=-10)
def latest_news_by_category(context):
    """Tin mới theo chuyên mục on the home page: three queries when not cached, whatever
    the number of news items."""
    from news.home import cached_section

    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return ""
    return cached_section(context.get("request"), locale_id)


@hooks.register("portal_site_sections", order=10)
def site_sections(home, stdout):
    """This app's sections (listings, no content) for ``setup_site`` and ``load_demo``."""
    from news.demo import ensure_section

    ensure_section(home, stdout)


@hooks.register("portal_load_demo", order=10)
def load_demo(home, stdout):
    from news.demo import load

    load(home, stdout)
