"""Two admin actions on the schedule: a new week with the recurring items of the week
before, and copying those items into an existing week (both as drafts)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from schedule import copying, weeks
from schedule.models import ScheduleIndexPage, WeekSchedulePage


def _confirm(request, title, message, action, cancel_url):
    return TemplateResponse(
        request,
        "schedule/admin/confirm.html",
        {"page_title": title, "message": message, "action": action, "cancel_url": cancel_url},
    )


def _week_label(monday):
    return _("tuần %(week)s (từ %(first)s đến %(last)s)") % {
        "week": weeks.week_number(monday),
        "first": monday.strftime("%d/%m/%Y"),
        "last": weeks.days_of(monday)[6].strftime("%d/%m/%Y"),
    }


def new_week(request, index_id):
    index = get_object_or_404(ScheduleIndexPage, pk=index_id)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    monday = copying.next_monday(index)
    existing = copying.week_page(index, monday)
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if request.method != "POST":
        return _confirm(
            request,
            _("Thêm lịch tuần mới"),
            _("Tạo bản nháp lịch công tác %(week)s, chép sẵn các việc “lặp lại hằng tuần” của tuần trước.")
            % {"week": _week_label(monday)},
            _("Tạo lịch tuần mới"),
            reverse("wagtailadmin_explore", args=[index.pk]),
        )
    from django.contrib import messages

    page, added = copying.create_week(index, monday, request.user)
    messages.success(
        request,
        _("Đã tạo bản nháp lịch %(week)s với %(count)s việc định kỳ chép từ tuần trước.")
        % {"week": _week_label(monday), "count": added},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def copy_previous(request, page_id):
    page = get_object_or_404(WeekSchedulePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method != "POST":
        return _confirm(
            request,
            _("Chép việc định kỳ từ tuần trước"),
            _(
                "Thêm vào lịch %(week)s các việc “lặp lại hằng tuần” của tuần trước (việc đã có thì không chép "
                "lại). Thay đổi được lưu thành bản nháp."
            )
            % {"week": _week_label(page.week_start)},
            _("Chép việc định kỳ"),
            edit_url,
        )
    from django.contrib import messages

    added, source = copying.copy_into(page, request.user)
    if source is None:
        messages.warning(request, _("Chưa có lịch của tuần trước để chép."))
    elif not added:
        messages.info(request, _("Không có việc định kỳ nào mới để chép: lịch tuần này đã có đủ."))
    else:
        messages.success(request, _("Đã chép %(count)s việc định kỳ từ tuần trước vào bản nháp.") % {"count": added})
    return redirect(edit_url)
