from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from links.models import LinkGroup


class LinkGroupViewSet(SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = _("Liên kết website")
    list_display = ["name", "sort_order", "show_on_home"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]


register_snippet(LinkGroupViewSet)
