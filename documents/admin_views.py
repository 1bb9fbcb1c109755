"""The admin's "Văn bản" listing (filterable by number, type, field, validity and year) and
the list of files that have no text to search (scans)."""

import unicodedata

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from documents import document_numbers as numbers
from documents.files import reindex_pages_with
from documents.models import DocumentKind, DocumentPage, FileText, Topic, Validity, validity_q
from portal.core.params import parse_int


def _year_choices(request=None):
    years = DocumentPage.objects.order_by().dates("issue_date", "year", order="DESC")
    return [(d.year, str(d.year)) for d in years]


def _kind_choices(request=None):
    return list(DocumentKind.objects.values_list("code", "name"))


class DocumentFilters:
    """The number and year filters of an admin listing of documents (plans use them too)."""

    def filter_year(self, queryset, name, value):
        # Only years offered as choices get here (the form validates them).
        year = parse_int(str(value), minimum=1, maximum=9999)
        return queryset.filter(issue_date__year=year) if year is not None else queryset.none()

    def filter_document_number(self, queryset, name, value):
        value = numbers.normalise(value)
        return queryset.filter(document_number__icontains=value) if value else queryset


class DocumentOrderings:
    """An admin listing of documents: newest first, sortable by date and number."""

    default_ordering = "-issue_date"

    def get_valid_orderings(self):
        return super().get_valid_orderings() + ["issue_date", "-issue_date", "document_number", "-document_number"]


class DocumentFilterSet(DocumentFilters, PageFilterSet):
    document_number = django_filters.CharFilter(
        label=_("Số ký hiệu"),
        method="filter_document_number",
        help_text=_("Một phần số ký hiệu, ví dụ “57/QĐ” hoặc “SNV”."),
    )
    document_type = django_filters.ChoiceFilter(
        label=_("Loại văn bản"), choices=_kind_choices, empty_label=_("Tất cả"), help_text=_("Hình thức văn bản.")
    )
    topics = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"),
        queryset=Topic.objects.all(),
        empty_label=_("Tất cả"),
        widget=forms.Select,
        help_text=_("Văn bản thuộc lĩnh vực này."),
    )
    validity = django_filters.ChoiceFilter(
        label=_("Tình trạng hiệu lực"),
        method="filter_validity",
        choices=Validity.choices,
        empty_label=_("Tất cả"),
        help_text=_("Theo ngày hiệu lực hoặc tình trạng biên tập viên chọn."),
    )
    year = django_filters.ChoiceFilter(
        label=_("Năm ban hành"),
        method="filter_year",
        choices=_year_choices,
        empty_label=_("Tất cả"),
        help_text=_("Năm của ngày ban hành."),
    )

    class Meta:
        model = DocumentPage
        fields = []

    def filter_validity(self, queryset, name, value):
        return queryset.filter(validity_q(value))


class DocumentIndexView(DocumentOrderings, IndexView):
    pass


class DocumentListingViewSet(PageListingViewSet):
    model = DocumentPage
    index_view_class = DocumentIndexView
    filterset_class = DocumentFilterSet
    icon = "doc-full"
    menu_label = _("Văn bản")
    menu_order = 205
    add_to_admin_menu = True
    name = "van_ban"
    columns = [
        PageListingViewSet.columns[0],
        PageListingViewSet.columns[1],
        Column("document_number", label=_("Số ký hiệu"), sort_key="document_number", width="14%"),
        Column("issue_date_display", label=_("Ngày ban hành"), sort_key="issue_date", width="12%"),
        Column("validity_label", label=_("Tình trạng hiệu lực"), width="14%"),
        *[col for col in PageListingViewSet.columns if col.name == "status"],
    ]


class FileTextForm(WagtailAdminModelForm):
    """The text an editor types for a scan: searchable at once (the pages using the file
    are indexed again)."""

    class Meta:
        model = FileText
        fields = ["text"]

    def save(self, commit=True):
        record = super().save(commit=False)
        record.text = " ".join(unicodedata.normalize("NFC", record.text).split())
        record.state = FileText.State.OK if record.text else FileText.State.EMPTY
        if commit:
            record.save()
            reindex_pages_with(record.document_id)
        return record


class UnreadableFilesViewSet(ModelViewSet):
    """Tệp chưa có văn bản để tìm kiếm: scans and files that could not be read. An editor
    may type (or paste from an OCR tool) the text of such a file here."""

    model = FileText
    icon = "warning"
    menu_label = _("Tệp chưa có văn bản để tìm kiếm")
    menu_order = 206
    add_to_admin_menu = True
    name = "tep_chua_co_van_ban"
    list_display = ["document", "state", "extracted_at"]
    list_filter = ["state"]
    form_fields = ["text"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return FileTextForm

    def get_queryset(self, request):
        # A file an editor has given a text stays listed until it is no longer "empty".
        return FileText.objects.exclude(state__in=[FileText.State.OK, FileText.State.UNSUPPORTED]).select_related(
            "document"
        )
