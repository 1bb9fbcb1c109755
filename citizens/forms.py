"""The public forms: what a citizen may send, with every limit stated in Vietnamese.

Each form carries a honeypot field (``website``: hidden from people, filled by naive
robots), a signed timestamp (``started``: the form was shown at least
``PORTAL_CITIZENS_MIN_FILL_SECONDS`` ago and at most ``PORTAL_CITIZENS_FORM_MAX_AGE_SECONDS``)
and the consent checkbox. Every text field has a maximum length; the attachment is
limited in size and checked like the documents editors upload (``portal.security.uploads``).
"""

import os
import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from citizens.models import Topic
from portal.security.uploads import check_document_bytes

SIGNING_SALT = "citizens.form-started"
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods")
PHONE = re.compile(r"^\+?[0-9 .\-()]{8,20}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Refused(Exception):
    """A submission refused before it is looked at (robot, too fast, expired form)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _setting(name, default):
    return getattr(settings, name, default)


def min_fill_seconds():
    return _setting("PORTAL_CITIZENS_MIN_FILL_SECONDS", 4)


def max_attachment_bytes():
    return _setting("PORTAL_CITIZENS_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)


def started_token(at=None):
    return signing.dumps(int(at if at is not None else time.time()), salt=SIGNING_SALT)


def _text(label, max_length, *, required=True, widget=None, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages={
            "required": _("Vui lòng nhập %(field)s.") % {"field": str(label).lower()},
            "max_length": _("%(field)s dài quá: tối đa %%(limit_value)s ký tự (đang có %%(show_value)s).")
            % {"field": label},
        },
    )


class CitizenForm(forms.Form):
    """Who writes (họ tên, e-mail and/or điện thoại, địa chỉ), consent and the guards."""

    kind = None  # Kind value, set by subclasses
    name = _text(_("Họ và tên"), 100)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
            "max_length": _("Thư điện tử dài quá: tối đa %(limit_value)s ký tự."),
        },
    )
    phone = _text(_("Điện thoại"), 20, required=False)
    address = _text(_("Địa chỉ"), 255, required=False, help_text=_("Không bắt buộc."))
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để Sở Nội vụ xử lý dữ liệu cá nhân tôi cung cấp để trả lời và lưu hồ sơ."),
        error_messages={"required": _("Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân để gửi.")},
    )
    # The guards (see the module's docstring).
    website = forms.CharField(label=_("Không điền vào ô này"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        if not self.is_bound:
            self.initial["started"] = started_token()
        for field in self.fields.values():
            for validator in field.validators:
                if isinstance(validator, ProhibitNullCharactersValidator):
                    validator.message = _("Có ký tự không hợp lệ (ký tự rỗng).")

    def check_guards(self):
        """Raise :class:`Refused` for robots, forms sent too fast and expired forms."""
        if (self.data.get("website") or "").strip():
            raise Refused(_("Không thể nhận thư này: có một ô ẩn đã bị điền (dấu hiệu của phần mềm tự động)."))
        try:
            started = signing.loads(
                self.data.get("started") or "",
                salt=SIGNING_SALT,
                max_age=_setting("PORTAL_CITIZENS_FORM_MAX_AGE_SECONDS", 86400),
            )
        except signing.SignatureExpired as error:
            raise Refused(
                _("Biểu mẫu đã mở quá lâu nên đã hết hạn. Nội dung bạn nhập vẫn còn dưới đây; vui lòng bấm Gửi lại.")
            ) from error
        except signing.BadSignature as error:
            raise Refused(
                _("Biểu mẫu không hợp lệ. Nội dung bạn nhập vẫn còn dưới đây; vui lòng bấm Gửi lại.")
            ) from error
        elapsed = time.time() - int(started)
        if elapsed > _setting("PORTAL_CITIZENS_FORM_MAX_AGE_SECONDS", 86400):
            raise Refused(
                _("Biểu mẫu đã mở quá lâu nên đã hết hạn. Nội dung bạn nhập vẫn còn dưới đây; vui lòng bấm Gửi lại.")
            )
        if elapsed < min_fill_seconds():
            raise Refused(
                _(
                    "Biểu mẫu được gửi quá nhanh sau khi mở (dấu hiệu của phần mềm tự động). "
                    "Vui lòng kiểm tra lại nội dung rồi bấm Gửi lại."
                )
            )

    def renew_started(self):
        """A refused or invalid form is shown again with a fresh timestamp."""
        data = self.data.copy()
        data["started"] = started_token()
        self.data = data

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                if CONTROL.search(value):
                    self.add_error(name, _("Có ký tự điều khiển không hợp lệ."))
                cleaned[name] = value.strip()
        missing = not cleaned.get("email") and not cleaned.get("phone")
        if missing and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", _("Vui lòng nhập thư điện tử hoặc số điện thoại để Sở liên hệ khi cần."))
        return cleaned

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Số điện thoại chỉ gồm chữ số (có thể có dấu +, dấu cách), 8–20 ký tự."))
        return phone


class AttachmentMixin(forms.Form):
    attachment = forms.FileField(
        label=_("Tệp đính kèm"),
        required=False,
        error_messages={"invalid": _("Tệp gửi lên không hợp lệ."), "empty": _("Tệp đính kèm rỗng.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _("Không bắt buộc. Tối đa %(max)s; chấp nhận: %(allowed)s.") % {
            "max": filesizeformat(max_attachment_bytes()),
            "allowed": ", ".join(ATTACHMENT_EXTENSIONS),
        }
        self.fields["attachment"].widget.attrs["accept"] = ",".join(f".{e}" for e in ATTACHMENT_EXTENSIONS)

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if not uploaded:
            return None
        if uploaded.size > max_attachment_bytes():
            raise ValidationError(
                _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
                % {"size": filesizeformat(uploaded.size), "max": filesizeformat(max_attachment_bytes())}
            )
        extension = os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")
        if extension not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                _("Không chấp nhận tệp “.%(extension)s”. Chỉ được gửi: %(allowed)s.")
                % {"extension": extension[:10], "allowed": ", ".join(ATTACHMENT_EXTENSIONS)}
            )
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        check_document_bytes(data, f"tep.{extension}")
        uploaded.portal_extension = extension
        return uploaded


class QuestionForm(AttachmentMixin, CitizenForm):
    kind = "HD"
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Topic.objects.all(),
        empty_label=_("-- Chọn lĩnh vực --"),
        error_messages={
            "required": _("Vui lòng chọn lĩnh vực."),
            "invalid_choice": _("Lĩnh vực đã chọn không có trong danh sách."),
        },
    )
    title = _text(_("Tiêu đề"), 200)
    content = _text(_("Nội dung câu hỏi"), 5000, widget=forms.Textarea(attrs={"rows": 8}))

    field_order = ["name", "email", "phone", "address", "topic", "title", "content", "attachment", "consent"]


class CommentForm(AttachmentMixin, CitizenForm):
    kind = "GY"
    address = _text(_("Cơ quan, đơn vị hoặc địa chỉ"), 255, required=False, help_text=_("Không bắt buộc."))
    content = _text(_("Nội dung góp ý"), 10000, widget=forms.Textarea(attrs={"rows": 10}))

    field_order = ["name", "email", "phone", "address", "content", "attachment", "consent"]


class ContactForm(AttachmentMixin, CitizenForm):
    kind = "LH"
    title = _text(_("Tiêu đề"), 200)
    content = _text(_("Nội dung phản ánh, kiến nghị"), 5000, widget=forms.Textarea(attrs={"rows": 8}))

    field_order = ["name", "email", "phone", "address", "title", "content", "attachment", "consent"]
