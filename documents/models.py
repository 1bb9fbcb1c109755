"""Văn bản: the department's register of legal and administrative documents.

One implementation of a document's metadata — number, type, issuing body, signer, dates,
trích yếu, fields, validity, relations, files — in ``DocumentMetadata``, an abstract model
every document page type inherits: ``DocumentPage`` here, ``campaigns.PlanPage`` (a plan
is a document). The register (``DocumentIndexPage``) lists every live page of every such
type in its language (``documents.register``).
"""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from documents import document_numbers as numbers
from portal.cache.fragments import cached
from portal.core import formatting
from portal.core.blocks import ArticleStreamBlock

SHORT_RICH_TEXT = ["bold", "italic", "ol", "ul", "link"]
DEFAULT_ISSUING_BODY = "Sở Nội vụ tỉnh Kon Tum"


def local_today():
    """Today in Asia/Ho_Chi_Minh (not the server's or UTC's date)."""
    return timezone.localdate()


# --- Lists editors manage (snippets) ---------------------------------------------------


class DocumentKind(models.Model):
    """Loại văn bản (hình thức văn bản): seeded with Nghị định 30/2020/NĐ-CP's types."""

    code = models.CharField(
        _("mã loại"),
        max_length=8,
        unique=True,
        help_text=_("Chữ viết tắt trong số ký hiệu, ví dụ “QĐ” cho Quyết định, “KH” cho Kế hoạch."),
    )
    name = models.CharField(_("tên loại văn bản"), max_length=100, help_text=_("Ví dụ: Quyết định, Kế hoạch."))
    code_in_number = models.BooleanField(
        _("số ký hiệu có mã loại"),
        default=True,
        help_text=_("Bỏ chọn với công văn: số ký hiệu công văn không có mã loại (ví dụ “4836/SNV-TCBC”)."),
    )
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước trong danh sách."))

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("code_in_number"), FieldPanel("rank")]

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self):
        return self.name

    @classmethod
    def labels(cls):
        """``{code: name}`` of every type (one query, kept until the next publication)."""
        from portal.cache.fragments import cached

        return cached(("documents:kinds",), lambda: dict(cls.objects.values_list("code", "name")))


class Topic(models.Model):
    """Lĩnh vực: the subject area of a document (Tổ chức bộ máy, Thi đua – khen thưởng…)."""

    name = models.CharField(
        _("tên lĩnh vực"), max_length=255, unique=True, help_text=_("Ví dụ: Thi đua – khen thưởng.")
    )
    slug = models.SlugField(
        _("đường dẫn"), max_length=100, unique=True, allow_unicode=False, help_text=_("Chữ không dấu, nối bằng “-”.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name


class Validity(models.TextChoices):
    """Tình trạng hiệu lực."""

    IN_FORCE = "con", _("Còn hiệu lực")
    PARTLY_EXPIRED = "mot-phan", _("Hết hiệu lực một phần")
    EXPIRED = "het", _("Hết hiệu lực")
    NOT_YET = "chua", _("Chưa có hiệu lực")


def validity_q(value, today=None):
    """The filter for documents whose tình trạng is ``value`` on ``today`` (the same rule as
    ``DocumentMetadata.validity``): the editor's choice, else derived from the dates."""
    today = today or local_today()
    expired = models.Q(expiry_date__lte=today)
    not_yet = models.Q(effective_date__gt=today) & ~expired
    derived = {
        Validity.EXPIRED: expired,
        Validity.NOT_YET: not_yet,
        Validity.IN_FORCE: ~expired & ~models.Q(effective_date__gt=today),
        Validity.PARTLY_EXPIRED: models.Q(pk__in=[]),
    }[value]
    return models.Q(validity_override=value) | (models.Q(validity_override="") & derived)


class RelationKind(models.TextChoices):
    REPLACES = "thay-the", _("Thay thế")
    AMENDS = "sua-doi", _("Sửa đổi, bổ sung")
    BASIS = "can-cu", _("Căn cứ")
    RELATED = "lien-quan", _("Liên quan")


#: How the other document shows a relation: "A thay thế B" is "B bị thay thế bởi A".
REVERSE_LABELS = {
    RelationKind.REPLACES: _("Bị thay thế bởi"),
    RelationKind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationKind.BASIS: _("Là căn cứ của"),
    RelationKind.RELATED: _("Liên quan"),
}


def document_type_field(**kwargs):
    """The type's code (``KH``), one of ``DocumentKind``'s (a page type may set a default)."""
    return models.CharField(
        _("loại văn bản"),
        max_length=8,
        help_text=_(
            "Theo Nghị định 30/2020/NĐ-CP; mã loại phải khớp với số ký hiệu. Thêm loại mới trong mục Đoạn nội dung."
        ),
        **kwargs,
    )


# --- The metadata every document type shares --------------------------------------------


class DocumentMetadata(models.Model):
    """Số ký hiệu, loại, cơ quan ban hành, người ký, ngày ban hành / hiệu lực / hết hiệu lực,
    trích yếu, lĩnh vực, tình trạng hiệu lực; with their validation and display.

    A concrete page type adds ``attachments`` (an ``AttachmentBase``) and
    ``document_relations`` (a ``RelationBase``) as inline relations.
    """

    #: schema.org type of the page (portal.core.structured_data).
    schema_type = "Article"
    #: Set by the register on a result found inside a file (the file's title, the passage).
    #: Declared here so a template's lookup of them on other results is a plain read: a
    #: missing attribute makes Django's template engine call ``dir()`` on the page (~3 ms).
    found_in_file = ""
    file_passage = ""

    #: Columns a listing of documents needs (title, link, number, date, validity).
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
        "effective_date",
        "expiry_date",
        "validity_override",
        "issuing_body",
        "summary",
    )

    document_number = models.CharField(
        _("số ký hiệu"),
        max_length=64,
        validators=[numbers.validate_document_number],
        help_text=_("Số, ký hiệu của văn bản, ví dụ “57/KH-SNV”; văn bản quy phạm pháp luật có năm: “42/2022/NĐ-CP”."),
    )
    document_type = document_type_field()
    issue_date = models.DateField(
        _("ngày ban hành"), default=local_today, db_index=True, help_text=_("Ngày ký ban hành văn bản.")
    )
    effective_date = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."),
    )
    expiry_date = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu chưa xác định. Từ ngày này văn bản tự hiển thị là “Hết hiệu lực”."),
    )
    validity_override = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=10,
        choices=Validity.choices,
        blank=True,
        help_text=_(
            "Để trống để tự xác định theo ngày có hiệu lực và ngày hết hiệu lực. Chọn khi ngày tháng không "
            "nói lên được, ví dụ “Hết hiệu lực một phần”."
        ),
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        default=DEFAULT_ISSUING_BODY,
        help_text=_("Tên đầy đủ của cơ quan ban hành, ví dụ “Sở Nội vụ tỉnh Kon Tum”."),
    )
    signer_name = models.CharField(
        _("người ký"), max_length=255, blank=True, help_text=_("Họ và tên người ký văn bản.")
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
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực"),
        help_text=_("Một hoặc nhiều lĩnh vực. Thêm lĩnh vực mới trong mục Đoạn nội dung."),
    )

    class Meta:
        abstract = True

    # --- editing --------------------------------------------------------------------

    @staticmethod
    def metadata_panel(*extra):
        """The "Thông tin văn bản" panel; ``extra`` panels go after the trích yếu."""
        from documents.forms import KindSelect

        return MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_type", widget=KindSelect)]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("issuing_body")]),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldPanel("validity_override"),
                FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_title")]),
                FieldPanel("summary"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                *extra,
            ],
            heading=_("Thông tin văn bản"),
        )

    @staticmethod
    def files_and_relations_panels():
        return [
            InlinePanel(
                "attachments",
                label=_("Tệp đính kèm"),
                heading=_("Tệp đính kèm"),
                help_text=_("Tệp văn bản (PDF, DOC…) theo thứ tự hiển thị; tệp PDF mở ngay trong trình duyệt."),
            ),
            InlinePanel(
                "document_relations",
                label=_("Văn bản liên quan"),
                heading=_("Văn bản liên quan"),
                help_text=_(
                    "Văn bản mà văn bản này thay thế, sửa đổi, bổ sung, căn cứ hoặc liên quan; "
                    "văn bản kia tự hiển thị chiều ngược lại."
                ),
            ),
        ]

    SEARCH_FIELDS = [
        index.SearchField("document_number", boost=3),
        index.AutocompleteField("document_number"),
        index.SearchField("document_number_terms", boost=2),
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.FilterField("issue_date"),
        index.FilterField("document_type"),
    ]

    # Indexed to be found, not quoted in search result snippets (portal.search.indexing).
    search_index_only_fields = ("document_number", "document_number_terms")

    #: The metadata in the Wagtail API (``/api/v2/pages/?type=…&fields=…``).
    api_fields = [
        APIField(name)
        for name in (
            "document_number",
            "document_type",
            "issuing_body",
            "signer_name",
            "signer_title",
            "issue_date",
            "effective_date",
            "expiry_date",
            "validity_label",
            "summary",
        )
    ]

    # An English version keeps the official number and signer exactly as issued.
    override_translatable_fields = [
        SynchronizedField("document_number", overridable=False),
        SynchronizedField("document_type", overridable=False),
        SynchronizedField("signer_name"),
    ]

    def clean(self):
        super().clean()
        self.document_number = numbers.normalise(self.document_number)
        self.issuing_body = numbers.normalise(self.issuing_body)
        if self.document_type and not DocumentKind.objects.filter(code=self.document_type).exists():
            raise ValidationError(
                {"document_type": _("Loại văn bản không có trong danh sách; hãy chọn trong danh sách.")}
            )
        if self.document_number and numbers.parse(self.document_number) is not None:
            message = numbers.type_code_mismatch(self.document_number, self.document_type)
            if message:
                raise ValidationError({"document_number": message})
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            raise ValidationError({"effective_date": _("Ngày có hiệu lực không thể trước ngày ban hành.")})
        start = self.effective_date or self.issue_date
        if self.expiry_date and start and self.expiry_date <= start:
            raise ValidationError({"expiry_date": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})

    # --- display --------------------------------------------------------------------

    def get_document_type_display(self):
        """The type's name as editors keep it; on a page in another language, the standard
        Nghị định 30 types read in that language (an editor-added type keeps its name)."""
        if formatting.language() != "vi" and self.document_type in numbers.DocumentType.values:
            return numbers.DocumentType(self.document_type).label
        return self.facts["kind"] or self.document_type

    def facts_extra(self):
        """More ``(tag, text, text, number, number)`` querysets for ``facts`` (a page type's own)."""
        return []

    def facts_extra_key(self):
        """The page's own values ``facts_extra`` depends on (part of the kept facts' key)."""
        return ()

    @cached_property
    def facts(self):
        """The type's name, the fields (lĩnh vực), the relations both ways and a page type's
        extras (``facts_extra``), in ONE query: what the page shows beside its own columns.
        Kept until the next publication (the topics, relations and types change only then;
        building the query costs more than running it), keyed by the page and the values of
        its own it reads (a preview may change the type or the campaign)."""
        if self.pk is None:
            return self._facts()
        key = ("documents:facts", self.pk, self.document_type, *self.facts_extra_key())
        return cached(key, self._facts, per_page=True)

    def _facts(self):
        from documents.relations import relation_models

        def shaped(queryset, tag, text1, text2, number1, number2):
            return (
                queryset.order_by()
                .annotate(
                    f_tag=models.Value(tag, output_field=models.CharField()),
                    f_text1=Cast(text1, models.TextField()),
                    f_text2=Cast(text2, models.TextField()),
                    f_n1=Cast(number1, models.BigIntegerField()),
                    f_n2=Cast(number2, models.BigIntegerField()),
                )
                .values_list("f_tag", "f_text1", "f_text2", "f_n1", "f_n2")
            )

        zero, empty = models.Value(0), models.Value("")
        through = type(self).topics.through
        owner = type(self).topics.field.m2m_field_name()
        parts = [
            shaped(DocumentKind.objects.filter(code=self.document_type), "k", models.F("name"), empty, zero, zero),
            shaped(
                Topic.objects.filter(pk__in=through.objects.filter(**{owner: self.pk}).values("topic_id")),
                "t",
                models.F("name"),
                models.F("slug"),
                models.F("id"),
                zero,
            ),
        ]
        # Relations belong to the document in every language (a translation copies them,
        # still aimed at the source pages): matched by translation key, with the other
        # side's key, whether this document declares it (1) or the other one (0), and the
        # other side's page.
        key = self.translation_key
        for model in relation_models():
            declares = models.Q(page__translation_key=key)
            parts.append(
                shaped(
                    model.objects.filter(declares | models.Q(target__translation_key=key)),
                    "r",
                    models.F("kind"),
                    models.Case(
                        models.When(declares, then=models.F("target__translation_key")),
                        default=models.F("page__translation_key"),
                    ),
                    models.Case(models.When(declares, then=models.Value(1)), default=models.Value(0)),
                    models.Case(models.When(declares, then=models.F("target_id")), default=models.F("page_id")),
                )
            )
        parts += [shaped(qs, tag, *columns) for tag, qs, columns in self.facts_extra()]
        rows = list(parts[0].union(*parts[1:], all=True))
        return {
            "kind": next((r[1] for r in rows if r[0] == "k"), ""),
            "topics": sorted((Topic(id=r[3], name=r[1], slug=r[2]) for r in rows if r[0] == "t"), key=lambda t: t.name),
            "relations": [(r[1], r[2], bool(r[3]), r[4]) for r in rows if r[0] == "r"],
            "rows": rows,
        }

    def issue_date_display(self):
        """``dd/mm/yyyy`` (the admin listing's column)."""
        return formatting.date(self.issue_date)

    def validity(self, today=None):
        """The tình trạng hiệu lực: the editor's choice, else from the dates (``validity_q``)."""
        if self.validity_override:
            return Validity(self.validity_override)
        today = today or local_today()
        if self.expiry_date and self.expiry_date <= today:
            return Validity.EXPIRED
        if self.effective_date and self.effective_date > today:
            return Validity.NOT_YET
        return Validity.IN_FORCE

    @property
    def validity_label(self):
        return self.validity().label

    @property
    def signer_display(self):
        if self.signer_title and self.signer_name:
            return f"{self.signer_title}: {self.signer_name}"
        return self.signer_title or self.signer_name

    def document_number_terms(self):
        return numbers.search_terms(self.document_number)

    def schema_org_extra(self):
        """The official number in the structured data (portal.core.structured_data)."""
        return {"identifier": self.document_number}

    @property
    def published_at(self):
        """Publication time shown in ``Ngày đăng`` (the original time for imported pages)."""
        return self.first_published_at or self.last_published_at

    @cached_property
    def attachment_list(self):
        """The files, in order, each with its ``download_count``. A live page's files are
        kept until the next publication; only their counts are read each time (one short
        query). A preview's unsaved files are counted as they are."""
        import copy

        from documents.files import download_counts, with_download_counts

        rows = self.attachments.select_related("document")
        if self.pk is None or not hasattr(rows, "annotate"):
            return list(with_download_counts(rows))
        kept = cached(("documents:attachments", self.pk), lambda: list(rows.order_by("sort_order")), per_page=True)
        counts = download_counts([attachment.document_id for attachment in kept])
        files = []
        for attachment in kept:
            attachment = copy.copy(attachment)  # the kept one is shared by every request
            attachment.download_count = counts.get(attachment.document_id, 0)
            files.append(attachment)
        return files

    @property
    def topic_list(self):
        return self.facts["topics"]

    def get_search_files(self):
        """``[(file title, text)]`` of the attached files (portal.search.indexing)."""
        from documents.files import texts_for

        attachments = list(self.attachments.select_related("document").all())
        found = texts_for([a.document_id for a in attachments])
        return [(a.display_title, found[a.document_id]) for a in attachments if found.get(a.document_id)]

    def relations(self):
        """``[(label, [pages])]``: this document's relations, then those others declare to it."""
        from documents.relations import relations_of

        return relations_of(self)

    def metadata_rows(self):
        """(heading, value) rows of the metadata table (one template for every document type)."""
        return [
            (_("Số ký hiệu"), self.document_number),
            (_("Loại văn bản"), self.get_document_type_display()),
            (_("Cơ quan ban hành"), self.issuing_body),
            (_("Người ký"), self.signer_display),
            (_("Ngày ban hành"), self.issue_date),
            (_("Ngày có hiệu lực"), self.effective_date or self.issue_date),
            (_("Ngày hết hiệu lực"), self.expiry_date),
            (_("Tình trạng hiệu lực"), self.validity_label),
            (_("Lĩnh vực"), ", ".join(t.name for t in self.topic_list)),
            (_("Trích yếu"), self.summary),
        ]


def document_models():
    """Every installed page type that is a document (the register lists them all)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, DocumentMetadata) and issubclass(model, Page) and not model._meta.abstract
    ]


# --- Files and relations: one implementation, bound to each page type ---------------------


class AttachmentBase(TranslatableMixin, Orderable):
    """A file a document announces. Translatable (wagtail-localize copies it with the page
    and offers its title for translation); the file itself is shared by every language."""

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
        abstract = True
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


class RelationBase(Orderable):
    """ "This document <kind> that one": shown on both (``documents.relations``)."""

    kind = models.CharField(_("quan hệ"), max_length=10, choices=RelationKind.choices, default=RelationKind.RELATED)
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("văn bản"),
        help_text=_("Chọn văn bản (kế hoạch, quyết định…) trong sổ văn bản."),
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")

    def clean(self):
        super().clean()
        if self.target_id and self.target_id == getattr(self, "page_id", None):
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})


# --- Pages -------------------------------------------------------------------------------


class DocumentIndexPage(RoutablePageMixin, Page):
    """Văn bản: the register — every document and plan of the language, searchable."""

    PER_PAGE = 20

    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text=_("Đoạn giới thiệu ngắn ở đầu trang sổ văn bản."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["documents.DocumentPage"]

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")

    def _sub_url(self, name, request=None, args=()):
        base = self.get_url(request) or ""
        return base.rstrip("/") + "/" + self.reverse_subpage(name, args=args)

    def export_url(self, fmt, request=None):
        return self._sub_url("export", request, args=[fmt])

    def feed_url(self, request=None):
        return self._sub_url("feed", request)

    @path("")
    def register(self, request):
        from documents.views import register_page

        return register_page(self, request)

    @path("feed/", name="feed")
    def feed(self, request):
        from documents.views import register_feed

        return register_feed(self, request)

    @path("xuat/<str:fmt>/", name="export")
    def export(self, request, fmt):
        from documents.views import register_export

        return register_export(self, request, fmt)


class DocumentPage(DocumentMetadata, Page):  # noqa: DJ008 - Page.__str__
    """Văn bản: a decision, directive, report… with its metadata, text and files."""

    body = StreamField(
        ArticleStreamBlock(),
        blank=True,
        verbose_name=_("nội dung"),
        help_text=_("Toàn văn hoặc nội dung chính của văn bản (không bắt buộc khi đã có tệp đính kèm)."),
    )

    content_panels = (
        Page.content_panels
        + [DocumentMetadata.metadata_panel(), FieldPanel("body")]
        + DocumentMetadata.files_and_relations_panels()
    )
    search_fields = Page.search_fields + DocumentMetadata.SEARCH_FIELDS + [index.SearchField("body")]

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def get_context(self, request, *args, **kwargs):
        from documents.relations import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self))
        return context


class DocumentPageAttachment(AttachmentBase):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        pass


class DocumentPageRelation(RelationBase):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="document_relations")

    class Meta(RelationBase.Meta):
        pass


# --- Files: searchable text and downloads -------------------------------------------------


class FileText(models.Model):
    """The text of an attached file (PDF, DOCX, ODT), extracted when it is uploaded or
    replaced (``documents.files``), searched by the register and the site search."""

    class State(models.TextChoices):
        OK = "ok", _("Đã có văn bản để tìm kiếm")
        EMPTY = "empty", _("Chưa có văn bản để tìm kiếm")
        FAILED = "failed", _("Không đọc được tệp")
        TOO_LARGE = "large", _("Tệp quá lớn để đọc")
        UNSUPPORTED = "other", _("Loại tệp không đọc nội dung")

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("tài liệu"),
    )
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices, default=State.EMPTY)
    text = models.TextField(_("văn bản trong tệp"), blank=True)
    source_hash = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(_("đọc lúc"), auto_now=True)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0)

    class Meta:
        verbose_name = _("nội dung tệp")
        verbose_name_plural = _("nội dung tệp")

    def __str__(self):
        return self.document.title
