"""The page editor's form: a slug already taken is explained in Vietnamese, with a way out.

Wagtail answers a taken slug with "The slug '…' is already in use within the parent
page." An abandoned attempt at a page (a draft never published, often forgotten) is
the usual culprit: the editor cannot see it from the new page's form. Here the error
names the page holding the address, says whether it is an unpublished draft, links to it
(to finish or delete it) and proposes a free address.

``install()`` makes ``PortalPageForm`` the ``base_form_class`` of every page model that
does not choose its own (Wagtail's admin sets ``Page.base_form_class`` itself, after the
project's apps are ready; a page model's own attribute comes first).
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug

from portal.core.formatting import datetime_ as vn_datetime


def slug_taken_message(holder, slug, parent):
    free = find_available_slug(parent, slug)
    if holder.live:
        state = _("đang được đăng")
    elif holder.first_published_at:
        state = _("đã gỡ xuất bản")
    else:
        state = _("bản nháp chưa bao giờ được xuất bản, sửa lần cuối %(when)s") % {
            "when": vn_datetime(holder.latest_revision_created_at) if holder.latest_revision_created_at else "?"
        }
    return format_html(
        _(
            'Địa chỉ “{slug}” đã được dùng cho trang “<a href="{url}" target="_blank">{title}</a>” ({state}). '
            "Mở trang đó để viết tiếp hoặc xóa nó nếu không cần nữa, hoặc đổi địa chỉ của trang này "
            "trong thẻ “Quảng bá”, ví dụ “{free}”."
        ),
        slug=slug,
        url=reverse("wagtailadmin_pages:edit", args=[holder.pk]),
        title=holder.get_admin_display_title(),
        state=state,
        free=free,
    )


class PortalPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug") or self.data.get("slug")
        if "slug" in self.errors and slug and self.parent_page is not None:
            holder = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                holder = holder.exclude(pk=self.instance.pk)
            holder = holder.first()
            if holder is not None:
                self.errors["slug"] = self.error_class(
                    [slug_taken_message(holder, slug, self.parent_page)], renderer=self.renderer
                )
        return cleaned_data


def install():
    from wagtail.models import get_page_models

    for model in get_page_models():
        if "base_form_class" not in model.__dict__:
            model.base_form_class = PortalPageForm
