"""Thủ tục hành chính: the procedures the department handles, by lĩnh vực.

The portal links out to each procedure's record on the provincial and national
public-service portals (Cổng Dịch vụ công); it does not copy the procedure's text.
Procedures and fields are snippets (entered or imported from the public-service portal's
export, ``manage.py import_procedures``); ``ProcedureIndexPage`` lists them, filtered by
field and level and searched with the site search's folding (``portal.search.text``).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal.core.views import paginate
from portal.search.text import folded_words, parse_query

PER_PAGE = 20
PROVINCIAL_HOST = "dichvucong.kontum.gov.vn"
NATIONAL_HOST = "dichvucong.gov.vn"

code_validator = RegexValidator(
    r"^[0-9]{1,2}\.[0-9]{6}(\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.H[0-9]{2})?$",
    _("Mã thủ tục có dạng 1.005384 (hoặc mã đầy đủ 1.005384.000.00.00.H34)."),
)


class Level(models.TextChoices):
    FULL = "toan-trinh", _("Toàn trình")
    PARTIAL = "mot-phan", _("Một phần")
    INFORMATION = "thong-tin", _("Cung cấp thông tin")


class ProcedureField(models.Model):
    """Lĩnh vực thủ tục: Công chức, viên chức; Thi đua, khen thưởng; Tôn giáo…"""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        unique=True,
        help_text=_("Chữ không dấu, ví dụ: thi-dua-khen-thuong (dùng trong địa chỉ lọc ?linh-vuc=…)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("lĩnh vực thủ tục")
        verbose_name_plural = _("lĩnh vực thủ tục")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            from portal.core.slugs import vn_slug

            self.slug = vn_slug(self.name)
        super().save(*args, **kwargs)


class Procedure(index.Indexed, models.Model):
    """Một thủ tục hành chính, với đường dẫn tới bản ghi trên Cổng Dịch vụ công."""

    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ: 1.005384."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=1000)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    level = models.CharField(
        _("mức độ"),
        max_length=20,
        choices=Level.choices,
        default=Level.PARTIAL,
        help_text=_("Dịch vụ công trực tuyến toàn trình, một phần, hoặc chỉ cung cấp thông tin."),
    )
    agency = models.CharField(
        _("cơ quan thực hiện"), max_length=255, default="Sở Nội vụ tỉnh Kon Tum", help_text=_("Cơ quan giải quyết.")
    )
    provincial_url = models.URLField(
        _("đường dẫn Cổng DVC tỉnh"),
        max_length=1000,
        blank=True,
        help_text=_("Địa chỉ của thủ tục trên Cổng Dịch vụ công tỉnh Kon Tum (dichvucong.kontum.gov.vn)."),
    )
    national_url = models.URLField(
        _("đường dẫn Cổng DVC quốc gia"),
        max_length=1000,
        blank=True,
        help_text=_("Địa chỉ của thủ tục trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)."),
    )
    active = models.BooleanField(
        _("đang áp dụng"), default=True, help_text=_("Bỏ chọn khi thủ tục bị bãi bỏ: thủ tục không còn hiển thị.")
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("field"),
        FieldPanel("level"),
        FieldPanel("agency"),
        MultiFieldPanel([FieldPanel("provincial_url"), FieldPanel("national_url")], heading=_("Liên kết")),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.FilterField("level"),
        index.FilterField("active"),
    ]

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__sort_order", "field__name", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = folded_words(f"{self.code} {self.name} {self.agency}")
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        for name, host, label in (
            ("provincial_url", PROVINCIAL_HOST, _("Cổng Dịch vụ công tỉnh")),
            ("national_url", NATIONAL_HOST, _("Cổng Dịch vụ công quốc gia")),
        ):
            message = url_problem(getattr(self, name), host, label)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)


def url_problem(url, host, label):
    """A Vietnamese message when ``url`` is not an address on ``host`` (or below it)."""
    from urllib.parse import urlsplit

    if not url:
        return None
    parts = urlsplit(url)
    netloc = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not (netloc == host or netloc.endswith("." + host)):
        return _("Đường dẫn %(label)s phải là địa chỉ trên %(host)s.") % {"label": label, "host": host}
    return None


class ProcedureIndexPage(Page):
    """Thủ tục hành chính: the list, filtered by lĩnh vực and mức độ, searchable."""

    intro = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ngắn ở đầu trang thủ tục hành chính.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang thủ tục hành chính")
        verbose_name_plural = _("trang thủ tục hành chính")

    def serve(self, request, *args, **kwargs):
        context = self.get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        status = 400 if context["bad_filter"] else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def listing(self, request):
        fields = list(ProcedureField.objects.all())
        by_slug = {f.slug: f for f in fields}
        procedures = Procedure.objects.filter(active=True).select_related("field")
        bad_filter = False

        field_slug = request.GET.get("linh-vuc", "")
        field = by_slug.get(field_slug) if field_slug else None
        if field_slug and field is None:
            bad_filter = True
        elif field is not None:
            procedures = procedures.filter(field=field)

        level = request.GET.get("muc-do", "")
        if level and level not in Level.values:
            bad_filter, level = True, ""
        elif level:
            procedures = procedures.filter(level=level)

        query = parse_query(request.GET.get("q", ""))
        for word in query.words:
            procedures = procedures.filter(search_text__contains=f" {word} ")

        key = ("procedures", self.pk, field.pk if field else None, level, query.phrase)
        results = paginate(request, procedures, PER_PAGE, cache_key=key)
        params = {
            k: v for k, v in (("linh-vuc", field.slug if field else ""), ("muc-do", level), ("q", query.text)) if v
        }
        return {
            "procedures": results,
            "fields": fields,
            "levels": Level.choices,
            "selected_field": field,
            "selected_level": level,
            "query": query,
            "bad_filter": bad_filter,
            "filtered": bool(params),
            "query_string": urlencode(params),
            "first_number": (results.number - 1) * PER_PAGE,
        }
