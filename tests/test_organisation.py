"""Cơ cấu tổ chức, Lãnh đạo Sở, Người phát ngôn, Tiếp cận thông tin, Sơ đồ cổng and the
agency links: the models, editing through the admin, the public pages in both languages,
the organisation chart's HTML, the footer chooser, and the query counts."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from links.models import AgencyLink, LinkGroup
from organisation.models import (
    InformationAccessPage,
    LeadershipPage,
    OrganisationPage,
    OrganisationSettings,
    Person,
    SiteMapPage,
    SpokespersonPage,
    Unit,
)
from portal.models import HomePage, StandardPage
from tests.organisation_helpers import module_site_fixture

ORG = "/gioi-thieu/co-cau-to-chuc/"
LEADERS = "/gioi-thieu/lanh-dao-so/"
SPOKESPERSON = "/gioi-thieu/nguoi-phat-ngon/"
ACCESS = "/tiep-can-thong-tin/"
SITE_MAP = "/so-do-cong/"
EN = {
    ORG: "/en/about/organisational-structure/",
    LEADERS: "/en/about/leadership/",
    SPOKESPERSON: "/en/about/spokesperson/",
    ACCESS: "/en/access-to-information/",
    SITE_MAP: "/en/site-map/",
}


directory_site = module_site_fixture()


@pytest.fixture
def site(directory_site, db, settings):
    # The cache generation is re-read only after a change made here, not once a second
    # (which would add a query to whichever request happens to come a second later).
    settings.PORTAL_CACHE_CHECK_SECONDS = 3600
    return HomePage.objects.get(pk=directory_site)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def text(markup):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


# --- Models and structure ------------------------------------------------------------------


def test_setup_site_puts_the_pages_in_the_structure(site):
    about = site.get_children().get(slug="gioi-thieu")
    assert [p.slug for p in about.get_children()] == [
        "chuc-nang-nhiem-vu",
        "co-cau-to-chuc",
        "lanh-dao-so",
        "nguoi-phat-ngon",
    ]
    assert isinstance(about.get_children().get(slug="co-cau-to-chuc").specific, OrganisationPage)
    assert InformationAccessPage.objects.filter(locale__language_code="vi").get().get_parent().pk == site.pk
    # Kept out of the main menu (linked from the home page and the footer); Liên hệ stays last.
    menu = [p.slug for p in site.get_children().live().in_menu()]
    assert "tiep-can-thong-tin" not in menu and menu[-1] == "lien-he"
    for model in (OrganisationPage, LeadershipPage, SpokespersonPage, InformationAccessPage, SiteMapPage):
        assert model.objects.filter(locale__language_code="en").count() == 1, model


def test_an_untouched_old_content_page_makes_room_and_an_edited_one_is_kept(site):
    """Installations made before the app had plain content pages at these addresses."""
    import io

    from organisation.structure import ensure_sections

    about = site.get_children().get(slug="gioi-thieu")
    for model in (OrganisationPage, LeadershipPage):
        for page in model.objects.all():
            page.delete()
    old = StandardPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc")
    about.add_child(instance=old)
    old.save_revision().publish()
    edited = StandardPage(title="Lãnh đạo Sở", slug="lanh-dao-so")
    about.add_child(instance=edited)
    edited.save_revision().publish()
    edited.save_revision().publish()  # an editor changed it
    out = io.StringIO()
    ensure_sections(site, out)
    assert isinstance(about.get_children().get(slug="co-cau-to-chuc").specific, OrganisationPage)
    assert isinstance(about.get_children().get(slug="lanh-dao-so").specific, StandardPage)
    assert "lanh-dao-so" in out.getvalue()


def test_demo_directory_in_both_languages_and_idempotent(site, django_capture_on_commit_callbacks):
    vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")
    leaders = Person.leaders(vi.pk)
    assert [p.role for p in leaders] == [Person.DIRECTOR, Person.DEPUTY, Person.DEPUTY, Person.DEPUTY]
    assert Unit.objects.filter(locale=vi).count() == 8
    english = Person.leaders(en.pk)
    assert [p.locale_id for p in english] == [en.pk] * 4
    assert english[0].title == "Director" and english[0].name == leaders[0].name
    # An English unit points at the English person (wagtail-localize translated the reference).
    office = Unit.objects.get(locale=en, name="Department Office")
    assert office.head.locale_id == en.pk and office.head.title == "Chief of Office"
    assert LinkGroup.objects.filter(locale=en).count() == 2
    assert AgencyLink.objects.filter(locale=vi).count() == 12
    counts = (Person.objects.count(), Unit.objects.count(), LinkGroup.objects.count(), AgencyLink.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        import io

        from links.demo import load as load_links
        from organisation.demo import load as load_organisation

        load_organisation(site, io.StringIO())
        load_links(site, io.StringIO())
    assert (
        Person.objects.count(),
        Unit.objects.count(),
        LinkGroup.objects.count(),
        AgencyLink.objects.count(),
    ) == counts


def test_localized_falls_back_to_the_original(site):
    from portal.core.translation import localized

    en = Locale.objects.get(language_code="en")
    vi = Locale.objects.get(language_code="vi")
    extra = Person.objects.create(locale=vi, name="Hà Văn Tùng", title="Chuyên viên", sort_order=99)
    people = localized(Person.objects.all(), en.pk)
    assert extra in people
    assert {p.translation_key for p in people} == set(Person.objects.values_list("translation_key", flat=True))
    assert all(p.locale_id == en.pk for p in people if p.pk != extra.pk)


# --- Public pages ----------------------------------------------------------------------------


def test_organisation_page_chart_is_nested_lists(site, client):
    page = html(client, ORG)
    chart = re.search(r'<ul class="org-chart">(.*?)</section>', page, re.S).group(1)
    # Giám đốc at the root, with the deputies and the unit groups nested under it.
    assert chart.index("Giám đốc Sở") < chart.index("Nguyễn Văn Hùng") < chart.index("Phó Giám đốc Sở")
    assert chart.count("<ul") == 1 + 1 + 3  # the root's level, the deputies, three groups of units
    assert "<img" not in chart
    for name in (
        "Trần Thị Thu Hà",
        "A Thuận",
        "Lê Hoàng Nam",
        "Văn phòng Sở",
        "Ban Tôn giáo",
        "Chi cục Văn thư – Lưu trữ",
    ):
        assert name in chart
    # Each unit in the chart links to its entry below, with its head and contacts.
    unit = Unit.objects.get(locale__language_code="vi", name="Thanh tra Sở")
    assert f'href="#unit-{unit.pk}"' in chart and f'id="unit-{unit.pk}"' in page
    assert "Hoàng Văn Sơn – Chánh Thanh tra Sở" in text(page)
    assert 'href="mailto:thanhtra.snv@kontum.gov.vn"' in page
    # The contact officer block.
    assert "Đầu mối cung cấp thông tin" in page and "Đinh Thị Mai" in page


def test_leadership_page(site, client):
    page = html(client, LEADERS)
    names = list(re.findall(r'class="person-card__name"[^>]*>([^<]+)<', page))
    assert names == ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "A Thuận", "Lê Hoàng Nam"]
    assert "Công tác văn thư, lưu trữ" in page
    assert 'alt="Trần Thị Thu Hà"' in page
    assert 'href="tel:02603862519"' in page


def test_english_pages(site, client):
    page = html(client, EN[ORG])
    assert '<html lang="en"' in page
    assert "Department Office" in page and "Văn phòng Sở" not in page
    assert "Organisation chart" in page
    page = html(client, EN[LEADERS])
    assert "Deputy Director" in page and "Records and archives" in page
    assert "Access to information" in html(client, EN[ACCESS])
    assert "Spokesperson" in html(client, EN[SPOKESPERSON])


def test_spokesperson_page_and_footer(site, client):
    page = html(client, SPOKESPERSON)
    assert "Nghị định số 09/2017/NĐ-CP" in page
    assert "Nguyễn Văn Hùng" in page and "Phạm Thị Lan" in page
    footer = html(client, "/lien-he/").split('class="site-footer"')[1]
    assert "Người phát ngôn" in footer and "Nguyễn Văn Hùng" in footer
    assert 'href="/tiep-can-thong-tin/"' in footer and 'href="/so-do-cong/"' in footer
    en_footer = html(client, "/en/").split('class="site-footer"')[1]
    assert "Spokesperson" in en_footer and "Director" in en_footer and 'href="/en/site-map/"' in en_footer


def test_information_access_lists_the_sections(site, client):
    page = html(client, ACCESS)
    listed = page.split("Danh mục thông tin được công khai trên cổng")[1].split("</section>")[0]
    for title in ("Giới thiệu", "Cơ cấu tổ chức", "Tin tức - Sự kiện", "Kế hoạch", "Liên hệ", "Sơ đồ cổng"):
        assert f">{title}</a>" in listed, title
    assert ">Tiếp cận thông tin</a>" not in listed  # not itself
    assert "Phiếu yêu cầu cung cấp thông tin" in page  # the editable text
    # A new section appears without editing the page.
    section = StandardPage(title="Công khai ngân sách", slug="cong-khai-ngan-sach")
    site.add_child(instance=section)
    section.save_revision().publish()
    assert ">Công khai ngân sách</a>" in html(client, ACCESS)


def test_site_map_in_both_languages_leaves_out_articles(site, client):
    about = site.get_children().get(slug="gioi-thieu")
    article = StandardPage(title="Một bài viết không trong menu", slug="mot-bai-viet")
    about.get_children().get(slug="chuc-nang-nhiem-vu").add_child(instance=article)
    article.save_revision().publish()
    page = html(client, SITE_MAP)
    tree = page.split('class="site-map"')[1]
    assert tree.index(">Giới thiệu</a>") < tree.index(">Lãnh đạo Sở</a>") < tree.index(">Liên hệ</a>")
    # Nested: Giới thiệu's pages in a list inside its item.
    about_item = re.search(r">Giới thiệu</a>(<ul>.*?</ul>)", tree, re.S).group(1)
    assert ">Cơ cấu tổ chức</a>" in about_item
    assert "Một bài viết không trong menu" not in page
    page = html(client, EN[SITE_MAP])
    assert (
        ">About us</a>" in page and ">Leadership</a>" in page and "Giới thiệu" not in page.split('class="site-map"')[1]
    )


def test_bad_page_query_is_ignored(site, client):
    for url in (ORG, LEADERS, SITE_MAP, ACCESS, SPOKESPERSON):
        assert client.get(url + "?page=abc").status_code == 200


# --- Links --------------------------------------------------------------------------------


def test_home_logos_and_footer_chooser(site, client):
    page = html(client, "/")
    home_block = re.search(r'<section class="agency-links.*?</section>', page, re.S).group(0)
    assert home_block.count('rel="external noopener"') == 12
    assert home_block.count("(liên kết ngoài)") == 12
    assert 'href="https://moha.gov.vn"' in home_block and "Bộ Nội vụ" in home_block
    assert home_block.count("<img") == 12 and 'alt=""' in home_block  # the name is the link text
    footer = page.split('class="site-footer"')[1]
    chooser = re.search(r'<details class="footer-links">(.*?)</details>', footer, re.S).group(1)
    assert "<summary" in chooser and "Liên kết website" in chooser
    assert chooser.count("<a ") == 12 and chooser.count("(liên kết ngoài)") == 12
    assert "<script" not in chooser
    en = html(client, "/en/")
    assert "Ministry of Home Affairs" in en and "(external link)" in en


def test_group_off_the_home_page_stays_in_the_footer(site, client):
    LinkGroup.objects.filter(name="Tỉnh Kon Tum").update(show_on_home=False)
    page = html(client, "/")
    home_block = re.search(r'<section class="agency-links.*?</section>', page, re.S).group(0)
    assert "Sở Tư pháp" not in home_block
    assert "Sở Tư pháp" in page.split('class="site-footer"')[1]


# --- Editing through the admin ------------------------------------------------------------


def test_admin_edits_a_person_and_every_page_shows_it(site, admin_client, client, settings):
    settings.PORTAL_PAGE_CACHE = True  # the server-side cache must not keep the old name
    settings.PORTAL_FRAGMENT_CACHE = True
    from portal.cache.generation import clear_local_caches

    clear_local_caches()
    person = Person.objects.get(locale__language_code="vi", email="hungnv.snv@kontum.gov.vn")
    for url in (ORG, LEADERS, SPOKESPERSON, "/lien-he/"):
        assert "Nguyễn Văn Hùng" in html(client, url)
    url = reverse("wagtailsnippets_organisation_person:edit", args=[person.pk])
    form = admin_client.get(url)
    assert form.status_code == 200 and "Lĩnh vực phụ trách" in form.content.decode()
    data = nested_form_data(
        {
            "name": "Nguyễn Văn Hưng",
            "title": "Giám đốc Sở",
            "role": Person.DIRECTOR,
            "responsibilities": "Phụ trách chung",
            "phone": "0260 3862 517",
            "email": "hungnv.snv@kontum.gov.vn",
            "photo": "",
            "sort_order": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    for url in (ORG, LEADERS, SPOKESPERSON, "/lien-he/"):
        page = html(client, url)
        assert "Nguyễn Văn Hưng" in page and "Nguyễn Văn Hùng" not in page, url


def test_admin_creates_a_unit(site, admin_client, client):
    head = Person.objects.get(locale__language_code="vi", email="lanpt.snv@kontum.gov.vn")
    response = admin_client.post(
        reverse("wagtailsnippets_organisation_unit:add") + "?locale=vi",
        nested_form_data(
            {
                "name": "Phòng Cải cách hành chính",
                "kind": Unit.OFFICE,
                "functions": "Theo dõi cải cách hành chính\nChỉ số PAR INDEX",
                "head": head.pk,
                "phone": "0260 3862 531",
                "email": "cchc.snv@kontum.gov.vn",
                "sort_order": 5,
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = html(client, ORG)
    assert "Phòng Cải cách hành chính" in page and "Chỉ số PAR INDEX" in page


def test_admin_refuses_a_bad_email_in_vietnamese(site, admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_organisation_unit:add") + "?locale=vi",
        nested_form_data({"name": "Phòng thử", "kind": Unit.OFFICE, "email": "không-phải-email", "sort_order": 1}),
    )
    assert response.status_code == 200
    assert "Nhập địa chỉ email hợp lệ" in response.content.decode() or "hợp lệ" in response.content.decode()


def test_admin_creates_a_link_group_with_links(site, admin_client, client):
    response = admin_client.post(
        reverse("wagtailsnippets_links_linkgroup:add") + "?locale=vi",
        nested_form_data(
            {
                "name": "Huyện, thành phố",
                "sort_order": 5,
                "show_on_home": "on",
                "links": inline_formset(
                    [
                        {"name": "UBND thành phố Kon Tum", "url": "https://tpkontum.kontum.gov.vn", "logo": ""},
                        {"name": "UBND huyện Đắk Hà", "url": "https://dakha.kontum.gov.vn", "logo": ""},
                    ]
                ),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = LinkGroup.objects.get(name="Huyện, thành phố")
    assert [link.name for link in group.links.all()] == ["UBND thành phố Kon Tum", "UBND huyện Đắk Hà"]
    page = html(client, "/")
    assert 'href="https://dakha.kontum.gov.vn"' in re.search(
        r'<section class="agency-links.*?</section>', page, re.S
    ).group(0)


def test_admin_sets_the_spokesperson(site, admin_client, client):
    from wagtail.models import Site

    person = Person.objects.get(locale__language_code="vi", email="namlh.snv@kontum.gov.vn")
    current = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    url = reverse("wagtailsettings:edit", args=["organisation", "organisationsettings", current.site_id])
    assert "Người phát ngôn" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "spokesperson": person.pk,
                "spokesperson_deputy": "",
                "contact_officer": current.contact_officer_id,
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = html(client, SPOKESPERSON)
    assert "Lê Hoàng Nam" in page and "Người được ủy quyền phát ngôn" not in page
    assert "Lê Hoàng Nam" in html(client, "/en/").split('class="site-footer"')[1]


class TestPageTypes(WagtailTestUtils):
    def test_parents_and_children(self, site):
        from wagtail.test.utils import WagtailPageTestCase

        case = WagtailPageTestCase()
        # Under the home page editors can add any of them (one each); under Giới thiệu
        # (a content page, whose sub-pages the core limits) setup_site puts them.
        for model in (OrganisationPage, LeadershipPage, SpokespersonPage, InformationAccessPage, SiteMapPage):
            case.assertCanCreateAt(HomePage, model)
        case.assertCanNotCreateAt(SiteMapPage, StandardPage)
        for model in (OrganisationPage, LeadershipPage, SpokespersonPage, InformationAccessPage, SiteMapPage):
            case.assertAllowedSubpageTypes(model, {})


def test_admin_creates_a_site_map_page(site, admin_client):
    SiteMapPage.objects.all().delete()
    url = reverse("wagtailadmin_pages:add", args=("organisation", "sitemappage", site.pk))
    response = admin_client.post(
        url,
        nested_form_data(
            {"title": "Sơ đồ website", "slug": "so-do-website", "intro": "Các mục của cổng.", "action-publish": "1"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SiteMapPage.objects.get(slug="so-do-website").live


# --- Query counts -------------------------------------------------------------------------


def _queries(client, url, django_assert_max_num_queries=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process lookups once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [ORG, LEADERS, SPOKESPERSON, ACCESS, SITE_MAP])
def test_query_count_does_not_grow_with_the_directory(site, client, url, django_assert_max_num_queries):
    before = _queries(client, url)
    vi = Locale.objects.get(language_code="vi")
    for i in range(6):
        person = Person.objects.create(locale=vi, name=f"Cán bộ {i}", title="Phó Giám đốc Sở", role=Person.DEPUTY)
        Unit.objects.create(locale=vi, name=f"Phòng {i}", kind=Unit.BOARD, head=person, sort_order=20 + i)
        section = StandardPage(title=f"Mục {i}", slug=f"muc-{i}", show_in_menus=True)
        site.add_child(instance=section)
        section.save_revision().publish()
    assert _queries(client, url) == before
    with django_assert_max_num_queries(before):
        client.get(url)


def test_footer_and_home_blocks_add_a_constant_number_of_queries(site, client):
    """The footer blocks (spokesperson, links) are on every page: more links or people
    add no query."""
    page_before = _queries(client, "/lien-he/")
    home_before = _queries(client, "/")
    vi = Locale.objects.get(language_code="vi")
    from links.logos import badge_image

    for g in range(3):
        group = LinkGroup(locale=vi, name=f"Nhóm {g}", sort_order=10 + g)
        for i in range(5):
            logo = badge_image(f"Logo {g}-{i}", "X", (0, 0, 0), f"logo-{g}-{i}")
            group.links.add(AgencyLink(locale=vi, name=f"Website {g}-{i}", url=f"https://{g}{i}.gov.vn", logo=logo))
        group.save()
    assert _queries(client, "/lien-he/") == page_before
    assert _queries(client, "/") == home_before


def test_what_the_footer_blocks_cost_on_every_page(site, client, settings, monkeypatch):
    """The footer blocks (spokesperson and links) cost a few queries when the footer is
    rendered, and none on a warm cache (production: the footer is one cached fragment)."""
    from django.core.cache import cache

    from portal import registry
    from portal.cache.generation import clear_local_caches

    real = registry.callables

    def measure(with_blocks, fragment_cache):
        settings.PORTAL_FRAGMENT_CACHE = fragment_cache
        monkeypatch.setattr(
            registry, "callables", lambda kind: real(kind) if with_blocks or kind != "footer_blocks" else []
        )
        clear_local_caches()
        cache.clear()
        return _queries(client, "/lien-he/")

    assert real("footer_blocks")  # the apps declare them
    cold = measure(True, False) - measure(False, False)
    # The setting, the people, the app's pages and their view restrictions; the groups and
    # their links: what each block needs, never a query per person or link.
    assert 0 < cold <= 8
    assert measure(True, True) <= measure(False, True)  # nothing added on a warm cache


def test_editing_a_person_purges_the_pages_showing_them(site, settings, django_capture_on_commit_callbacks):
    """The HTTP caches (nginx, a CDN) drop every page built from the directory, in both
    languages, and the home pages (their footer shows the spokesperson)."""
    from tests.test_caching import PURGED

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    PURGED.clear()
    person = Person.objects.get(locale__language_code="vi", email="thuana.snv@kontum.gov.vn")
    person.phone = "0260 3999 999"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    paths = {url.replace("http://testserver", "") for url in PURGED}
    PURGED.clear()
    assert {
        ORG,
        LEADERS,
        SPOKESPERSON,
        ACCESS,
        "/",
        *[EN[url] for url in (ORG, LEADERS, SPOKESPERSON, ACCESS)],
    } <= paths
    assert "/en/" in paths


def test_publishing_a_section_purges_the_site_map(site, settings, django_capture_on_commit_callbacks):
    from tests.test_caching import PURGED

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    PURGED.clear()
    section = StandardPage(title="Công khai ngân sách", slug="cong-khai-ngan-sach", show_in_menus=True)
    site.add_child(instance=section)
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    paths = {url.replace("http://testserver", "") for url in PURGED}
    PURGED.clear()
    assert {SITE_MAP, ACCESS, "/cong-khai-ngan-sach/"} <= paths
    assert EN[SITE_MAP] not in paths  # the other language's map does not list it
