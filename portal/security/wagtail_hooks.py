from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/", two_factor.manage, name="portal_2fa_manage"),
        path("2fa/verify/", two_factor.verify, name="portal_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("portal_2fa_manage"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bật hoặc tắt việc nhập mã từ ứng dụng xác thực khi đăng nhập."),
    }


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    from .private_documents import before_serve_document

    return before_serve_document(document, request)
