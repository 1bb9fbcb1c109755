"""Optional two-factor authentication for the Wagtail admin (TOTP, on django-otp).

wagtail-2fa 1.8 does not import on Wagtail 8 (``wagtail.users.widgets`` is gone), so this
is a small integration of django-otp's maintained TOTP device with Wagtail:

- "Tài khoản → Xác thực hai bước" (``/admin/2fa/``): a user scans a QR code with an
  authenticator app and confirms with a code; they can also switch it off (after giving a
  code).
- After the password, a user who has a confirmed device is sent to ``/admin/2fa/verify/``
  and must enter a code before any other admin page opens. django-otp throttles wrong
  codes (growing delays). Users without a device log in as before, so 2FA is opt-in.
- It only runs under ``/admin/``: public pages never touch the session.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

ALLOWED_UNVERIFIED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "portal_2fa_verify",
}


class OptionalTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, for admin paths only, plus: a user with a confirmed device
    must have entered a code in this session before using the admin."""

    def __call__(self, request):
        prefixes = tuple(settings.PORTAL_2FA_PATH_PREFIXES)
        if not request.path_info.startswith(prefixes):
            return self.get_response(request)
        self._install_lazy_accessors(request)
        user = request.user
        if user.is_authenticated and not user.is_verified() and user_has_device(user, confirmed=True):
            match = getattr(request, "resolver_match", None)
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is None or match.url_name not in ALLOWED_UNVERIFIED:
                return redirect_to_login(request.get_full_path(), login_url=reverse("portal_2fa_verify"))
        return self.get_response(request)


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        device = self.device
        if device is None:
            raise forms.ValidationError(_("Chưa thiết lập xác thực hai bước."))
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Nhập sai mã quá nhiều lần. Vui lòng chờ một lát rồi thử lại."))
        if not device.verify_token(token):
            raise forms.ValidationError(_("Mã xác thực không đúng hoặc đã hết hạn."))
        return token


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
    device = _confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_safe_next(request))
    return TemplateResponse(request, "security/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - generated by qrcode from our own URL


@never_cache
@sensitive_post_parameters("otp_token")
def manage(request):
    """Set up, confirm or switch off the user's TOTP device."""
    user = request.user
    device = _confirmed_device(user)
    if device is not None:
        form = TokenForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("Đã tắt xác thực hai bước."))
            return redirect("portal_2fa_manage")
        return TemplateResponse(request, "security/two_factor_manage.html", {"enabled": True, "form": form})

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is None or request.method == "GET":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        pending = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    form = TokenForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        messages.success(request, _("Đã bật xác thực hai bước. Từ lần đăng nhập sau, hãy nhập mã từ ứng dụng."))
        return redirect("portal_2fa_manage")
    secret = base64.b32encode(pending.bin_key).decode("ascii").rstrip("=")
    return TemplateResponse(
        request,
        "security/two_factor_manage.html",
        {"enabled": False, "form": form, "qr_svg": _qr_svg(pending.config_url), "secret": secret},
    )
