"""Vietnamese at /, English at /en/ (wagtail-localize for content, gettext for the UI)."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page

from portal.core.translation import translate
from portal.models import StandardPage


@pytest.fixture
def about(home):
    page = StandardPage(title="Giới thiệu", slug="gioi-thieu", intro="Về Sở Nội vụ.", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def english_home(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})


def test_english_locale_exists_after_migrations(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"vi", "en"}


def test_translating_a_page_with_wagtail_localize_publishes_it_at_its_english_url(
    client, about, english_home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        english = translate(about, "en", {"Giới thiệu": "About us", "gioi-thieu": "about", "Về Sở Nội vụ.": "About."})
    english.refresh_from_db()
    assert english.live
    response = client.get("/en/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "About us" in html
    # hreflang alternates both ways, and the switcher links to the other language.
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/gioi-thieu/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
    vi_html = client.get("/gioi-thieu/").content.decode()
    assert '<html lang="vi"' in vi_html
    assert 'href="/en/about/" hreflang="en"' in vi_html


def test_english_date_line_reads_like_saturday_03_12_2022(client, english_home, monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2022, 12, 3, 3, 0, tzinfo=datetime.UTC))
    assert "Saturday, 03/12/2022" in client.get("/en/").content.decode()
    assert "Thứ 7, Ngày 03/12/2022" in client.get("/").content.decode()


def test_switcher_never_links_to_a_missing_or_unpublished_translation(
    client, about, english_home, django_capture_on_commit_callbacks
):
    # No translation yet: no link to /en/ from the page.
    html = client.get("/gioi-thieu/").content.decode()
    assert 'hreflang="en"' not in html
    # A draft translation (not published) is not linked either.
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, "en", {"Giới thiệu": "About us", "gioi-thieu": "about"}, publish=False)
    html = client.get("/gioi-thieu/").content.decode()
    assert 'hreflang="en"' not in html
    assert client.get("/en/about/").status_code == 404


def test_untranslated_pages_are_not_shown_under_en_as_vietnamese_copies(
    client, about, english_home, django_capture_on_commit_callbacks
):
    child = StandardPage(title="Chức năng nhiệm vụ", slug="chuc-nang", body=[("paragraph", "<p>Tham mưu.</p>")])
    about.add_child(instance=child)
    child.save_revision().publish()
    # Translating the child alone makes wagtail-localize copy its untranslated parent as an alias.
    with django_capture_on_commit_callbacks(execute=True):
        translate(child, "en", {"Chức năng nhiệm vụ": "Functions", "chuc-nang": "functions", "Tham mưu.": "Advising."})
    alias_parent = about.get_translation(Locale.objects.get(language_code="en"))
    assert alias_parent.alias_of_id == about.pk
    assert client.get(alias_parent.url).status_code == 404  # no Vietnamese copy under /en/
    assert client.get("/en/gioi-thieu/functions/").status_code == 200  # the real translation is served
    # The English menu does not offer the Vietnamese copy.
    assert "Giới thiệu" not in client.get("/en/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]


def test_translating_a_subtree_keeps_children_reachable(
    client, about, english_home, django_capture_on_commit_callbacks
):
    """wagtail-localize#773: a parent translated together with its children got numchild=0."""
    child = StandardPage(title="Lãnh đạo Sở", slug="lanh-dao")
    about.add_child(instance=child)
    child.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, "en", {"Giới thiệu": "About us", "gioi-thieu": "about"})
        translate(child, "en", {"Lãnh đạo Sở": "Leadership", "lanh-dao": "leadership"})
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/about/leadership/").status_code == 200
    english_about = Page.objects.get(slug="about")
    assert english_about.numchild == 1


def test_translating_a_streamfield_page_with_image_and_document(
    client, about, english_home, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Trụ sở Sở Nội vụ", file=get_test_image_file())
    document = Document.objects.create(
        title="Kế hoạch 57/KH-SNV", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="kh57.pdf")
    )
    english_document = Document.objects.create(
        title="Plan 57", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="plan57.pdf")
    )
    page = StandardPage(
        title="Hoạt động",
        slug="hoat-dong",
        body=[
            ("paragraph", "<p>Sở Nội vụ tổ chức hội nghị.</p>"),
            ("image", {"image": image, "alt_text": "Hội nghị", "caption": "Toàn cảnh hội nghị"}),
            ("document", {"document": document, "title": "Tải kế hoạch"}),
        ],
    )
    about.add_child(instance=page)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, "en", {"Giới thiệu": "About us", "gioi-thieu": "about"})
        english = translate(
            page,
            "en",
            {
                "Hoạt động": "Activities",
                "hoat-dong": "activities",
                "Sở Nội vụ tổ chức hội nghị.": "The Department held a conference.",
                "Hội nghị": "Conference",
                "Toàn cảnh hội nghị": "The conference",
                "Tải kế hoạch": "Download the plan",
            },
        )
    # An editor chooses an English document for the English page (documents can differ per language).
    body = english.body
    for block in body:
        if block.block_type == "document":
            block.value["document"] = english_document
    english.body = body
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()
    html = client.get("/en/about/activities/").content.decode()
    assert "The Department held a conference." in html
    assert "The conference" in html and 'alt="Conference"' in html
    assert "Download the plan" in html and english_document.url in html
    assert document.url in client.get("/gioi-thieu/hoat-dong/").content.decode()


def test_sitemap_lists_both_languages_with_alternates(client, about, english_home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, "en", {"Giới thiệu": "About us", "gioi-thieu": "about"})
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/about/</loc>" in body
    assert "<loc>http://testserver/gioi-thieu/</loc>" in body
    assert re.search(r'hreflang="en" href="http://testserver/en/about/"', body)
    assert re.search(r'hreflang="vi" href="http://testserver/gioi-thieu/"', body)


# --- Interface catalogues -------------------------------------------------------------


def _catalogue(language):
    import polib
    from django.conf import settings

    return polib.pofile(str(settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogues_have_no_untranslated_or_fuzzy_entries(language):
    catalogue = _catalogue(language)
    assert len(catalogue) > 300
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_shipped_compiled_catalogue_matches_the_po_file():
    """The .mo in the repository (a fresh install needs no gettext tools) is the .po's."""
    from django.utils import translation

    with translation.override("en"):
        for entry in _catalogue("en"):
            if entry.msgid_plural or entry.msgctxt:
                continue
            assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_the_frame_strings_are_in_the_catalogue():
    known = {e.msgid for e in _catalogue("en")}
    for text in [
        "Bỏ qua, đến nội dung chính",
        "Tìm kiếm trên cổng thông tin",
        "Ngày đăng",
        "Lượt xem",
        "Thống kê truy cập",
        "Tin video",
        "Cỡ chữ",
        "Mặc định",
        "Không tìm thấy trang",
    ]:
        assert text in known, text


def test_english_visitor_gets_english_chrome(client, english_home):
    html = client.get("/en/").content.decode()
    assert "Skip to main content" in html
    assert "Search the portal" in html
    assert "Bỏ qua, đến nội dung chính" not in html
    vi = client.get("/").content.decode()
    assert "Bỏ qua, đến nội dung chính" in vi
    assert "Skip to main content" not in vi
