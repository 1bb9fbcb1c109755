"""The app's pages in the site's structure (``site_sections``; ``manage.py setup_site``
and ``load_demo``): under Giới thiệu, Cơ cấu tổ chức, Lãnh đạo Sở and Người phát ngôn;
under the home page, Tiếp cận thông tin and Sơ đồ cổng (linked from the home page and
the footer, kept out of the main menu, which is full enough). English versions too.
Pages that exist are never changed."""

from django.db import transaction
from wagtail.models import Locale, Page, Revision

from organisation import strings_en
from organisation.structure_text import ACCESS_BODY, SPOKESPERSON_BODY
from portal.core.page_tree import ensure_page
from portal.core.site_structure import ensure_english
from portal.core.translation import translate

ABOUT_PAGES = [
    # slug, model name, title, intro, extra fields
    (
        "co-cau-to-chuc",
        "OrganisationPage",
        "Cơ cấu tổ chức",
        "Sơ đồ tổ chức và các đơn vị thuộc Sở Nội vụ tỉnh Kon Tum.",
        {},
    ),
    ("lanh-dao-so", "LeadershipPage", "Lãnh đạo Sở", "Giám đốc, các Phó Giám đốc Sở và lĩnh vực phụ trách.", {}),
    (
        "nguoi-phat-ngon",
        "SpokespersonPage",
        "Người phát ngôn",
        "Người phát ngôn và cung cấp thông tin cho báo chí của Sở Nội vụ tỉnh Kon Tum.",
        {"body": SPOKESPERSON_BODY},
    ),
]
HOME_PAGES = [
    (
        "tiep-can-thong-tin",
        "InformationAccessPage",
        "Tiếp cận thông tin",
        "Danh mục thông tin Sở Nội vụ công khai và cách yêu cầu cung cấp thông tin.",
        {"body": ACCESS_BODY},
    ),
    ("so-do-cong", "SiteMapPage", "Sơ đồ cổng", "Tất cả các mục của Cổng thông tin điện tử Sở Nội vụ.", {}),
]


def _model(name):
    from organisation import models

    return getattr(models, name)


def _free_slug(parent, slug, model, stdout):
    """Make room for the app's page where an untouched plain page of the same slug
    stands (the content pages ``setup_site`` made before this app existed): it is
    deleted with its translations. A page an editor changed is kept. Returns whether
    the slug can be used."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None or isinstance(existing.specific, model):
        return True
    untouched = (
        existing.numchild == 0
        and Revision.page_revisions.filter(object_id=str(existing.pk)).count() <= 1
        and existing.specific_class.__name__ == "StandardPage"
    )
    if not untouched:
        stdout.write(f"  ! {existing.url_path}: đã có trang khác, không tạo {model._meta.verbose_name}")
        return False
    for page in [*existing.get_translations(), existing]:
        page.delete()
    return True


def ensure_sections(home, stdout):
    about = home.get_children().filter(slug="gioi-thieu").first() or home
    pages = []
    for parent, specs in ((about, ABOUT_PAGES), (home, HOME_PAGES)):
        for slug, model_name, title, intro, extra in specs:
            model = _model(model_name)
            if not _free_slug(parent, slug, model, stdout):
                continue
            page, created = ensure_page(
                parent, model, slug, title=title, intro=intro, show_in_menus=parent is about, **extra
            )
            if created:
                stdout.write(f"  + {title}")
            pages.append(page)
    ensure_english_pages(home, pages, stdout)
    return pages


def ensure_english_pages(home, pages, stdout):
    """English versions of the app's pages, after those of their parents (the core's)."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    ensure_english(home, stdout)
    for page in pages:
        if page.get_translation_or_none(english) is not None:
            continue
        if page.get_parent().get_translation_or_none(english) is None:
            continue
        translated = translate(page, "en", strings_en.PAGES)
        stdout.write(f"  + {translated.title} (English)")
        transaction.on_commit(
            lambda pk=translated.pk, when=page.first_published_at: Page.objects.filter(pk=pk).update(
                first_published_at=when, last_published_at=when
            )
        )
