"""HTTP caching: Cache-Control for proxies and CDNs, the server-side page cache, purging."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend

from portal.cache import fragments
from portal.cache.generation import clear_local_caches, generation
from portal.models import HomeFeaturedItem, StandardPage

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def _server_caches(settings, pages):
    """The fragment cache on (and the page cache when ``pages``), starting empty."""
    settings.PORTAL_PAGE_CACHE = pages
    settings.PORTAL_FRAGMENT_CACHE = True
    settings.PORTAL_CACHE_CHECK_SECONDS = 3600  # only a change made here triggers a re-read
    clear_local_caches()
    generation.expire()
    yield
    clear_local_caches()
    generation.expire()


@pytest.fixture
def page_cache(settings):
    yield from _server_caches(settings, pages=True)


def make_page(parent, title, slug, **kwargs):
    page = StandardPage(title=title, slug=slug, **kwargs)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def section(home):
    return make_page(home, "Giới thiệu", "gioi-thieu", show_in_menus=True)


@pytest.fixture
def article(section):
    return make_page(
        section, "Chức năng nhiệm vụ", "chuc-nang", intro="Tham mưu cho Ủy ban nhân dân tỉnh.", show_in_menus=True
    )


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


# --- Headers ---------------------------------------------------------------------------


def test_anonymous_page_is_public_for_proxies_and_sets_no_cookie(client, article):
    response = client.get("/gioi-thieu/chuc-nang/")
    assert response.status_code == 200
    cc = cache_control(response)
    assert "public" in cc
    assert any(part.startswith("max-age=") for part in cc)
    assert any(part.startswith("s-maxage=") and int(part.split("=")[1]) > 0 for part in cc)
    assert not response.cookies
    # A CDN that varies on cookies (or on every browser's Accept-Language) caches nothing.
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary and "accept-language" not in vary


def test_home_and_english_prefix_are_public_too(client, home):
    assert "public" in cache_control(client.get("/"))


def test_logged_in_user_gets_private_no_store(admin_client, article):
    response = admin_client.get("/gioi-thieu/chuc-nang/")
    assert response.status_code == 200
    cc = cache_control(response)
    assert "private" in cc and "no-store" in cc and "public" not in cc


def test_admin_is_never_public(admin_client, home):
    response = admin_client.get("/admin/")
    cc = cache_control(response)
    assert "public" not in cc and ("private" in cc or "no-cache" in cc)


def test_view_with_its_own_cache_control_is_left_alone(client, home):
    # robots.txt asks for a day; the middleware must not shorten or override it.
    assert "max-age=86400" in client.get("/robots.txt")["Cache-Control"]


def test_post_is_not_made_public(client, article):
    response = client.post("/gioi-thieu/chuc-nang/")
    assert "public" not in cache_control(response)


# --- Server-side page cache ------------------------------------------------------------


def test_second_anonymous_view_is_served_from_the_page_cache_without_queries(client, article, page_cache):
    first = client.get("/gioi-thieu/chuc-nang/")
    assert first["X-Portal-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/gioi-thieu/chuc-nang/")
    assert second["X-Portal-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "public" in cache_control(second) and not second.cookies


def test_publishing_a_change_is_visible_at_once(client, article, page_cache, purged):
    assert "Chức năng nhiệm vụ" in client.get("/gioi-thieu/chuc-nang/").content.decode()
    assert "Chức năng nhiệm vụ" in client.get("/gioi-thieu/").content.decode()
    article.title = "Chức năng, nhiệm vụ và quyền hạn"
    article.save_revision().publish()
    response = client.get("/gioi-thieu/chuc-nang/")
    assert "Chức năng, nhiệm vụ và quyền hạn" in response.content.decode()
    # The section's list of sub-pages sees the change too.
    assert "Chức năng, nhiệm vụ và quyền hạn" in client.get("/gioi-thieu/").content.decode()


def test_unpublishing_removes_the_cached_page(client, article, page_cache, purged):
    assert client.get("/gioi-thieu/chuc-nang/").status_code == 200
    article.unpublish()
    assert client.get("/gioi-thieu/chuc-nang/").status_code == 404


def test_logged_in_user_never_gets_the_cached_copy(client, admin_client, article, page_cache):
    client.get("/gioi-thieu/chuc-nang/")
    response = admin_client.get("/gioi-thieu/chuc-nang/")
    assert "X-Portal-Cache" not in response
    assert "private" in cache_control(response)


def test_unknown_query_parameters_bypass_the_page_cache(client, article, page_cache):
    client.get("/gioi-thieu/chuc-nang/?utm_source=zalo")
    assert "X-Portal-Cache" not in client.get("/gioi-thieu/chuc-nang/?utm_source=zalo")


def test_other_process_sees_a_publication_within_the_check_interval(client, article, page_cache, settings):
    """Another app server learns of a publication from the log entry it wrote."""
    from wagtail.models import PageLogEntry

    client.get("/gioi-thieu/chuc-nang/")
    StandardPage.objects.filter(pk=article.pk).update(title="Tiêu đề mới")
    PageLogEntry.objects.log_action(article, "wagtail.publish")  # written by "another server"
    assert client.get("/gioi-thieu/chuc-nang/")["X-Portal-Cache"] == "hit"  # not re-checked yet
    settings.PORTAL_CACHE_CHECK_SECONDS = 0
    response = client.get("/gioi-thieu/chuc-nang/")
    assert response["X-Portal-Cache"] == "miss"
    assert "Tiêu đề mới" in response.content.decode()


# --- Purging ---------------------------------------------------------------------------


def test_publishing_purges_the_page_its_listing_and_home(article, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert set(purged) == {
        "http://localhost/gioi-thieu/chuc-nang/",
        "http://localhost/gioi-thieu/",
        "http://localhost/",
    }


def test_purge_waits_for_the_commit(article, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    assert purged == [] and len(callbacks) == 1


def test_unpublishing_purges_the_page_its_listing_and_home(article, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert set(purged) == {
        "http://localhost/gioi-thieu/chuc-nang/",
        "http://localhost/gioi-thieu/",
        "http://localhost/",
    }


def test_moving_purges_old_and_new_places(home, article, purged, django_capture_on_commit_callbacks):
    other = make_page(home, "Tổ chức bộ máy", "to-chuc")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other, pos="last-child")
    assert set(purged) == {
        "http://localhost/gioi-thieu/chuc-nang/",
        "http://localhost/gioi-thieu/",
        "http://localhost/to-chuc/chuc-nang/",
        "http://localhost/to-chuc/",
        "http://localhost/",
    }


def test_deleting_purges_the_page_and_its_listing(article, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert {"http://localhost/gioi-thieu/chuc-nang/", "http://localhost/gioi-thieu/", "http://localhost/"} <= set(
        purged
    )


def test_publishing_news_purges_its_category_tag_and_feed_addresses(
    news_article, purged, django_capture_on_commit_callbacks
):
    """Declared by the news app (``purge_urls``): otherwise nginx keeps these up to two minutes."""
    page, _ = news_article
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    base = "http://localhost/tin-tuc/"
    assert {
        "http://localhost/tin-tuc/bai-viet/",
        base,
        "http://localhost/",
        base + "chuyen-muc/cai-cach-hanh-chinh/",
        base + "chuyen-muc/cai-cach-hanh-chinh/feed/",
        base + "the/m%E1%BB%99t-c%E1%BB%ADa/",  # the tag "một cửa", as browsers send it
        base + "feed/",
        base + "rss/",
    } <= set(purged)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {base + "chuyen-muc/cai-cach-hanh-chinh/", base + "feed/", base + "the/m%E1%BB%99t-c%E1%BB%ADa/"} <= set(
        purged
    )


# --- Costs that must not grow with content ---------------------------------------------


def _queries_for(client, url):
    from portal.stats import api

    # The statistics block's figures are re-read every 15 s whatever the content; adding
    # pages on a loaded machine can take longer than that: read them now, outside the count.
    api.sidebar_numbers()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/gioi-thieu/chuc-nang/"])
def test_home_and_standard_page_cost_no_more_queries_with_many_pages(client, home, section, article, url):
    client.get(url)  # warm Wagtail's site-root cache
    few = _queries_for(client, url)
    pages = [StandardPage(title=f"Trang số {i}", slug=f"trang-{i}", show_in_menus=False) for i in range(60)]
    for page in pages:
        section.add_child(instance=page)
    for i in range(20):
        home.add_child(instance=StandardPage(title=f"Mục {i}", slug=f"muc-{i}"))
    many = _queries_for(client, url)
    assert many <= few


# --- Cached frame fragments ------------------------------------------------------------


def test_cached_menu_keeps_the_current_section_per_page(client, home, section, article, page_cache):
    other = make_page(home, "Liên hệ", "lien-he", show_in_menus=True)
    for _ in range(2):  # the second round comes from the fragment cache
        on_section = client.get("/gioi-thieu/").content.decode()
        in_section = client.get("/gioi-thieu/chuc-nang/").content.decode()
        on_home = client.get("/").content.decode()
        on_other = client.get(other.url).content.decode()
        assert 'href="/gioi-thieu/" aria-current="page"' in on_section
        assert 'href="/gioi-thieu/" class="is-active"' in in_section
        assert 'href="/gioi-thieu/" aria-current' not in on_home and "is-active" not in on_home
        assert 'href="/lien-he/" aria-current="page"' in on_other and 'href="/gioi-thieu/" aria-current' not in on_other


def test_renaming_a_section_updates_the_cached_menu_and_breadcrumbs(client, section, article, page_cache):
    client.get("/gioi-thieu/chuc-nang/")
    section.title = "Giới thiệu chung"
    section.save_revision().publish()
    html = client.get("/gioi-thieu/chuc-nang/").content.decode()
    assert html.count("Giới thiệu chung") >= 2  # main menu and breadcrumbs


def test_agency_settings_change_reaches_cached_frames(client, home, admin_client, page_cache):
    from wagtail.models import ModelLogEntry, Site

    from portal.models import AgencySettings

    assert "90 Trần Phú" in client.get("/").content.decode()
    logged = ModelLogEntry.objects.count()
    site = Site.objects.get(is_default_site=True)
    profile = AgencySettings.for_site(site).profile
    # The texts live in the translatable agency profile (a snippet the site setting points to).
    response = admin_client.post(
        reverse("wagtailsnippets_portal_agencyprofile:edit", args=[profile.pk]),
        {
            "name": profile.name,
            "governing_body": profile.governing_body,
            "address": "Số 1 Phan Đình Phùng, thành phố Kon Tum",
            "responsible_person": "",
            "attribution": profile.attribution,
            "licence": "",
        },
    )
    assert response.status_code == 302
    assert "Số 1 Phan Đình Phùng" in client.get("/").content.decode()
    # The admin's log entry is what tells the other app servers (see portal.cache.generation).
    assert ModelLogEntry.objects.count() > logged


def test_view_restrictions_still_apply_with_every_cache_on(client, article, page_cache):
    from wagtail.models import PageViewRestriction

    secret = make_page(article, "Tài liệu nội bộ", "noi-bo", intro="Nội dung chỉ dành cho cán bộ.")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="mat-khau-rat-dai")
    for _ in range(3):  # the route and the frame come from the caches after the first view
        response = client.get("/gioi-thieu/chuc-nang/noi-bo/")
        assert "Nội dung chỉ dành cho cán bộ." not in response.content.decode()
        assert "public" not in cache_control(response)


def test_listing_count_is_computed_once_per_publication(home, section, page_cache, rf):
    from portal.core.views import paginate

    for i in range(3):
        make_page(section, f"Bài {i}", f"bai-{i}")
    queryset = StandardPage.objects.child_of(section).live().order_by("-first_published_at")
    request = rf.get("/gioi-thieu/")
    assert paginate(request, queryset, 2).paginator.count == 3
    with CaptureQueriesContext(connection) as queries:
        page = paginate(request, queryset, 2)
        assert page.paginator.count == 3 and page.paginator.num_pages == 2
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    make_page(section, "Bài mới", "bai-moi")  # a publication: counted again
    assert paginate(request, queryset, 2).paginator.count == 4


def test_restricting_a_page_already_in_the_route_cache_takes_effect(client, article, page_cache):
    from wagtail.models import PageViewRestriction

    for _ in range(2):
        assert "Tham mưu cho Ủy ban nhân dân tỉnh." in client.get("/gioi-thieu/chuc-nang/").content.decode()
    # Restricting the section above it protects the article at once.
    PageViewRestriction.objects.create(page=article.get_parent(), restriction_type="password", password="mat-khau-dai")
    response = client.get("/gioi-thieu/chuc-nang/")
    assert "Tham mưu cho Ủy ban nhân dân tỉnh." not in response.content.decode()


def test_listing_rows_are_kept_until_the_next_publication(home, section, page_cache, rf):
    from portal.core.views import paginate

    for i in range(3):
        make_page(section, f"Bài {i}", f"bai-{i}")
    queryset = StandardPage.objects.child_of(section).live().order_by("-first_published_at", "-pk")
    request = rf.get("/gioi-thieu/?page=1")
    first = [p.title for p in paginate(request, queryset, 2)]
    with CaptureQueriesContext(connection) as queries:
        again = [p.title for p in paginate(request, queryset, 2)]
    assert again == first == ["Bài 2", "Bài 1"] and len(queries) == 0
    make_page(section, "Bài mới", "bai-moi")
    assert [p.title for p in paginate(request, queryset, 2)] == ["Bài mới", "Bài 2"]


# --- The article frame kept per publication (page cache off: every view renders) ---------


@pytest.fixture
def frame_cache(settings):
    yield from _server_caches(settings, pages=False)


@pytest.fixture
def news_article(home):
    from wagtail.models import Locale

    from tests.news_helpers import category, news, news_index

    index = news_index(home)
    cat = category(Locale.get_default(), "cai-cach-hanh-chinh", "Cải cách hành chính")
    return news(index, "bai-viet", "Bài viết về cải cách", categories=[cat], tags=["một cửa"]), cat


def test_an_uncached_article_costs_two_queries_once_its_frame_is_known(client, news_article, frame_cache):
    page, _ = news_article
    client.get(page.url)  # learns the route, renders the frame
    client.get(page.url)  # and, through the route, the (absent) view restrictions
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page.url).status_code == 200
    # The page itself and its view count (Redis holds the count when REDIS_URL is set);
    # menus, categories, tags and the agency profile come from memory.
    from portal.stats.stores import get_store

    expected = 1 if get_store().name == "redis" else 2
    assert len(ctx.captured_queries) == expected, "\n".join(q["sql"][:300] for q in ctx.captured_queries)


def test_statistics_block_is_rendered_live_among_kept_sidebar_blocks(client, news_article, frame_cache):
    from portal.stats import api

    page, _ = news_article
    api.set_initial_total(1_000)
    assert "Tổng <strong data-stats-total>1.000</strong>" in client.get(page.url).content.decode()
    api.set_initial_total(2_000)  # no publication: the other kept blocks stay as they are
    assert "Tổng <strong data-stats-total>2.000</strong>" in client.get(page.url).content.decode()


def test_renaming_a_category_in_the_admin_reaches_articles_at_once(client, admin_client, news_article, frame_cache):
    page, cat = news_article
    assert "Cải cách hành chính</a>" in client.get(page.url).content.decode()
    response = admin_client.post(
        reverse("wagtailsnippets_news_newscategory:edit", args=[cat.pk]),
        {"name": "Cải cách hành chính nhà nước", "slug": cat.slug, "description": "", "sort_order": 0},
    )
    assert response.status_code == 302
    html = client.get(page.url).content.decode()
    assert "Cải cách hành chính nhà nước</a>" in html


def test_new_tags_and_titles_show_after_publishing(client, news_article, frame_cache):
    page, _ = news_article
    client.get(page.url)
    page.tags.set(["dịch vụ công"])
    page.title = "Bài viết về dịch vụ công"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'rel="tag">dịch vụ công</a>' in html and 'rel="tag">một cửa</a>' not in html
    assert '<h1 class="article__title">Bài viết về dịch vụ công</h1>' in html


def test_preview_shows_the_drafts_categories_not_the_cached_ones(client, admin_client, news_article, frame_cache):
    from wagtail.models import Locale

    from tests.news_helpers import category

    page, _ = news_article
    client.get(page.url)  # the live categories are now kept in memory
    other = category(Locale.get_default(), "thi-dua", "Thi đua khen thưởng")
    page.categories = [other]
    page.save_revision()  # a draft, not published
    html = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()
    assert "Thi đua khen thưởng</a>" in html
    live = client.get(page.url).content.decode()
    assert "Cải cách hành chính</a>" in live and "Thi đua khen thưởng</a>" not in live


def test_agency_name_in_title_and_footer_follows_an_edit(client, admin_client, home, frame_cache):
    from wagtail.models import Site

    from portal.models import AgencySettings

    client.get("/")
    profile = AgencySettings.for_site(Site.objects.get(is_default_site=True)).profile
    response = admin_client.post(
        reverse("wagtailsnippets_portal_agencyprofile:edit", args=[profile.pk]),
        {
            "name": "Sở Nội vụ tỉnh Kon Tum (mới)",
            "governing_body": profile.governing_body,
            "address": profile.address,
            "responsible_person": profile.responsible_person,
            "attribution": profile.attribution,
            "licence": profile.licence,
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "<title>Sở Nội vụ tỉnh Kon Tum (mới)</title>" in html
    assert '<p class="site-footer__name">Sở Nội vụ tỉnh Kon Tum (mới)</p>' in html
    assert '<span class="brand__name">Sở Nội vụ tỉnh Kon Tum (mới)</span>' in html


def test_plan_listing_filters_and_other_plans_follow_publications(client, home, frame_cache):
    from tests.campaigns_factories import make_plan, make_plan_index

    index = make_plan_index(home)
    index.save_revision().publish()
    first = make_plan(index, 1, year=2021)
    first.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert '<option value="2021">2021</option>' in html and '<option value="2023">' not in html
    newer = make_plan(index, 2, year=2023, issuing_body="Hội đồng Thi đua - Khen thưởng tỉnh")
    newer.save_revision().publish()  # a new generation: choices and "Các kế hoạch khác" are recomputed
    html = client.get(index.url).content.decode()
    assert '<option value="2023">2023</option>' in html
    assert "Hội đồng Thi đua - Khen thưởng tỉnh</option>" in html
    assert "Kế hoạch thử nghiệm số 2 năm 2023" in client.get(first.url).content.decode()
    newer.unpublish()
    assert '<option value="2023">' not in client.get(index.url).content.decode()
    assert "Kế hoạch thử nghiệm số 2 năm 2023" not in client.get(first.url).content.decode()


def test_home_featured_items_follow_publication_and_previews_show_the_draft(
    client, admin_client, home, news_article, frame_cache
):
    from tests.news_helpers import news

    page, cat = news_article
    other = news(page.get_parent().specific, "bai-khac", "Bài nổi bật thứ hai", categories=[cat])
    home.featured_items = [HomeFeaturedItem(page=page)]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "featured-list" in html and "Bài viết về cải cách</a>" in html
    home.featured_items = [HomeFeaturedItem(page=other)]
    home.save_revision()  # a draft: the live home page keeps its kept featured section
    draft = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[home.pk])).content.decode()
    assert "Bài nổi bật thứ hai</a>" in draft[draft.index("featured-list") :]
    live = client.get("/").content.decode()
    assert (
        "Bài nổi bật thứ hai</a>"
        not in live[live.index("featured-list") : live.index("</section>", live.index("featured-list"))]
    )
    home.get_latest_revision().publish()
    live = client.get("/").content.decode()
    assert (
        "Bài nổi bật thứ hai</a>"
        in live[live.index("featured-list") : live.index("</section>", live.index("featured-list"))]
    )


def test_news_listings_show_a_new_publication_at_once(client, news_article, frame_cache):
    from tests.news_helpers import news

    page, cat = news_article
    index = page.get_parent().specific
    category_url = index.category_url(cat)
    for url in (index.url, category_url):
        assert "Bài viết về cải cách</a>" in client.get(url).content.decode()
    news(index, "tin-moi", "Tin mới đăng hôm nay", categories=[cat])
    for url in (index.url, category_url):
        html = client.get(url).content.decode()
        assert "Tin mới đăng hôm nay</a>" in html and "Bài viết về cải cách</a>" in html


def test_a_restricted_news_page_leaves_the_kept_listing_at_once(client, news_article, frame_cache):
    from wagtail.models import PageViewRestriction

    page, _ = news_article
    index = page.get_parent().specific
    for _ in range(2):
        assert "Bài viết về cải cách</a>" in client.get(index.url).content.decode()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="mat-khau-dai")
    assert "Bài viết về cải cách</a>" not in client.get(index.url).content.decode()
    restriction.delete()  # logged, as in the admin: a new generation
    assert "Bài viết về cải cách</a>" in client.get(index.url).content.decode()


def test_a_crawl_of_many_pages_never_pushes_the_shared_frame_out(db, frame_cache):
    assert fragments.cached(("shared menu",), lambda: "menu") == "menu"
    for n in range(fragments.per_page_store.max_entries + 100):  # every article of a big site
        fragments.cached(("links", n), lambda: "links", per_page=True)
    assert fragments.cached(("shared menu",), lambda: "rendered again") == "menu"
    assert fragments.cached(("links", 0), lambda: "rendered again", per_page=True) == "rendered again"
