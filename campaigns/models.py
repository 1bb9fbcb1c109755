"""Emulation campaigns (Phong trào thi đua) and plan announcements (Kế hoạch)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaigns import document_numbers
from campaigns.document_numbers import DocumentType, validate_document_number
from campaigns.filters import PlanFilters
from portal.cache.fragments import public
from portal.core import formatting
from portal.core.blocks import ArticleStreamBlock
from portal.core.page_tree import newest_others
from portal.core.views import paginate

SHORT_RICH_TEXT = ["bold", "italic", "ol", "ul", "link"]
DEFAULT_ISSUING_BODY = "Sở Nội vụ tỉnh Kon Tum"


def local_today():
    """Today in Asia/Ho_Chi_Minh (not the server's or UTC's date)."""
    return timezone.localdate()


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
        help_text=_("Chọn các hình thức khen thưởng của phong trào. Thêm hình thức mới trong mục Snippets."),
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


class PlanPage(Page):
    """Kế hoạch: an official plan with its number, dates, signer, text and attached files."""

    #: schema.org type of the page (portal.core.structured_data).
    schema_type = "Article"

    #: Columns a listing of plans needs (title, link, number, date).
    LIST_FIELDS = (
        "id",
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "locale_id",
        "first_published_at",
        "document_number",
        "document_type",
        "issue_date",
        "issuing_body",
        "summary",
        "campaign_id",
    )

    document_number = models.CharField(
        _("số ký hiệu"),
        max_length=64,
        validators=[validate_document_number],
        help_text=_("Số, ký hiệu của văn bản, ví dụ “57/KH-SNV”; văn bản quy phạm pháp luật có năm: “42/2022/NĐ-CP”."),
    )
    document_type = models.CharField(
        _("loại văn bản"),
        max_length=8,
        choices=DocumentType.choices,
        default=DocumentType.KE_HOACH,
        help_text=_("Theo Nghị định 30/2020/NĐ-CP; mã loại phải khớp với số ký hiệu."),
    )
    issue_date = models.DateField(
        _("ngày ban hành"),
        default=local_today,
        db_index=True,
        help_text=_("Ngày ký ban hành văn bản."),
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        default=DEFAULT_ISSUING_BODY,
        help_text=_("Tên đầy đủ của cơ quan ban hành, ví dụ “Sở Nội vụ tỉnh Kon Tum”."),
    )
    signer_name = models.CharField(
        _("người ký"),
        max_length=255,
        blank=True,
        help_text=_("Họ và tên người ký văn bản."),
    )
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: “Giám đốc”, “KT. Giám đốc – Phó Giám đốc”."),
    )
    summary = models.TextField(
        _("trích yếu"),
        help_text=_("Trích yếu nội dung văn bản, ví dụ “Triển khai Phong trào thi đua đặc biệt …”."),
    )
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

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_type")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("issuing_body")]),
                FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_title")]),
                FieldPanel("summary"),
                FieldPanel("implements"),
                FieldPanel("campaign"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "attachments",
            label=_("Tệp đính kèm"),
            heading=_("Tệp đính kèm"),
            help_text=_("Tệp văn bản (PDF, DOC…) theo thứ tự hiển thị; tệp PDF mở ngay trong trình duyệt."),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number", boost=3),
        index.AutocompleteField("document_number"),
        index.SearchField("document_number_terms", boost=2),
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.SearchField("implements"),
        index.SearchField("body"),
        index.FilterField("issue_date"),
        index.FilterField("document_type"),
        index.FilterField("campaign"),
    ]

    # Indexed to be found, not quoted in search result snippets (portal.search.indexing).
    search_index_only_fields = ("document_number", "document_number_terms")

    # An English version keeps the official number and signer exactly as issued.
    override_translatable_fields = [
        SynchronizedField("document_number", overridable=False),
        SynchronizedField("signer_name"),
    ]

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

    def clean(self):
        super().clean()
        self.document_number = document_numbers.normalise(self.document_number)
        self.issuing_body = document_numbers.normalise(self.issuing_body)
        if self.document_number and document_numbers.parse(self.document_number) is not None:
            message = document_numbers.type_code_mismatch(self.document_number, self.document_type)
            if message:
                raise ValidationError({"document_number": message})

    def issue_date_display(self):
        """``dd/mm/yyyy`` (the admin listing's column)."""
        return formatting.date(self.issue_date)

    def document_number_terms(self):
        return document_numbers.search_terms(self.document_number)

    def schema_org_extra(self):
        """The plan's official number in its structured data (portal.core.structured_data)."""
        return {"identifier": self.document_number}

    @property
    def published_at(self):
        """Publication time shown in ``Ngày đăng`` (the original time for imported plans)."""
        return self.first_published_at or self.last_published_at

    @cached_property
    def attachment_list(self):
        return list(self.attachments.select_related("document").all())

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
        return context


class PlanAttachment(TranslatableMixin, Orderable):
    """A file a plan announces. Translatable (wagtail-localize copies it with the page and
    offers its title for translation); the document itself is shared by every language."""

    page = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("tài liệu"),
        help_text=_("Chọn hoặc tải lên tệp văn bản (PDF, DOC, DOCX, XLS…)."),
    )
    title = models.CharField(
        _("tên hiển thị"),
        max_length=500,
        blank=True,
        help_text=_("Hiển thị sau “Link xem:”, ví dụ “Kế hoạch số 57/KH-SNV về …”. Để trống để dùng tên tài liệu."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        unique_together = [("translation_key", "locale")]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or (self.document.title if self.document_id else "")

    @property
    def opens_inline(self):
        return self.document.content_disposition == "inline"
