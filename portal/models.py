from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from portal.core.blocks import ArticleStreamBlock


class HomePage(Page):
    """Trang chủ: the root of the portal's page tree."""

    intro = RichTextField(
        _("giới thiệu ngắn"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Đoạn giới thiệu ngắn hiển thị đầu trang chủ (có thể để trống)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "featured_items",
            label=_("Tin nổi bật"),
            heading=_("Tin nổi bật"),
            help_text=_("Chọn các bài viết hiển thị nổi bật trên trang chủ, theo thứ tự."),
            max_num=8,
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def featured_pages(self):
        """Live, public featured pages in the editors' order (specific instances), in this
        home page's language: a translated home page shows the translations of the
        chosen pages, and leaves out those not translated (English pages show English
        content only)."""
        ids = [item.page_id for item in self.featured_items.all() if item.page_id]
        if not ids:
            return []
        chosen = Page.objects.filter(id__in=ids)
        pages = (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=chosen.values("translation_key"))
            # The chosen page each one stands for (itself, or the page it translates).
            .annotate(chosen_id=Subquery(chosen.filter(translation_key=OuterRef("translation_key")).values("id")[:1]))
            .specific()
        )
        by_chosen = {page.chosen_id: page for page in pages}
        return [by_chosen[i] for i in ids if i in by_chosen]


class HomeFeaturedItem(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bài viết"),
        help_text=_("Bài viết (tin, kế hoạch, video…) đưa lên mục nổi bật."),
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin nổi bật")
        verbose_name_plural = _("tin nổi bật")


class StandardPage(Page):
    """Trang nội dung: Giới thiệu, chức năng nhiệm vụ, cơ cấu tổ chức, liên hệ…"""

    intro = models.TextField(
        _("tóm tắt"),
        blank=True,
        help_text=_("Một hai câu tóm tắt nội dung trang; hiển thị dưới tiêu đề và trong kết quả tìm kiếm."),
    )
    body = StreamField(ArticleStreamBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    # No subpage_types: under a content page go content pages and the page types that
    # name it among their parents (the directory's pages under Giới thiệu, for example),
    # so that a content app adds its pages there without this model naming it.

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")


class AgencyProfile(TranslatableMixin, models.Model):
    """The agency's facts in one language: translated with wagtail-localize like any
    snippet (Wagtail's site settings cannot be translated; the site setting points here)."""

    name = models.CharField(
        _("tên cơ quan"), max_length=255, default="Sở Nội vụ tỉnh Kon Tum", help_text=_("Tên đầy đủ của cơ quan.")
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        default="Ủy ban nhân dân tỉnh Kon Tum",
        help_text=_("Hiển thị phía trên tên cơ quan ở đầu trang."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=255,
        blank=True,
        help_text=_("Người chịu trách nhiệm chính về nội dung cổng thông tin, kèm chức vụ."),
    )
    attribution = models.CharField(
        _("dòng ghi nguồn"),
        max_length=500,
        blank=True,
        default="Ghi rõ nguồn “Cổng thông tin điện tử Sở Nội vụ tỉnh Kon Tum” khi phát hành lại thông tin từ website này.",
        help_text=_("Yêu cầu ghi nguồn khi phát hành lại thông tin."),
    )
    licence = models.CharField(
        _("giấy phép"),
        max_length=500,
        blank=True,
        help_text=_("Giấy phép thiết lập trang thông tin điện tử (nếu có)."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("governing_body"),
        FieldPanel("address"),
        FieldPanel("responsible_person"),
        FieldPanel("attribution"),
        FieldPanel("licence"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("thông tin cơ quan (theo ngôn ngữ)")
        verbose_name_plural = _("thông tin cơ quan (theo ngôn ngữ)")

    def __str__(self):
        return f"{self.name} ({self.locale.language_code})"


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """The agency's facts shown in the header and footer of every page.

    Language-neutral facts live here; the texts (name, address, attribution…) live in an
    :class:`AgencyProfile` that editors translate. ``settings.portal.AgencySettings.name``
    and the other text attributes give the text in the visitor's language.
    """

    profile = models.ForeignKey(
        AgencyProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("thông tin cơ quan"),
        help_text=_("Tên, địa chỉ, dòng ghi nguồn… (dịch sang tiếng Anh trong mục Snippets)."),
    )
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("biểu trưng"),
        help_text=_("Biểu trưng hiển thị ở đầu trang; để trống để dùng quốc huy mặc định."),
    )

    # Thông tư 22/2023/TT-BTTTT, Phụ lục III: the slot for the state's monitoring script (EMC)
    # or an analytics script (portal/core/monitoring.py). Empty: nothing is loaded.
    monitoring_script_url = models.URLField(
        _("địa chỉ mã giám sát"),
        max_length=500,
        blank=True,
        help_text=_(
            "Địa chỉ (https://…) của tệp mã theo dõi do cơ quan quản lý cung cấp (mã giám sát EMC theo Thông tư "
            "22/2023/TT-BTTTT) hoặc của công cụ thống kê. Để trống: không tải mã nào, trang không gọi ra ngoài."
        ),
    )

    panels = [
        FieldPanel("profile"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("logo")], _("Liên hệ")
        ),
        MultiFieldPanel([FieldPanel("monitoring_script_url")], _("Giám sát, thống kê")),
    ]

    class Meta:
        verbose_name = _("thông tin cơ quan")
        verbose_name_plural = _("thông tin cơ quan")

    def clean(self):
        from portal.core.monitoring import script_problem

        super().clean()
        problem = script_problem(self.monitoring_script_url)
        if problem:
            from django.core.exceptions import ValidationError

            raise ValidationError({"monitoring_script_url": problem})

    @cached_property
    def localized_profile(self):
        """The profile in the active language, falling back to the original."""
        if self.profile_id is None:
            return AgencyProfile()
        from portal.cache.fragments import cached

        # Shown on every page (title, header, footer): kept until the next publication or
        # edit (editing a snippet or a setting starts a new generation).
        language = (get_language() or "").split("-")[0]
        return cached(("agency_profile", self.profile_id, language), lambda: self._load_profile(language))

    def _load_profile(self, language):
        # One query for the original and its translation into the active language.
        same_key = AgencyProfile.objects.filter(pk=self.profile_id).values("translation_key")[:1]
        rows = list(
            AgencyProfile.objects.filter(
                Q(pk=self.profile_id) | Q(translation_key__in=same_key, locale__language_code=language)
            ).select_related("locale")
        )
        for row in rows:
            if row.locale.language_code == language:
                return row
        return next((row for row in rows if row.pk == self.profile_id), AgencyProfile())

    name = property(lambda self: self.localized_profile.name)
    governing_body = property(lambda self: self.localized_profile.governing_body)
    address = property(lambda self: self.localized_profile.address)
    responsible_person = property(lambda self: self.localized_profile.responsible_person)
    attribution = property(lambda self: self.localized_profile.attribution)
    licence = property(lambda self: self.localized_profile.licence)
