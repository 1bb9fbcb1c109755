"""Importing procedures in the admin: upload the public-service portal's CSV or XLSX."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from procedures.importing import import_file

MAX_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách thủ tục"),
        help_text=gettext_lazy(
            "Tệp CSV (UTF-8) hoặc Excel (XLSX) xuất từ Cổng Dịch vụ công, có các cột Mã thủ tục, Tên thủ tục, "
            "Lĩnh vực, Mức độ (và nếu có: Cơ quan thực hiện, đường dẫn Cổng DVC tỉnh, Cổng DVC quốc gia)."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, chưa lưu"), required=False, help_text=gettext_lazy("Xem trước báo cáo lỗi.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp CSV hoặc Excel (XLSX) xuất từ Cổng Dịch vụ công."))
        return upload


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "procedures/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Nhập thủ tục hành chính từ tệp")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["procedures.add_procedure", "procedures.change_procedure"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        report = import_file(upload.read(), upload.name, user=self.request.user, dry_run=dry_run)
        return self.render_to_response(self.get_context_data(form=form, report=report, dry_run=dry_run))
