"""Each private part of Wagtail that portal/cache/wagtail_internals.py relies on, checked
against the installed Wagtail: a Wagtail upgrade that drops or changes one fails here,
by name, instead of silently making pages slower, stale or — for the view restrictions —
public.

Also: no other module of the project touches these names."""

import inspect
import re
from pathlib import Path

import pytest
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.test import RequestFactory
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath
from wagtail.wagtail_hooks import check_view_restrictions

from portal.cache import wagtail_internals as wi
from portal.cache.generation import generation
from portal.models import AgencySettings, StandardPage

ROOT = Path(__file__).resolve().parent.parent
PRIVATE_NAMES = [
    "_wagtail_site",
    "_wagtail_cached_site_root_paths",
    "_wagtail_route_for_request",
    "routable_resolver_match",
    "get_view_restrictions =",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "def _urls(",
]


def make_page(parent, slug, title="Trang thử"):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def request_for(home):
    def build(path="/"):
        return RequestFactory().get(path, HTTP_HOST="localhost")

    return build


def test_find_for_request_answers_from_request_wagtail_site(request_for, django_assert_num_queries):
    request = request_for()
    site = Site.objects.get(is_default_site=True)
    wi.set_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
    assert wi.site_of(request) is site
    assert "_wagtail_site" in inspect.getsource(Site.find_for_request), "Site.find_for_request no longer caches there"


def test_get_url_uses_wagtail_cached_site_root_paths(home, request_for):
    page = make_page(home, "duong-dan")
    request = request_for()
    root_paths = Site.get_site_root_paths()
    moved = [SiteRootPath(p.site_id, p.root_path, "https://kontum.example", p.language_code) for p in root_paths]
    wi.set_site_root_paths(page, moved)
    assert page.get_full_url() == "https://kontum.example/duong-dan/"
    wi.set_site_root_paths(request, moved)
    assert StandardPage.objects.get(pk=page.pk).get_full_url(request) == "https://kontum.example/duong-dan/"


def test_route_for_request_answers_from_request_wagtail_route_for_request(home, request_for, django_assert_num_queries):
    page = make_page(home, "tuyen-duong")
    request = request_for("/khac-han/")
    wi.set_route(request, page)
    with django_assert_num_queries(0):
        result = Page.route_for_request(request, "/khac-han/")
    assert result.page is page and not result.args and wi.route_of(request) is result
    # wagtail.views.serve finds the page this way.
    from wagtail import views

    assert "route_for_request" in inspect.getsource(views.serve)


def test_routable_pages_keep_their_sub_route_on_the_request():
    source = inspect.getsource(RoutablePageMixin.route)
    assert "request.routable_resolver_match = resolver_match" in source
    assert "RouteResult(self, args=(view, args, kwargs))" in source
    assert list(inspect.signature(RoutablePageMixin.resolve_subpage).parameters) == ["self", "path"]


def test_site_settings_for_request_answer_from_the_request(home, request_for, django_assert_num_queries):
    request = request_for()
    site = Site.objects.get(is_default_site=True)
    wi.set_site(request, site)
    instance = AgencySettings.for_site(site)
    wi.set_request_setting(request, AgencySettings, instance)
    with django_assert_num_queries(0):
        found = AgencySettings.for_request(request)
    assert found.pk == instance.pk and found is not instance
    assert found._request is request
    assert "_request" in inspect.getsource(BaseSiteSetting), "site settings no longer keep the request"


def test_view_restriction_check_goes_through_get_view_restrictions(home, request_for, django_assert_num_queries):
    page = make_page(home, "noi-bo")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="mat-khau-rat-dai")

    def serve(*args):
        return "served"

    check = check_view_restrictions(serve)
    request = request_for("/noi-bo/")
    request.session = {}
    fresh = StandardPage.objects.get(pk=page.pk)
    assert check(fresh, request, [], {}) != "served"  # Wagtail asks the page: protected
    # What skip_view_restriction_query changes is what Wagtail asks (for pages the caller
    # knows to be unrestricted only).
    wi.skip_view_restriction_query(fresh)
    with django_assert_num_queries(0):
        assert check(fresh, request, [], {}) == "served"
    assert callable(Page.get_view_restrictions)


def test_public_from_restricted_paths_matches_wagtails_public(home):
    open_section = make_page(home, "cong-khai")
    closed = make_page(home, "han-che")
    make_page(open_section, "bai-1")
    make_page(closed, "bai-2")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    queryset = Page.objects.live()
    assert set(wi.public(queryset, paths)) == set(queryset.public())
    assert set(wi.public(queryset, ())) == set(queryset)


@pytest.mark.parametrize("change", ["publish", "unpublish", "move", "delete", "restriction"])
def test_every_change_the_caches_follow_writes_a_log_entry(home, change):
    page = make_page(home, "nhat-ky")
    other = make_page(home, "noi-khac")
    before = wi.newest_log_entry_ids()
    if change == "publish":
        page.save_revision().publish()
    elif change == "unpublish":
        page.unpublish()
    elif change == "move":
        page.move(other, pos="last-child")
    elif change == "delete":
        page.delete()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert wi.newest_log_entry_ids() != before
    assert generation.get(force=True) == wi.newest_log_entry_ids()
    assert PageLogEntry.objects.exists()


def test_sitemaps_build_each_page_of_entries_in_urls():
    assert "self._urls(page, protocol, domain)" in inspect.getsource(DjangoSitemap.get_urls)
    assert list(inspect.signature(WagtailSitemap._urls).parameters) == ["self", "page", "protocol", "domain"]
    assert wi.EntriesSitemap._urls is not WagtailSitemap._urls


def test_no_other_module_touches_wagtails_private_names():
    allowed = {ROOT / "portal" / "cache" / "wagtail_internals.py"}
    offenders = []
    for folder in ("portal", "news", "video", "campaigns", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path in allowed or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for name in PRIVATE_NAMES:
                if re.search(r"(?<!\w)" + re.escape(name), text):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
