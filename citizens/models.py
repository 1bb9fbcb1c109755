"""Hỏi đáp – Góp ý – Liên hệ: what citizens send the department, and what it answers.

Every question (Hỏi đáp), comment on a draft (Góp ý dự thảo) and message (Phản ánh –
Liên hệ) is one :class:`Submission`, saved before anything else happens (see
``citizens.intake``). The pages only show forms and what was published: answered
questions without the asker's contact details, and the drafts open for comments.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.search.text import folded_words, tokens

QUESTIONS_PER_PAGE = 10
RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h2", "h3"]


class Topic(models.Model):
    """Lĩnh vực of questions: tuyển dụng công chức, tiền lương, thi đua khen thưởng…"""

    name = models.CharField(_("tên lĩnh vực"), max_length=120, unique=True)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, unique=True, help_text=_("Chữ không dấu, ví dụ: tuyen-dung-cong-chuc.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước."))

    class Meta:
        verbose_name = _("lĩnh vực hỏi đáp")
        verbose_name_plural = _("lĩnh vực hỏi đáp")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    QUESTION = "HD", _("Hỏi đáp")
    COMMENT = "GY", _("Góp ý dự thảo")
    CONTACT = "LH", _("Phản ánh – Liên hệ")


class Status(models.TextChoices):
    NEW = "new", _("Mới")
    IN_PROGRESS = "progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    REJECTED = "rejected", _("Không tiếp nhận")


class AnswerState(models.TextChoices):
    DRAFT = "", _("Chưa gửi duyệt")
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")


class ReferenceCounter(models.Model):
    """The last number given to a kind of submission in a year (``HD-2026-000123``)."""

    kind = models.CharField(max_length=2, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="citizens_counter_kind_year")]

    def __str__(self):
        return f"{self.kind}-{self.year}: {self.last}"


class SourceBudget(models.Model):
    """One row per sender's source (salted hash of an IPv4 address or IPv6 /64): the row is
    locked while a submission from that source is counted and saved, so two posts at once
    cannot both pass the limit."""

    key = models.CharField(max_length=64, unique=True)
    touched_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key


def attachment_path(instance, filename):
    # Under MEDIA_ROOT but outside the public folders: only the admin's checked view serves it.
    return f"citizens/{timezone.localdate():%Y/%m}/{filename}"


class Submission(models.Model):
    """A question, a comment on a draft or a message, with its handling and answer."""

    kind = models.CharField(_("loại"), max_length=2, choices=Kind.choices)
    reference = models.CharField(_("mã số"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    # What the sender wrote
    name = models.CharField(_("họ và tên"), max_length=100)
    email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions", verbose_name=_("lĩnh vực")
    )
    title = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    content = models.TextField(_("nội dung"))
    attachment = models.FileField(_("tệp đính kèm"), upload_to=attachment_path, blank=True, max_length=255)
    consultation = models.ForeignKey(
        "citizens.DraftConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("dự thảo"),
    )
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"), null=True, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Handling
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW)
    assigned_unit = models.CharField(
        _("đơn vị xử lý"), max_length=200, blank=True, help_text=_("Phòng, ban được giao xử lý.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xử lý"),
        help_text=_("Người được giao sẽ nhận thư thông báo."),
    )
    internal_notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Chỉ cán bộ của Sở đọc được; không bao giờ công khai.")
    )
    # The answer
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answer_unit = models.CharField(
        _("đơn vị trả lời"), max_length=200, blank=True, help_text=_("Ví dụ: Phòng Công chức, viên chức.")
    )
    answer_state = models.CharField(
        _("duyệt trả lời"), max_length=10, choices=AnswerState.choices, default=AnswerState.DRAFT, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người duyệt"),
        editable=False,
    )
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    is_public = models.BooleanField(
        _("công khai"),
        default=True,
        help_text=_("Câu hỏi đã được duyệt trả lời sẽ hiện trên trang Hỏi đáp (không kèm thông tin liên hệ)."),
    )
    search_text = models.TextField(editable=False, blank=True)
    anonymised_at = models.DateTimeField(_("đã ẩn danh lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("thư của người dân")
        verbose_name_plural = _("thư của người dân")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_answer", _("Duyệt câu trả lời"))]
        indexes = [
            models.Index(fields=["kind", "status", "is_public", "-answered_at"], name="citizens_public_list"),
            models.Index(fields=["source_hash", "created_at"], name="citizens_source_recent"),
        ]

    def __str__(self):
        return f"{self.reference} – {self.title or self.content[:60]}"

    def attachment_link(self):
        from django.urls import reverse
        from django.utils.html import format_html

        if not self.attachment:
            return "—"
        url = reverse("citizens_submission:attachment", args=[self.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải tệp đính kèm"))

    attachment_link.short_description = _("tệp đính kèm")

    @property
    def published(self):
        return self.kind == Kind.QUESTION and self.status == Status.ANSWERED and self.is_public

    def refresh_search_text(self):
        self.search_text = folded_words(" ".join([self.title, self.content, self.answer]))


def published_questions():
    """Answered questions shown publicly, newest answer first (no contact details read)."""
    return (
        Submission.objects.filter(kind=Kind.QUESTION, status=Status.ANSWERED, is_public=True)
        .select_related("topic")
        .only(
            "pk", "reference", "title", "content", "answer", "answer_unit", "answered_at", "topic__name", "topic__slug"
        )
        .order_by("-answered_at", "-pk")
    )


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent (queued in the transaction that caused it)."""

    to = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    html_body = models.TextField(_("nội dung HTML"), blank=True)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails", verbose_name=_("thư")
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("thư đi")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.to}: {self.subject}"


@register_setting(icon="mail")
class CitizensSettings(BaseGenericSetting):
    retention_days = models.PositiveIntegerField(
        _("thời hạn lưu dữ liệu cá nhân (ngày)"),
        default=730,
        help_text=_(
            "Sau số ngày này kể từ ngày gửi, họ tên, thư điện tử, điện thoại, địa chỉ và tệp đính kèm "
            "của người gửi bị xoá (ẩn danh hoá); câu hỏi và câu trả lời vẫn được giữ."
        ),
    )
    notify_email = models.EmailField(
        _("hộp thư nhận thông báo"),
        blank=True,
        help_text=_("Mỗi thư mới của người dân được báo về địa chỉ này (để trống: không báo)."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("trang chính sách bảo vệ dữ liệu cá nhân"),
        help_text=_("Trang mà ô “Tôi đồng ý” trên mọi biểu mẫu liên kết tới."),
    )

    panels = [FieldPanel("retention_days"), FieldPanel("notify_email"), PageChooserPanel("privacy_page")]

    class Meta:
        verbose_name = _("hỏi đáp – góp ý – liên hệ")
        verbose_name_plural = _("hỏi đáp – góp ý – liên hệ")


# --- Pages -------------------------------------------------------------------------------


class FormPageMixin:
    """A page that shows a form: served fresh to everyone (see ``citizens.intake``)."""

    def form_response(self, request, form_class, template, extra=None, **form_kwargs):
        from citizens import intake

        return intake.handle(self, request, form_class, template, extra or {}, **form_kwargs)


class QuestionIndexPage(FormPageMixin, RoutablePageMixin, Page):
    """Hỏi đáp: the answered questions by lĩnh vực, searchable, and the form to ask one."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ở đầu trang Hỏi đáp."))
    form_intro = RichTextField(
        _("hướng dẫn gửi câu hỏi"),
        blank=True,
        features=RICH_FEATURES,
        help_text=_("Hiện phía trên biểu mẫu gửi câu hỏi."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("form_intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("trang hỏi đáp")
        verbose_name_plural = _("trang hỏi đáp")

    def ask_url(self, request=None):
        return (self.get_url(request) or "/") + self.reverse_subpage("ask")

    def topic_url(self, topic, request=None):
        return (self.get_url(request) or "/") + self.reverse_subpage("topic", kwargs={"slug": topic.slug})

    def _listing(self, request, topic=None):
        from portal.core.views import paginate

        questions = published_questions()
        query = (request.GET.get("q") or "").strip()[:200]
        words = tokens(query)[:10]
        if topic is not None:
            questions = questions.filter(topic=topic)
        for word in words:
            questions = questions.filter(search_text__contains=f" {word} ")
        context = self.get_context(request)
        topics = list(Topic.objects.all())
        context.update(
            {
                "questions": paginate(request, questions, QUESTIONS_PER_PAGE),
                "topic": topic,
                "topic_links": [(t, self.topic_url(t, request)) for t in topics],
                "query": query,
                "query_string": urlencode({"q": query}) if query else "",
                "ask_url": self.ask_url(request),
                "search_url": self.topic_url(topic, request) if topic is not None else self.get_url(request),
            }
        )
        return TemplateResponse(request, "citizens/question_index_page.html", context)

    @path("")
    def index(self, request):
        return self._listing(request)

    @path("linh-vuc/<slug:slug>/", name="topic")
    def topic(self, request, slug):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404(_("Không có lĩnh vực này."))
        return self._listing(request, topic)

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from citizens.forms import QuestionForm

        return self.form_response(request, QuestionForm, "citizens/question_form.html", {"list_url": self.url})


class ConsultationIndexPage(Page):
    """Góp ý dự thảo: the drafts open for comments, then the closed ones."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ở đầu trang."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["citizens.DraftConsultationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang góp ý dự thảo")
        verbose_name_plural = _("trang góp ý dự thảo")

    def get_context(self, request, *args, **kwargs):
        from portal.cache.fragments import public
        from portal.core.views import paginate

        context = super().get_context(request, *args, **kwargs)
        drafts = (
            public(DraftConsultationPage.objects.live().child_of(self))
            .filter(locale_id=self.locale_id)
            .annotate(comment_total=Count("comments", filter=Q(comments__kind=Kind.COMMENT)))
            .order_by("-deadline", "-pk")
        )
        context["drafts"] = paginate(request, drafts, QUESTIONS_PER_PAGE)
        context["today"] = timezone.localdate()
        return context


class DraftConsultationPage(FormPageMixin, Page):
    """Một dự thảo lấy ý kiến: the draft, its files, the deadline, the comment form, and
    after the deadline the summary report (báo cáo tổng hợp, tiếp thu, giải trình)."""

    summary = models.TextField(
        _("trích yếu"), blank=True, help_text=_("Tóm tắt nội dung dự thảo (hiện trong danh sách dự thảo).")
    )
    body = RichTextField(_("nội dung"), blank=True, features=RICH_FEATURES, help_text=_("Giới thiệu dự thảo."))
    drafting_unit = models.CharField(
        _("đơn vị chủ trì soạn thảo"), max_length=200, blank=True, help_text=_("Ví dụ: Phòng Công chức, viên chức.")
    )
    deadline = models.DateField(
        _("thời hạn góp ý"), help_text=_("Ngày cuối cùng nhận góp ý (hết ngày này thì đóng biểu mẫu).")
    )
    register_document = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("văn bản trong hệ thống văn bản"),
        help_text=_("Nếu dự thảo đã có trong mục Văn bản, chọn trang văn bản đó (không bắt buộc)."),
    )
    summary_report = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("báo cáo tổng hợp, tiếp thu, giải trình"),
        help_text=_("Tải lên sau khi hết thời hạn góp ý; hiện trên trang dự thảo."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("drafting_unit"),
        FieldPanel("deadline"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Tệp dự thảo"), label=_("tệp")),
        PageChooserPanel("register_document"),
        MultiFieldPanel([FieldPanel("summary_report")], heading=_("Sau khi hết thời hạn góp ý")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["citizens.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    @property
    def is_open(self):
        return timezone.localdate() <= self.deadline

    def attachment_list(self):
        return self.attachments.select_related("document")

    @cached_property
    def comment_count(self):
        return self.comments.filter(kind=Kind.COMMENT).count()

    def serve(self, request, *args, **kwargs):
        if not self.is_open:
            if request.method == "POST":
                return self.closed_response(request)
            return super().serve(request, *args, **kwargs)
        from citizens.forms import CommentForm

        return self.form_response(request, CommentForm, "citizens/draft_consultation_page.html")

    def closed_response(self, request):
        context = self.get_context(request)
        context["closed_notice"] = True
        response = TemplateResponse(request, "citizens/draft_consultation_page.html", context, status=403)
        response["Cache-Control"] = "no-store"
        return response


class DraftAttachment(Orderable):
    page = ParentalKey(DraftConsultationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("tệp")
    )
    label = models.CharField(_("nhãn"), max_length=200, blank=True, help_text=_("Để trống: dùng tên tệp."))

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp dự thảo")
        verbose_name_plural = _("tệp dự thảo")


class ContactFormPage(FormPageMixin, Page):
    """Phản ánh – Liên hệ: the form for feedback and messages to the department."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=RICH_FEATURES, help_text=_("Hiện phía trên biểu mẫu."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("trang phản ánh – liên hệ")
        verbose_name_plural = _("trang phản ánh – liên hệ")

    def serve(self, request, *args, **kwargs):
        from citizens.forms import ContactForm

        return self.form_response(request, ContactForm, "citizens/contact_form_page.html")
