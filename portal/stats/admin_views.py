"""The "Thống kê truy cập" report in the Wagtail admin, and its exports (XLSX and CSV)."""

import csv
import io

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


def _columns():
    return [_("Ngày"), _("Lượt truy cập"), _("Lượt xem trang"), _("Người truy cập")]


def export_csv(request):
    """CSV for Excel as the department's computers have it: Vietnamese regional settings
    separate list items with ";" (a comma is their decimal mark), so the columns are split
    by ";"; a BOM makes Excel read UTF-8; days are dd/mm/yyyy. The XLSX export has real
    date and number cells for any other use."""
    _check(request)
    days = _days(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-truy-cap-{days}-ngay.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(_columns())
    for day, visits, views, visitors in report.daily_series(days):
        writer.writerow([day.strftime("%d/%m/%Y"), visits, views, visitors])
    return response


def export_xlsx(request):
    """The same figures as an Excel workbook: real date cells (shown dd/mm/yyyy) and number
    cells (thousands grouped by Excel's own regional settings), a total row, and the most
    read pages of the period on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    _check(request)
    days = _days(request)
    series = report.daily_series(days)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Theo ngày")
    sheet.append(_columns())
    for day, visits, views, visitors in series:
        sheet.append([day, visits, views, visitors])
    last = sheet.max_row
    sheet.append([_("Tổng"), f"=SUM(B2:B{last})", f"=SUM(C2:C{last})", None])
    for row in sheet.iter_rows(min_row=2, max_row=last):
        row[0].number_format = "DD/MM/YYYY"
        for cell in row[1:]:
            cell.number_format = "#,##0"
    for cell in sheet[1] + sheet[last + 1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (14, 16, 18, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    top = workbook.create_sheet(_("Đọc nhiều nhất"))
    top.append([_("Trang"), _("Địa chỉ"), _("Lượt xem")])
    for page, views in report.most_read(days, limit=50):
        top.append([page.title, page.url or "", views])
        top.cell(row=top.max_row, column=3).number_format = "#,##0"
    for cell in top[1]:
        cell.font = Font(bold=True)
    top.column_dimensions["A"].width = 70
    top.column_dimensions["B"].width = 50
    top.column_dimensions["C"].width = 12

    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="thong-ke-truy-cap-{days}-ngay.xlsx"'
    return response
