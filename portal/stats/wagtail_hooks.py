from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from hitcount.models import HitCount
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views, api

DEMO_TOTAL = 46_012_327


def stats_sidebar_block(context):
    from django.conf import settings

    if not settings.PORTAL_STATS_ENABLED:
        return ""
    online, total = api.sidebar_numbers()
    return render_to_string("stats/sidebar_block.html", {"online": online, "total": total})


# Live numbers: read at each render (at most 15 s old, api.sidebar_numbers), not kept until
# the next publication with the other sidebar blocks; stats.js then shows the beacon's.
stats_sidebar_block.portal_cache = False


def load_demo_total(home, stdout):
    if not api.initial_total_is_set():
        api.set_initial_total(DEMO_TOTAL)
        stdout.write(f"Thống kê truy cập: tổng ban đầu {DEMO_TOTAL}")


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [
        path("thong-ke/", admin_views.ReportView.as_view(), name="stats_report"),
        path("thong-ke/export.csv", admin_views.export_csv, name="stats_export"),
        path("thong-ke/export.xlsx", admin_views.export_xlsx, name="stats_export_xlsx"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_stats_menu_item():
    return ReportMenuItem(_("Thống kê truy cập"), reverse("stats_report"), icon_name="view", order=900)


class EditOnlyPolicy(ModelPermissionPolicy):
    """Rows are created by counting; editors correct numbers but add nothing by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "copy") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class HitCountViewSet(ModelViewSet):
    """Lượt xem per page, editable (e.g. to correct an imported starting value)."""

    model = HitCount
    copy_view_enabled = False
    icon = "view"
    menu_label = _("Lượt xem bài viết")
    add_to_admin_menu = False
    url_prefix = "luot-xem"
    # hitcount's fields carry no labels of their own: name them here.
    panels = [FieldPanel("hits", heading=_("Lượt xem"))]
    list_display = [
        Column("__str__", label=_("Trang")),
        Column("hits", label=_("Lượt xem")),
        UpdatedAtColumn(accessor="modified"),
    ]
    search_fields = None
    ordering = ["-hits"]


register_permission_policy(HitCount, EditOnlyPolicy(HitCount))
hitcount_viewset = HitCountViewSet("stats_hitcount")


@hooks.register("register_admin_viewset")
def register_hitcount_viewset():
    return hitcount_viewset
