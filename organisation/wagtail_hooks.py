from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from organisation.models import Person, Unit


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Cán bộ")
    list_display = ["name", "title", "role", "phone", "email"]
    list_filter = ["role"]
    ordering = ["role", "sort_order", "name"]
    search_fields = ["name", "title"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "kind", "head", "phone"]
    list_filter = ["kind"]
    ordering = ["kind", "sort_order", "name"]
    search_fields = ["name"]


class OrganisationGroup(SnippetViewSetGroup):
    items = (PersonViewSet, UnitViewSet)
    menu_icon = "group"
    menu_label = _("Cơ cấu tổ chức")
    menu_name = "co-cau-to-chuc"


register_snippet(OrganisationGroup)
