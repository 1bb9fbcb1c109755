"""The department's inbox in the admin ("Hộp thư người dân") and the lĩnh vực list.

Officers (Biên tập viên) see every submission, assign it, keep internal notes and write
the answer, then send it for approval; a Người duyệt approves it: only then is the
answer e-mailed to the sender and a question published on the Hỏi đáp page. Every save
and every step is a Wagtail log entry (the "Lịch sử" of each submission).
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from citizens import outbox
from citizens.models import AnswerState, Kind, QuestionIndexPage, Status, Submission, Topic
from portal.core.public_url import absolute_url

ACTION_SAVE = ""
ACTION_SUBMIT = "submit"
ACTION_APPROVE = "approve"
ACTION_RETURN = "return"


def can_approve(user):
    return user.has_perm("citizens.approve_answer")


class SubmissionForm(WagtailAdminModelForm):
    workflow_action = forms.ChoiceField(
        label=_("Bước tiếp theo"),
        required=False,
        help_text=_("Biên tập viên gửi câu trả lời cho Người duyệt; chỉ Người duyệt mới duyệt và gửi trả lời."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        choices = [(ACTION_SAVE, _("Chỉ lưu")), (ACTION_SUBMIT, _("Gửi duyệt câu trả lời"))]
        if for_user is not None and can_approve(for_user):
            choices += [
                (ACTION_APPROVE, _("Duyệt câu trả lời, gửi cho người hỏi và công bố")),
                (ACTION_RETURN, _("Trả lại để sửa câu trả lời")),
            ]
        self.fields["workflow_action"].choices = choices
        self.for_user = for_user
        if "assigned_to" in self.fields:
            from django.contrib.auth import get_user_model

            self.fields["assigned_to"].queryset = (
                get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct().order_by("username")
            )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("workflow_action") or ACTION_SAVE
        instance = self.instance
        if action in (ACTION_APPROVE, ACTION_RETURN) and not (self.for_user and can_approve(self.for_user)):
            raise ValidationError(_("Chỉ Người duyệt mới được duyệt hoặc trả lại câu trả lời."))
        if action in (ACTION_SUBMIT, ACTION_APPROVE) and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Hãy viết câu trả lời trước khi gửi duyệt."))
        status = cleaned.get("status")
        if (
            status == Status.ANSWERED
            and action != ACTION_APPROVE
            and not (instance.answer_state == AnswerState.APPROVED and instance.status == Status.ANSWERED)
        ):
            self.add_error(
                "status",
                _("Trạng thái “Đã trả lời” chỉ có sau khi Người duyệt duyệt câu trả lời (chọn bước tiếp theo)."),
            )
        return cleaned

    class Meta:
        model = Submission
        fields = [
            "status",
            "assigned_unit",
            "assigned_to",
            "internal_notes",
            "answer",
            "answer_unit",
            "is_public",
        ]


class SubmissionEditView(EditView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs

    def save_instance(self):
        before = Submission.objects.get(pk=self.object.pk)
        user = self.request.user
        action = self.form.cleaned_data.get("workflow_action") or ACTION_SAVE
        instance = self.form.instance
        answer_changed = (instance.answer, instance.answer_unit) != (before.answer, before.answer_unit)
        if answer_changed and before.answer_state == AnswerState.APPROVED and action != ACTION_APPROVE:
            # An approved answer that changes must be approved again before it is shown.
            instance.answer_state = AnswerState.DRAFT
            if instance.status == Status.ANSWERED:
                instance.status = Status.IN_PROGRESS
        if action == ACTION_SUBMIT:
            instance.answer_state = AnswerState.PENDING
            if instance.status == Status.NEW:
                instance.status = Status.IN_PROGRESS
        elif action == ACTION_RETURN:
            instance.answer_state = AnswerState.DRAFT
            if instance.status == Status.ANSWERED:
                instance.status = Status.IN_PROGRESS
        elif action == ACTION_APPROVE:
            if not can_approve(user):
                raise PermissionDenied
            instance.answer_state = AnswerState.APPROVED
            instance.status = Status.ANSWERED
            instance.answered_at = timezone.now()
            instance.approved_by = user
        elif instance.status == Status.NEW and (instance.assigned_to_id or instance.assigned_unit):
            instance.status = Status.IN_PROGRESS
        instance.refresh_search_text()
        instance.save()
        log(instance, "wagtail.edit", user=user)
        if action == ACTION_SUBMIT:
            log(instance, "citizens.submit_answer", user=user)
        elif action == ACTION_RETURN:
            log(instance, "citizens.return_answer", user=user)
        elif action == ACTION_APPROVE:
            log(instance, "citizens.approve_answer", user=user)
            queue_answer(instance, self.request)
        if instance.assigned_to_id and instance.assigned_to_id != before.assigned_to_id:
            log(instance, "citizens.assign", user=user, data={"to": instance.assigned_to.get_username()})
            queue_assignment(instance, user)
        return instance

    def get_success_message(self):
        return _("Đã lưu thư %(reference)s.") % {"reference": self.object.reference}


def queue_answer(submission, request):
    if not submission.email:
        return
    public_url = ""
    if submission.kind == Kind.QUESTION and submission.is_public:
        index = QuestionIndexPage.objects.live().public().first()
        if index is not None and index.url:
            public_url = absolute_url(index.url) + "#" + submission.reference
    outbox.queue(
        submission.email,
        _("[Sở Nội vụ tỉnh Kon Tum] Trả lời thư mã số %(reference)s") % {"reference": submission.reference},
        "citizens/mail/answer",
        {"submission": submission, "site_name": "Sở Nội vụ tỉnh Kon Tum", "public_url": public_url},
        submission,
    )


def queue_assignment(submission, by):
    to = submission.assigned_to.email if submission.assigned_to else ""
    if not to:
        return
    outbox.queue(
        to,
        _("Bạn được giao xử lý thư %(reference)s") % {"reference": submission.reference},
        "citizens/mail/assigned",
        {
            "submission": submission,
            "by": by.get_full_name() or by.get_username(),
            "admin_url": absolute_url(reverse("citizens_submission:edit", args=[submission.pk])),
        },
        submission,
    )


def attachment_view(request, pk):
    if not request.user.has_perm("citizens.view_submission"):
        raise PermissionDenied
    submission = get_object_or_404(Submission, pk=pk)
    if not submission.attachment:
        raise Http404
    response = FileResponse(submission.attachment.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class SubmissionViewSet(ModelViewSet):
    model = Submission
    form_class = SubmissionForm
    edit_view_class = SubmissionEditView
    icon = "mail"
    menu_label = _("Hộp thư người dân")
    url_prefix = "hop-thu"
    name = "citizens_submission"
    inspect_view_enabled = True
    list_per_page = 30
    list_display = [
        "reference",
        "kind",
        Column("title", label=_("Tiêu đề"), accessor="title"),
        "status",
        "answer_state",
        "assigned_to",
        "created_at",
    ]
    list_filter = ["kind", "status", "answer_state", "topic", "assigned_to", "consultation"]
    search_fields = ["reference", "title", "content", "name", "email", "phone", "answer"]
    list_export = [
        "reference",
        "get_kind_display",
        "created_at",
        "name",
        "email",
        "phone",
        "address",
        "topic",
        "title",
        "content",
        "get_status_display",
        "assigned_unit",
        "assigned_to",
        "answer",
        "answer_unit",
        "answered_at",
    ]
    export_headings = {
        "reference": _("Mã số"),
        "get_kind_display": _("Loại"),
        "created_at": _("Ngày gửi"),
        "name": _("Họ và tên"),
        "email": _("Thư điện tử"),
        "phone": _("Điện thoại"),
        "address": _("Địa chỉ"),
        "topic": _("Lĩnh vực"),
        "title": _("Tiêu đề"),
        "content": _("Nội dung"),
        "get_status_display": _("Trạng thái"),
        "assigned_unit": _("Đơn vị xử lý"),
        "assigned_to": _("Người xử lý"),
        "answer": _("Nội dung trả lời"),
        "answer_unit": _("Đơn vị trả lời"),
        "answered_at": _("Ngày trả lời"),
    }
    export_filename = "thu-nguoi-dan"
    inspect_view_fields = [
        "reference",
        "kind",
        "created_at",
        "name",
        "email",
        "phone",
        "address",
        "topic",
        "title",
        "content",
        "consultation",
        "attachment_link",
        "status",
        "assigned_unit",
        "assigned_to",
        "answer",
        "answer_unit",
        "answer_state",
        "approved_by",
        "answered_at",
    ]

    @property
    def edit_handler(self):
        return ObjectList(self.panels, base_form_class=SubmissionForm)

    @property
    def panels(self):
        return [
            MultiFieldPanel(
                [
                    FieldPanel("reference", read_only=True),
                    FieldPanel("kind", read_only=True),
                    FieldPanel("created_at", read_only=True),
                    FieldPanel("name", read_only=True),
                    FieldPanel("email", read_only=True),
                    FieldPanel("phone", read_only=True),
                    FieldPanel("address", read_only=True),
                    FieldPanel("topic", read_only=True),
                    FieldPanel("consultation", read_only=True),
                    FieldPanel("title", read_only=True),
                    FieldPanel("content", read_only=True),
                ],
                heading=_("Thư của người dân"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("assigned_unit"),
                    FieldPanel("assigned_to"),
                    FieldPanel("internal_notes"),
                ],
                heading=_("Xử lý"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("answer"),
                    FieldPanel("answer_unit"),
                    FieldPanel("is_public"),
                    FieldPanel("answer_state", read_only=True),
                    FieldPanel("workflow_action"),  # declared by SubmissionForm,
                ],
                heading=_("Trả lời và duyệt"),
            ),
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("tep/<int:pk>/", attachment_view, name="attachment"),
        ]


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Lĩnh vực hỏi đáp")
    url_prefix = "linh-vuc-hoi-dap"
    name = "citizens_topic"
    form_fields = ["name", "slug", "sort_order"]
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class CitizensGroup(ViewSetGroup):
    menu_label = _("Hỏi đáp – Liên hệ")
    menu_icon = "mail"
    menu_order = 250
    items = (SubmissionViewSet, TopicViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CitizensGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("citizens.submit_answer", _("Gửi duyệt câu trả lời"), _("Đã gửi duyệt câu trả lời"))
    actions.register_action("citizens.approve_answer", _("Duyệt câu trả lời"), _("Đã duyệt và gửi câu trả lời"))
    actions.register_action("citizens.return_answer", _("Trả lại câu trả lời"), _("Đã trả lại câu trả lời để sửa"))
    actions.register_action("citizens.assign", _("Giao xử lý"), _("Đã giao xử lý"))
