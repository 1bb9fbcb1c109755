"""The news editor's form: a news item needs a category before it is published.

The home page shows news by category ("Tin mới theo chuyên mục"), so a news item without
one would go live and never reach the home page, without a word. Saving a draft (and
the preview) still works without a category; publishing or sending for approval
("Gửi duyệt") asks for one, next to the field, and says why.
"""

from django.utils.translation import gettext_lazy as _

from portal.editorial.page_form import PortalPageForm

NO_CATEGORY = _(
    "Chọn ít nhất một chuyên mục: trang chủ chỉ hiện tin theo chuyên mục, tin không có chuyên mục "
    "sẽ không bao giờ hiện ở trang chủ. Bản nháp vẫn lưu được khi chưa chọn."
)


class NewsPageForm(PortalPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if (
            "categories" in self.fields
            and not self.is_deferred_validation
            and not cleaned_data.get("categories")
            and "categories" not in self.errors
        ):
            self.add_error("categories", NO_CATEGORY)
        return cleaned_data
