"""Emulation campaigns (Phong trào thi đua) and plan announcements (Kế hoạch)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaigns.filters import PlanFilters
from documents.document_numbers import DocumentType
from documents.models import (
    SHORT_RICH_TEXT,
    AttachmentBase,
    DocumentMetadata,
    RelationBase,
    document_type_field,
    local_today,  # noqa: F401 - the default of an old migration (campaigns 0001)
)
from portal.cache.fragments import public
from portal.core import formatting
from portal.core.blocks import ArticleStreamBlock
from portal.core.page_tree import newest_others
from portal.core.views import paginate

# --- Reward forms (hình thức khen thưởng) -----------------------------------------------


class RewardForm(models.Model):
    """A form of reward (Huân chương Lao động, Bằng khen…); editors add their own."""

    name = models.CharField(
        _("tên hình thức khen thưởng"),
        max_length=255,
        unique=True,
        help_text=_("Ví dụ: Huân chương Lao động; Bằng khen của Thủ tướng Chính phủ; Giấy khen của Giám đốc Sở."),
    )
    rank = models.PositiveSmallIntegerField(
        _("thứ tự"),
        default=100,
        help_text=_("Số nhỏ đứng trước: hình thức cao hơn nên có số nhỏ hơn."),
    )

    panels = [FieldPanel("name"), FieldPanel("rank")]

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self):
        return self.name


# --- Campaigns --------------------------------------------------------------------------


class CampaignIndexPage(Page):
    """Thi đua - Khen thưởng: the list of emulation campaigns."""

    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text=_("Đoạn giới thiệu ngắn ở đầu trang danh sách phong trào thi đua."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = _("danh sách phong trào thi đua")
        verbose_name_plural = _("danh sách phong trào thi đua")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = (
            public(CampaignPage.objects.child_of(self).live())
            .order_by("-launch_start", "-first_published_at")
            .only(
                "id",
                "title",
                "url_path",
                "path",
                "depth",
                "locale_id",
                "launch_start",
                "launch_end",
                "launch_period_text",
                "status",
                "summary",
            )
        )
        context["campaigns"] = paginate(request, campaigns, 20)
        return context


class CampaignPage(Page):
    """Phong trào thi đua: purpose, content items, period, reward forms and its plans."""

    #: schema.org type of the page (portal.core.structured_data).
    schema_type = "Article"

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang phát động")
        ENDED = "ended", _("Đã kết thúc")

    class Kind(models.TextChoices):
        TOPICAL = "topical", _("Thi đua theo chuyên đề")
        REGULAR = "regular", _("Thi đua thường xuyên")

    summary = models.TextField(
        _("tóm tắt"),
        blank=True,
        help_text=_("Một hai câu giới thiệu phong trào; hiển thị trong danh sách và kết quả tìm kiếm."),
    )
    kind = models.CharField(
        _("hình thức tổ chức"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.TOPICAL,
        help_text=_("Theo Điều 16, 17 Luật Thi đua, khen thưởng năm 2022: thường xuyên hoặc theo chuyên đề."),
    )
    purpose = RichTextField(
        _("mục đích"),
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text=_("Mục đích, yêu cầu của phong trào thi đua."),
    )
    launch_start = models.DateField(
        _("bắt đầu phát động"),
        help_text=_("Ngày bắt đầu phát động phong trào."),
    )
    launch_end = models.DateField(
        _("kết thúc"),
        null=True,
        blank=True,
        help_text=_("Ngày kết thúc, nếu đã xác định. Để trống nếu thời hạn ghi bằng lời ở ô bên dưới."),
    )
    launch_period_text = models.CharField(
        _("thời gian phát động (ghi bằng lời)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Ví dụ: “Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát trên phạm vi "
            "toàn quốc.” Nếu điền, dòng này được hiển thị thay cho ngày bắt đầu, kết thúc."
        ),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("“Đã kết thúc” khi phong trào đã tổng kết."),
    )
    reward_forms = ParentalManyToManyField(
        RewardForm,
        blank=True,
        related_name="campaigns",
        verbose_name=_("hình thức khen thưởng"),
        help_text=_("Chọn các hình thức khen thưởng của phong trào. Thêm hình thức mới trong mục Đoạn nội dung."),
    )
    body = StreamField(
        ArticleStreamBlock(),
        blank=True,
        verbose_name=_("nội dung khác"),
        help_text=_("Thông tin thêm về phong trào (không bắt buộc)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        FieldPanel("purpose"),
        InlinePanel(
            "content_items",
            label=_("Nội dung thi đua"),
            heading=_("Nội dung thi đua"),
            help_text=_("Các nội dung thi đua, theo thứ tự hiển thị."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("launch_start"), FieldPanel("launch_end")]),
                FieldPanel("launch_period_text"),
                FieldPanel("status"),
            ],
            heading=_("Thời gian phát động"),
        ),
        FieldPanel("reward_forms", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("launch_period_text"),
        index.FilterField("status"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def clean(self):
        super().clean()
        if self.launch_start and self.launch_end and self.launch_end < self.launch_start:
            raise ValidationError({"launch_end": _("Ngày kết thúc phải sau ngày bắt đầu phát động.")})

    @property
    def launch_period_display(self):
        if self.launch_period_text:
            return self.launch_period_text
        if self.launch_start and self.launch_end:
            return _("Từ %(start)s đến %(end)s") % {
                "start": formatting.date(self.launch_start),
                "end": formatting.date(self.launch_end),
            }
        if self.launch_start:
            return _("Từ %(start)s") % {"start": formatting.date(self.launch_start)}
        return ""

    def implementing_plans(self):
        """Live, public plans that implement this campaign, newest first (one query)."""
        return (
            PlanPage.objects.live()
            .public()
            .filter(campaign=self)
            .order_by("-issue_date", "-first_published_at")
            .only(*PlanPage.LIST_FIELDS)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = list(self.implementing_plans())
        context["content_items_list"] = list(self.content_items.all())
        context["reward_forms_list"] = list(self.reward_forms.all())
        return context


class CampaignContentItem(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="content_items")
    text = models.TextField(
        _("nội dung thi đua"),
        help_text=_("Một nội dung thi đua, ví dụ: “Thi đua phát huy sáng kiến, giải pháp trong thực hiện nhiệm vụ…”."),
    )

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("nội dung thi đua")
        verbose_name_plural = _("nội dung thi đua")

    def __str__(self):
        return self.text[:80]


# --- Plans ------------------------------------------------------------------------------


class PlanIndexPage(Page):
    """Kế hoạch: every plan, newest first, filterable by year, issuing body and campaign."""

    PER_PAGE = 15

    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text=_("Đoạn giới thiệu ngắn ở đầu trang danh sách kế hoạch."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.PlanPage"]

    class Meta:
        verbose_name = _("danh sách kế hoạch")
        verbose_name_plural = _("danh sách kế hoạch")

    def plans(self):
        return public(PlanPage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = self.plans()
        filters = PlanFilters(request.GET, plans)
        results = (
            filters.apply(plans)
            .order_by("-issue_date", "-first_published_at", "-pk")
            .select_related("campaign")
            .only(*PlanPage.LIST_FIELDS, "campaign__title", "campaign__url_path", "campaign__id")
        )
        context["filters"] = filters
        context["plans"] = paginate(request, results, self.PER_PAGE)
        context["query_string"] = filters.query_string()
        return context


class PlanPage(DocumentMetadata, Page):  # noqa: DJ008 - Page.__str__
    """Kế hoạch: an official plan — a document (``documents.DocumentMetadata``: number, dates,
    signer, validity, fields, relations, files) with its campaign and text."""

    LIST_FIELDS = (*DocumentMetadata.LIST_FIELDS, "campaign_id")

    document_type = document_type_field(default=DocumentType.KE_HOACH.value)
    implements = models.CharField(
        _("thực hiện văn bản"),
        max_length=500,
        blank=True,
        help_text=_(
            "Văn bản cấp trên mà kế hoạch này triển khai, ví dụ “Kế hoạch số 3510/KH-UBND ngày 30/9/2021 "
            "của Ủy ban nhân dân tỉnh”."
        ),
    )
    campaign = models.ForeignKey(
        CampaignPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("phong trào thi đua"),
        help_text=_("Phong trào thi đua mà kế hoạch này triển khai (nếu có)."),
    )
    body = StreamField(
        ArticleStreamBlock(),
        blank=True,
        verbose_name=_("nội dung"),
        help_text=_("Toàn văn hoặc nội dung chính của kế hoạch."),
    )

    content_panels = (
        Page.content_panels
        + [DocumentMetadata.metadata_panel(FieldPanel("implements"), FieldPanel("campaign")), FieldPanel("body")]
        + DocumentMetadata.files_and_relations_panels()
    )
    search_fields = (
        Page.search_fields
        + DocumentMetadata.SEARCH_FIELDS
        + [index.SearchField("implements"), index.SearchField("body"), index.FilterField("campaign")]
    )

    # Open data (/api/v2/pages/?type=campaigns.PlanPage&fields=…, portal/core/api.py).
    api_fields = [
        APIField("document_number"),
        APIField("document_type"),
        APIField("issue_date"),
        APIField("issuing_body"),
        APIField("signer_name"),
        APIField("signer_title"),
        APIField("summary"),
        APIField("implements"),
        APIField("campaign"),
        APIField("body"),
    ]

    parent_page_types = ["campaigns.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def facts_extra(self):
        """The campaign (title, address) with the document's facts: no query of its own."""
        if not self.campaign_id:
            return []
        campaigns = CampaignPage.objects.live().filter(pk=self.campaign_id)
        return [("c", campaigns, (models.F("title"), models.F("url_path"), models.F("id"), models.F("locale_id")))]

    def facts_extra_key(self):
        return (self.campaign_id,)

    @cached_property
    def campaign_link(self):
        """The live campaign as a light page (for its link), or None."""
        for tag, title, url_path, pk, locale_id in self.facts["rows"]:
            if tag == "c":
                return CampaignPage(id=pk, page_ptr_id=pk, title=title, url_path=url_path, locale_id=locale_id)
        return None

    def other_plans(self, limit=5):
        """Other live plans in the same language, newest first.

        The newest ``limit + 1`` are shared by every plan of the language and kept until the
        next publication (portal.cache): sorting thousands of plans is the costliest part
        of a plan's page (~25 ms on SQLite with 200), so no view should pay it more than once
        per publication.
        """
        return newest_others(
            self,
            ("plans:other", self.locale_id, limit),
            lambda: (
                PlanPage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .order_by("-issue_date", "-first_published_at", "-pk")
                .only(*self.LIST_FIELDS)
            ),
            limit,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["other_plans"] = self.other_plans()
        context["relations"] = self.relations()
        return context


class PlanAttachment(AttachmentBase):
    """A file a plan announces (``documents.AttachmentBase``)."""

    page = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        pass


class PlanRelation(RelationBase):
    """A plan's relation to another document (``documents.RelationBase``)."""

    page = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="document_relations")

    class Meta(RelationBase.Meta):
        pass
