from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from schedule import admin_views
from schedule.models import ScheduleIndexPage, WeekSchedulePage


@hooks.register("register_admin_urls")
def schedule_admin_urls():
    return [
        path("lich-cong-tac/<int:index_id>/tuan-moi/", admin_views.new_week, name="schedule_new_week"),
        path("lich-cong-tac/tuan/<int:page_id>/chep-tuan-truoc/", admin_views.copy_previous, name="schedule_copy"),
    ]


def _buttons(page, user):
    page = page.specific_deferred if type(page).__name__ == "Page" else page
    if isinstance(page, ScheduleIndexPage) and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Thêm lịch tuần mới (chép việc định kỳ)"),
            reverse("schedule_new_week", args=[page.pk]),
            icon_name="date",
            priority=12,
        )
    if isinstance(page, WeekSchedulePage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Chép việc định kỳ từ tuần trước"),
            reverse("schedule_copy", args=[page.pk]),
            icon_name="copy",
            priority=12,
        )


@hooks.register("register_page_header_buttons")
def schedule_header_buttons(page, user, view_name=None, next_url=None):
    yield from _buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def schedule_listing_buttons(page, user, next_url=None):
    yield from _buttons(page, user)
