"""Cơ cấu tổ chức: the people and units of the department, kept once as snippets that
editors manage (and translate with wagtail-localize), and the pages built from them:
Lãnh đạo Sở, Cơ cấu tổ chức (units and an organisation chart in HTML), Người phát ngôn,
Tiếp cận thông tin and Sơ đồ cổng. Editing a person changes every page that shows them
(``organisation.purge``)."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from portal.cache.fragments import public
from portal.core.translation import localized

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


def with_photo(queryset, prefix=""):
    """Select the photo and prefetch its renditions (no query per portrait)."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related(f"{prefix}photo").prefetch_related(
        Prefetch(f"{prefix}photo__renditions", queryset=renditions)
    )


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A person of the department shown on the portal: a leader, a unit's head, the
    spokesperson or the contact officer."""

    DIRECTOR = "giam_doc"
    DEPUTY = "pho_giam_doc"
    OTHER = "khac"
    ROLES = [(DIRECTOR, _("Giám đốc")), (DEPUTY, _("Phó Giám đốc")), (OTHER, _("Cán bộ, công chức khác"))]

    name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(
        _("chức vụ"),
        max_length=255,
        help_text=_("Chức vụ đầy đủ, ví dụ: Phó Giám đốc Sở; Chánh Văn phòng Sở."),
    )
    role = models.CharField(
        _("nhóm"),
        max_length=20,
        choices=ROLES,
        default=OTHER,
        help_text=_("Giám đốc và Phó Giám đốc hiển thị trên trang Lãnh đạo Sở và trong sơ đồ tổ chức."),
    )
    responsibilities = models.TextField(
        _("lĩnh vực phụ trách"),
        blank=True,
        help_text=_("Nhiệm vụ, lĩnh vực được phân công; mỗi ý một dòng."),
    )
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh chân dung"),
        help_text=_("Ảnh chân dung, tỉ lệ 4:5; nội dung thay thế là họ tên."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước (trong cùng nhóm).")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("role"),
        FieldPanel("responsibilities"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], _("Liên hệ")),
        FieldPanel("photo"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("title"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ (lãnh đạo, người phát ngôn, đầu mối)")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.name} – {self.title}"

    @property
    def responsibility_lines(self):
        return [line.strip(" -–•\t") for line in self.responsibilities.splitlines() if line.strip(" -–•\t")]

    @property
    def phone_link(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @classmethod
    def leaders(cls, locale_id):
        queryset = with_photo(cls.objects.filter(role__in=[cls.DIRECTOR, cls.DEPUTY]))
        people = localized(queryset, locale_id)
        return sorted(people, key=lambda p: (p.role != cls.DIRECTOR, p.sort_order, p.pk))


class Unit(TranslatableMixin, index.Indexed, models.Model):
    """A unit of the department: Văn phòng, Thanh tra, a phòng, a ban or a unit under it."""

    OFFICE = "phong"
    BOARD = "ban"
    ATTACHED = "truc_thuoc"
    KINDS = [
        (OFFICE, _("Văn phòng, Thanh tra và phòng chuyên môn")),
        (BOARD, _("Ban thuộc Sở")),
        (ATTACHED, _("Đơn vị trực thuộc")),
    ]

    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=KINDS, default=OFFICE)
    functions = models.TextField(
        _("chức năng, nhiệm vụ"), blank=True, help_text=_("Chức năng, nhiệm vụ chính; mỗi ý một dòng.")
    )
    head = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
        verbose_name=_("người đứng đầu"),
        help_text=_("Trưởng phòng, Chánh Văn phòng, Trưởng ban… (chọn trong danh sách cán bộ)."),
    )
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước."))

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("functions"),
        FieldPanel("head"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], _("Liên hệ")),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị thuộc Sở")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    @property
    def function_lines(self):
        return [line.strip(" -–•\t") for line in self.functions.splitlines() if line.strip(" -–•\t")]

    @classmethod
    def grouped(cls, locale_id):
        """``[(kind label, [units])]`` in the language ``locale_id``, heads included."""
        units = localized(cls.objects.select_related("head"), locale_id)
        groups = []
        for kind, label in cls.KINDS:
            members = [u for u in units if u.kind == kind]
            if members:
                groups.append((kind, label, members))
        return groups


@register_setting(icon="group")
class OrganisationSettings(BaseSiteSetting):
    """Who speaks for the department and who is its contact officer; the people
    themselves (and their translations) are in the list of cán bộ."""

    spokesperson = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người phát ngôn"),
        help_text=_("Người phát ngôn, cung cấp thông tin cho báo chí (Nghị định 09/2017/NĐ-CP)."),
    )
    spokesperson_deputy = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người được ủy quyền phát ngôn"),
        help_text=_("Người được ủy quyền phát ngôn khi người phát ngôn vắng (có thể để trống)."),
    )
    contact_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("đầu mối cung cấp thông tin"),
        help_text=_("Cán bộ đầu mối tiếp nhận yêu cầu cung cấp thông tin của công dân (Nghị định 13/2018/NĐ-CP)."),
    )

    panels = [FieldPanel("spokesperson"), FieldPanel("spokesperson_deputy"), FieldPanel("contact_officer")]

    class Meta:
        verbose_name = _("người phát ngôn và đầu mối")
        verbose_name_plural = _("người phát ngôn và đầu mối")

    def people(self, locale_id, photos=True):
        """``{"spokesperson": Person, …}`` in the language ``locale_id`` (one query, and one
        for the portraits' renditions with ``photos``)."""
        chosen = {
            name: getattr(self, f"{name}_id")
            for name in ("spokesperson", "spokesperson_deputy", "contact_officer")
            if getattr(self, f"{name}_id")
        }
        if not chosen:
            return {}
        keys = Person.objects.filter(pk__in=chosen.values()).values("translation_key")
        rows = list(
            with_photo(
                Person.objects.filter(Q(pk__in=chosen.values()) | Q(translation_key__in=keys, locale_id=locale_id))
            )
        )
        by_pk = {row.pk: row for row in rows}
        translated = {row.translation_key: row for row in rows if row.locale_id == locale_id}
        found = {}
        for name, pk in chosen.items():
            source = by_pk.get(pk)
            if source is not None:
                found[name] = translated.get(source.translation_key, source)
        return found


class OrganisationPageMixin:
    """Every page of the app: one per parent, no sub-pages, intro shown as the lead."""

    max_count_per_parent = 1
    subpage_types = []


INTRO_HELP = _("Một hai câu giới thiệu hiển thị dưới tiêu đề trang.")


def intro_field():
    return models.TextField(_("tóm tắt"), blank=True, help_text=INTRO_HELP)


class LeadershipPage(OrganisationPageMixin, Page):
    """Lãnh đạo Sở: the Giám đốc and Phó Giám đốc, from the list of cán bộ."""

    intro = intro_field()
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.StandardPage", "portal.HomePage"]

    class Meta:
        verbose_name = _("trang lãnh đạo Sở")
        verbose_name_plural = _("trang lãnh đạo Sở")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = Person.leaders(self.locale_id)
        return context


class OrganisationPage(OrganisationPageMixin, Page):
    """Cơ cấu tổ chức: the organisation chart, the units and the contact officer."""

    intro = intro_field()
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.StandardPage", "portal.HomePage"]

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")
        verbose_name_plural = _("trang cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        leaders = localized(Person.objects.filter(role__in=[Person.DIRECTOR, Person.DEPUTY]), self.locale_id)
        leaders.sort(key=lambda p: (p.role != Person.DIRECTOR, p.sort_order, p.pk))
        context["director"] = next((p for p in leaders if p.role == Person.DIRECTOR), None)
        context["deputies"] = [p for p in leaders if p.role == Person.DEPUTY]
        context["groups"] = Unit.grouped(self.locale_id)
        settings = OrganisationSettings.for_request(request) if request else None
        context["officers"] = settings.people(self.locale_id) if settings else {}
        return context


class SpokespersonPage(OrganisationPageMixin, Page):
    """Người phát ngôn (Nghị định 09/2017/NĐ-CP): chosen in the site setting."""

    intro = intro_field()
    body = RichTextField(
        _("nội dung"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Quyết định giao nhiệm vụ phát ngôn, quy chế phát ngôn… (có thể để trống)."),
    )
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.StandardPage", "portal.HomePage"]

    class Meta:
        verbose_name = _("trang người phát ngôn")
        verbose_name_plural = _("trang người phát ngôn")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        settings = OrganisationSettings.for_request(request) if request else None
        context["officers"] = settings.people(self.locale_id) if settings else {}
        return context


def site_sections(home, exclude=()):
    """The live, public pages of the site's page tree under ``home``, as nested
    ``(page, children)``: every top-level page, and below it the pages shown in menus
    or having pages of their own (a listing's articles are left out). Two queries."""
    depth = home.depth
    pages = (
        public(Page.objects.live())
        .descendant_of(home)
        .filter(depth__gt=depth, depth__lte=depth + 3)
        .filter(Q(depth=depth + 1) | Q(show_in_menus=True) | Q(numchild__gt=0))
        .exclude(pk__in=exclude)
        .filter(alias_of__isnull=True)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "search_description")
    )
    nodes = {home.path: []}
    for page in pages:
        siblings = nodes.get(page.path[: -Page.steplen])
        if siblings is None:  # its parent is not shown: neither is it
            continue
        children = []
        siblings.append((page, children))
        nodes[page.path] = children
    return nodes[home.path]


class InformationAccessPage(OrganisationPageMixin, Page):
    """Tiếp cận thông tin (Nghị định 13/2018/NĐ-CP, Điều 11): the list of information the
    department publishes, built from the site's sections, with the editors' text."""

    intro = intro_field()
    body = RichTextField(
        _("nội dung"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_(
            "Cách yêu cầu cung cấp thông tin, thời hạn, chi phí…; danh mục các mục của cổng được thêm tự động."
        ),
    )
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("trang tiếp cận thông tin")
        verbose_name_plural = _("trang tiếp cận thông tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_ancestors().filter(depth=2).first()
        context["sections"] = site_sections(home, exclude=[self.pk]) if home else []
        settings = OrganisationSettings.for_request(request) if request else None
        context["officers"] = settings.people(self.locale_id) if settings else {}
        return context


class SiteMapPage(OrganisationPageMixin, Page):
    """Sơ đồ cổng: the site's page tree in HTML, in the page's language."""

    intro = intro_field()
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = _("trang sơ đồ cổng")
        verbose_name_plural = _("trang sơ đồ cổng")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        context["home"] = home
        context["sections"] = site_sections(home)
        return context
