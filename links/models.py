"""Liên kết website: links to other state agencies, in groups that editors order, each
with a logo; shown as a block of logos on the home page and as a compact list in the
footer of every page (``links.blocks``)."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.images import get_image_model
from wagtail.models import Orderable, TranslatableMixin

from portal.core.translation import localized


class LinkGroup(TranslatableMixin, ClusterableModel):
    name = models.CharField(
        _("tên nhóm"), max_length=120, help_text=_("Ví dụ: Cơ quan Trung ương; Sở, ban, ngành tỉnh.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước."))
    show_on_home = models.BooleanField(
        _("hiện trên trang chủ"), default=True, help_text=_("Hiện biểu trưng các liên kết của nhóm ở cuối trang chủ.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sort_order"),
        FieldPanel("show_on_home"),
        InlinePanel("links", label=_("Liên kết"), heading=_("Các liên kết"), min_num=1),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("nhóm liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    @classmethod
    def for_locale(cls, locale_id, home_only=False, logos=True):
        """The groups in the language ``locale_id`` (the original where a group has no
        translation), with their links (and ``logos``): two queries however many links,
        three with the logos."""
        groups = cls.objects.all()
        if home_only:
            groups = groups.filter(show_on_home=True)
        links = AgencyLink.objects.all()
        if logos:
            renditions = get_image_model().get_rendition_model().objects.all()
            links = links.select_related("logo").prefetch_related(Prefetch("logo__renditions", queryset=renditions))
        groups = groups.prefetch_related(Prefetch("links", queryset=links))
        return [group for group in localized(groups, locale_id) if group.links.all()]


class AgencyLink(TranslatableMixin, Orderable):
    group = ParentalKey(LinkGroup, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(_("tên cơ quan, website"), max_length=255)
    url = models.URLField(_("địa chỉ website"), max_length=500, help_text=_("Địa chỉ đầy đủ, bắt đầu bằng https://"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("biểu trưng"),
        help_text=_("Biểu trưng hoặc ảnh nút (banner) của website; để trống thì hiện tên."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("liên kết")
        verbose_name_plural = _("liên kết")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.name
