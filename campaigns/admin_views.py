"""The "Kế hoạch" listing in the Wagtail admin: every plan, filterable by number, year and campaign."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from campaigns.models import CampaignPage, PlanPage
from documents.admin_views import DocumentFilters, DocumentOrderings


def _year_choices(request=None):
    years = PlanPage.objects.order_by().dates("issue_date", "year", order="DESC")
    return [(d.year, str(d.year)) for d in years]


class PlanFilterSet(DocumentFilters, PageFilterSet):
    document_number = django_filters.CharFilter(
        label=_("Số ký hiệu"),
        method="filter_document_number",
        help_text=_("Một phần số ký hiệu, ví dụ “57/KH” hoặc “SNV”."),
    )
    year = django_filters.ChoiceFilter(
        label=_("Năm ban hành"),
        method="filter_year",
        choices=_year_choices,
        empty_label=_("Tất cả"),
        help_text=_("Năm của ngày ban hành."),
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào thi đua"),
        queryset=CampaignPage.objects.order_by("-launch_start"),
        empty_label=_("Tất cả"),
        widget=forms.Select,
        help_text=_("Kế hoạch triển khai phong trào này."),
    )

    class Meta:
        model = PlanPage
        fields = []


class PlanIndexView(DocumentOrderings, IndexView):
    def annotate_queryset(self, pages):
        # The campaign column reads this instead of fetching each row's campaign (``specific()``
        # re-fetches the rows, so ``select_related`` would be lost; annotations are kept).
        return super().annotate_queryset(pages).annotate(campaign_title=F("campaign__title"))


class PlanListingViewSet(PageListingViewSet):
    model = PlanPage
    index_view_class = PlanIndexView
    filterset_class = PlanFilterSet
    icon = "doc-full-inverse"
    menu_label = _("Kế hoạch")
    menu_order = 210
    add_to_admin_menu = True
    name = "ke_hoach"
    columns = [
        PageListingViewSet.columns[0],  # bulk actions
        PageListingViewSet.columns[1],  # title with edit link
        Column("document_number", label=_("Số ký hiệu"), sort_key="document_number", width="14%"),
        Column("issue_date_display", label=_("Ngày ban hành"), sort_key="issue_date", width="12%"),
        Column("campaign_title", label=_("Phong trào thi đua"), width="22%"),
        *[col for col in PageListingViewSet.columns if col.name == "status"],
    ]
