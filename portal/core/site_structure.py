"""The department's site structure, shared by ``manage.py setup_site`` (a real
installation) and ``manage.py load_demo`` (the same structure plus demo content).

``build()`` creates, when missing, the home page (replacing Wagtail's "Welcome" page), the
agency's facts, Giới thiệu with Chức năng nhiệm vụ and Liên hệ (the pages built from
the directory of people and units, Cơ cấu tổ chức and Lãnh đạo Sở, come from the app
that keeps the directory, through its ``site_sections``), every content app's sections
(the ``portal_site_sections`` hook: listings, categories, reference lists, no content),
and the English versions of the home and Giới thiệu pages. It never overwrites a page or
a setting that already exists, so it can run any number of times.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal import registry
from portal.core import site_structure_en
from portal.core.page_tree import ensure_page
from portal.core.translation import translate
from portal.models import AgencyProfile, AgencySettings, HomePage, StandardPage

SITE_NAME = "Sở Nội vụ tỉnh Kon Tum"

P = "paragraph"

FUNCTIONS = [
    (
        P,
        "<p>Sở Nội vụ tỉnh Kon Tum là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, có chức năng tham mưu, "
        "giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: tổ chức bộ máy; vị trí việc làm, biên chế công chức; "
        "vị trí việc làm, cơ cấu viên chức theo chức danh nghề nghiệp và số lượng người làm việc trong đơn vị "
        "sự nghiệp công lập; tiền lương; cải cách hành chính; chính quyền địa phương; địa giới đơn vị hành chính; "
        "cán bộ, công chức, viên chức; tổ chức hội, tổ chức phi chính phủ; văn thư, lưu trữ nhà nước; tín ngưỡng, "
        "tôn giáo; thi đua, khen thưởng; công tác thanh niên.</p>",
    ),
    (P, "<h2>Nhiệm vụ và quyền hạn</h2>"),
    (
        P,
        "<ol><li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị; quy hoạch, kế hoạch dài hạn, 05 năm và hằng "
        "năm; chương trình, biện pháp tổ chức thực hiện các nhiệm vụ cải cách hành chính nhà nước thuộc lĩnh vực "
        "quản lý nhà nước được giao.</li><li>Hướng dẫn, kiểm tra và tổ chức thực hiện các văn bản quy phạm pháp luật, "
        "quy hoạch, kế hoạch sau khi được phê duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về các "
        "lĩnh vực thuộc phạm vi quản lý được giao.</li><li>Tham mưu, giúp Ủy ban nhân dân tỉnh tổ chức thực hiện "
        "công tác thi đua, khen thưởng; thẩm định hồ sơ đề nghị khen thưởng theo quy định của Luật Thi đua, khen "
        "thưởng.</li><li>Hướng dẫn, kiểm tra các cơ quan, tổ chức thực hiện các quy định của pháp luật về văn thư, "
        "lưu trữ; quản lý Lưu trữ lịch sử tỉnh.</li></ol>",
    ),
]

CONTACT = [
    (
        P,
        "<p><b>Sở Nội vụ tỉnh Kon Tum</b></p><p>Địa chỉ: 90 Trần Phú, phường Quyết Thắng, thành phố Kon Tum, "
        "tỉnh Kon Tum</p><p>Điện thoại: 0260 3862 517 – Fax: 0260 3862 518</p>"
        "<p>Thư điện tử: sonoivu@kontum.gov.vn</p><p>Giờ làm việc: sáng 07:00–11:00, chiều 13:00–17:00, "
        "từ Thứ 2 đến Thứ 6.</p>",
    ),
]

AGENCY_PROFILE = {
    "name": SITE_NAME,
    "governing_body": "Ủy ban nhân dân tỉnh Kon Tum",
    "address": "90 Trần Phú, phường Quyết Thắng, thành phố Kon Tum, tỉnh Kon Tum",
    "responsible_person": "Giám đốc Sở Nội vụ tỉnh Kon Tum",
    "attribution": "Ghi rõ nguồn “Cổng thông tin điện tử Sở Nội vụ tỉnh Kon Tum” khi phát hành lại "
    "thông tin từ website này.",
}
AGENCY_CONTACT = {"phone": "0260 3862 517", "fax": "0260 3862 518", "email": "sonoivu@kontum.gov.vn"}


def build(stdout, then=None):
    """Create what is missing of the structure, in one transaction; ``then(home)`` runs
    after the sections and before the menu order and the English versions are settled
    (``load_demo`` adds its demo content there). Returns the home page."""
    with transaction.atomic():
        home = ensure_home(stdout)
        ensure_agency(home)
        ensure_pages(home, stdout)
        for fn in registry.callables("site_sections"):
            fn(home, stdout)
        if then is not None:
            then(home)
        contact_last(home)
        ensure_english(home, stdout)
    return home


def site_address(base_url):
    """(hostname, port) of the public address ``PORTAL_BASE_URL``."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"PORTAL_BASE_URL must be http(s)://host[:port], not {base_url!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def set_site_address(home, base_url):
    """The default Site answers at the public address: its root URL (canonical links,
    purges, the admin's "view live") is ``base_url``. Returns the Site."""
    hostname, port = site_address(base_url)
    site = Site.objects.get(root_page=home)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


def ensure_home(stdout):
    root = Page.get_first_root_node()
    # The locales come from migrations; a flushed database (tests, a wiped install) has none.
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        # Replace Wagtail's "Welcome" page that the first migration creates.
        home = HomePage(title="Trang chủ", slug="trang-chu", locale=locale, show_in_menus=False)
        root.add_child(instance=home)
        home.save_revision().publish()
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ).delete()
        stdout.write("  + Trang chủ")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME)
    elif site.root_page_id != home.pk or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.save()
    return home


def ensure_agency(home):
    site = Site.objects.get(root_page=home)
    settings = AgencySettings.for_site(site)
    if settings.profile_id is None:  # never overwrite what the department entered
        profile = AgencyProfile.objects.filter(locale=home.locale).first()
        if profile is None:
            profile = AgencyProfile.objects.create(locale=home.locale, **AGENCY_PROFILE)
        settings.profile = profile
        for name, value in AGENCY_CONTACT.items():
            setattr(settings, name, value)
        settings.save()


def ensure_pages(home, stdout):
    about, created = ensure_page(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        intro="Giới thiệu về Sở Nội vụ tỉnh Kon Tum: chức năng, nhiệm vụ, cơ cấu tổ chức và lãnh đạo Sở.",
        show_in_menus=True,
    )
    _report(stdout, about, created)
    for slug, title, intro, body in [
        ("chuc-nang-nhiem-vu", "Chức năng nhiệm vụ", "Chức năng, nhiệm vụ và quyền hạn của Sở Nội vụ.", FUNCTIONS),
    ]:
        page, created = ensure_page(about, StandardPage, slug, title=title, intro=intro, body=body, show_in_menus=True)
        _report(stdout, page, created)
    contact, created = ensure_page(
        home,
        StandardPage,
        "lien-he",
        title="Liên hệ",
        intro="Thông tin liên hệ của Sở Nội vụ tỉnh Kon Tum.",
        body=CONTACT,
        show_in_menus=True,
    )
    _report(stdout, contact, created)


def contact_last(home):
    """Liên hệ stays the last item of the menu, whatever the apps added."""
    contact = home.get_children().filter(slug="lien-he").first()
    last = home.get_last_child()
    if contact is not None and last is not None and last.pk != contact.pk:
        contact.move(last, pos="right")


def ensure_english(home, stdout):
    """English versions of the home page, the Giới thiệu pages and the contact page
    (and the agency's facts), then the pages the apps declare under ``translations``,
    made with wagtail-localize; kept if they exist."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    if home.get_translation_or_none(english) is None:
        translate(home, "en", site_structure_en.HOME)
        stdout.write("  + Home (English)")
    apps_pages = [pair for fn in registry.callables("translations") for pair in fn()]
    for slug, strings in [*site_structure_en.PAGES, *apps_pages]:
        page = home.get_descendants().filter(slug=slug, locale=home.locale).first()
        if page is None:
            continue
        page = page.specific
        if page.get_translation_or_none(english) is None:
            translated = translate(page, "en", strings)
            stdout.write(f"  + {translated.title} (English)")
            # The English version keeps the original's publication date (set after
            # wagtail-localize's on-commit publish, which stamps "now").
            transaction.on_commit(
                lambda pk=translated.pk, when=page.first_published_at: Page.objects.filter(pk=pk).update(
                    first_published_at=when, last_published_at=when
                )
            )
    profile = AgencySettings.for_site(Site.objects.get(root_page=home)).profile
    if profile is not None and profile.get_translation_or_none(english) is None:
        translate(profile, "en", site_structure_en.AGENCY_PROFILE)


def _report(stdout, page, created):
    if created:
        stdout.write(f"  + {page.title}")
