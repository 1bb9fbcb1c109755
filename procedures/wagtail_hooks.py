from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from procedures.admin_views import ImportView
from procedures.models import Procedure, ProcedureField


class ProcedureIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perms(["procedures.add_procedure", "procedures.change_procedure"]):
            buttons.append(
                HeaderButton(_("Nhập từ tệp CSV/XLSX"), url=reverse("procedures_import"), icon_name="upload")
            )
        return buttons


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = _("Thủ tục")
    index_view_class = ProcedureIndexView
    list_display = ["code", "name", "field", "level"]
    list_filter = ["field", "level", "active"]
    search_fields = ["code", "name"]
    ordering = ["field__sort_order", "code"]


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class ProceduresGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, ProcedureFieldViewSet)
    menu_icon = "list-ul"
    menu_label = _("Thủ tục hành chính")
    menu_name = "thu-tuc-hanh-chinh"


register_snippet(ProceduresGroup)


@hooks.register("register_admin_urls")
def procedures_admin_urls():
    return [path("thu-tuc-hanh-chinh/nhap-tep/", ImportView.as_view(), name="procedures_import")]
