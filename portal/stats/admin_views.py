"""The "Thống kê truy cập" report in the Wagtail admin, and its CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import api, charts, clock, report

PERMISSION = "stats.view_dailytotal"


def _days(request):
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    return days if days in report.PERIODS else 30


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "stats/admin/report.html"
    page_title = gettext_lazy("Thống kê truy cập")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        _check(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = _days(self.request)
        series = report.daily_series(days)
        numbers = api.numbers()
        total_visits = sum(row[1] for row in series)
        context.update(
            days=days,
            periods=report.PERIODS,
            series=series,
            total_visits=total_visits,
            total_views=sum(row[2] for row in series),
            chart=charts.bar_chart(
                [(row[0], row[1]) for row in series],
                _("Lượt truy cập mỗi ngày trong %(days)s ngày qua") % {"days": days},
                _("Biểu đồ cột: tổng %(visits)s lượt truy cập trong %(days)s ngày; số liệu chi tiết ở bảng bên dưới.")
                % {"visits": total_visits, "days": days},
            ),
            online=numbers.online,
            site_total=numbers.total,
            top_week=report.most_read(7),
            top_month=report.most_read(30),
            today=clock.local_day(clock.now()),
        )
        return context


def export_csv(request):
    _check(request)
    days = _days(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-truy-cap-{days}-ngay.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow([_("Ngày"), _("Lượt truy cập"), _("Lượt xem trang"), _("Người truy cập")])
    for day, visits, views, visitors in report.daily_series(days):
        writer.writerow([day.isoformat(), visits, views, visitors])
    return response
