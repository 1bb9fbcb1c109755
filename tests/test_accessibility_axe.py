"""axe-core (the copy bundled with axe-playwright-python, no network) finds no WCAG
violations on the public portal, page type by page type, with the demo content.

Page types other helpers build (plans and campaigns, news, videos) are found by model
name; a type whose model does not exist yet is skipped with a message saying so.
"""

import pytest
from django.apps import apps
from wagtail.models import Page

from tests.reading_support import article_site, demo_server

pytestmark = [pytest.mark.browser]

# Rules axe runs: everything in axe-core except the experimental ones, so WCAG 2.0/2.1
# A and AA plus axe's best practices (one main landmark, heading order, regions…).
AXE_OPTIONS = {"resultTypes": ["violations"]}

# kind -> (app label, model names of the detail page and the listing, as CONVENTIONS.md names them)
APP_KINDS = {
    "plan": ("campaigns", ["planpage", "planindexpage"]),
    "campaign": ("campaigns", ["campaignpage", "campaignindexpage"]),
    "news": ("news", ["newspage", "newsindexpage"]),
    "video": ("video", ["videopage", "videoindexpage"]),
}


def page_models(kind):
    """Page models of ``kind`` by name (or, if none has that name, every page model of
    its app)."""
    app_label, names = APP_KINDS[kind]
    models = [m for m in apps.get_models() if issubclass(m, Page) and m._meta.model_name in names]
    if models:
        return models
    try:
        app = apps.get_app_config(app_label)
    except LookupError:
        return []
    return [m for m in app.get_models() if issubclass(m, Page)]


def kind_param(kind):
    app_label, names = APP_KINDS[kind]
    missing = not page_models(kind)
    reason = f"No {kind} page type yet (looked for models {', '.join(names)} and any page model in '{app_label}')"
    return pytest.param(kind, marks=pytest.mark.skipif(missing, reason=reason))


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _prepare():
    from portal.models import StandardPage

    article = article_site()["article"]  # the demo site, plus an article with a table and a document
    core = [
        "/",
        StandardPage.objects.live().get(slug="chuc-nang-nhiem-vu").url,
        article.url,
        StandardPage.objects.live().get(slug="gioi-thieu").url,  # a section listing its pages
        "/tim-kiem/",
        "/tim-kiem/?q=S%E1%BB%9F+N%E1%BB%99i+v%E1%BB%A5",
        "/khong-co/",
    ]
    kinds = {}
    for kind in APP_KINDS:
        paths, missing = [], []
        for model in page_models(kind):
            name = model._meta.model_name
            page = Page.objects.live().public().filter(content_type__model=name).order_by("path").first()
            if page is None:
                missing.append(name)
            else:
                paths.append(page.url)
                if name.endswith("indexpage"):
                    paths.append(page.url + "?page=2")  # a later page of the listing, or its first
        kinds[kind] = (paths, missing)
    return {"core": core, "article": article.url, "kinds": kinds}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Every app's demo content, served for the whole module."""
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        yield data


@pytest.fixture
def offline_page(browser, demo):
    """A browser page that can reach the test server only (video embeds and the like
    are not fetched from the internet)."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(demo["base"]) else route.abort(),
    )
    page = context.new_page()
    yield page
    context.close()


def violations(axe, page, url=None):
    if url is not None:
        page.goto(url)
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']} — "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def assert_no_violations(axe, page, base, paths):
    found = []
    for path in paths:
        found += violations(axe, page, base + path)
    assert found == [], "\n".join(found)


def test_axe_core_pages(demo, offline_page, axe):
    """Home, standard pages (articles), a listing (a section with its subpages, search
    results), the search page, the 404 page."""
    assert_no_violations(axe, offline_page, demo["base"], demo["core"])


def test_axe_article_with_the_tools_in_use_on_a_phone(demo, offline_page, axe):
    """An article on a 360 px screen at the largest text size in high-contrast mode."""
    page = offline_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo["base"] + demo["article"])
    while page.get_attribute("[data-font-change='1']", "aria-disabled") != "true":
        page.click("[data-font-change='1']")
    page.click("[data-contrast-toggle]")
    assert page.get_attribute("html", "data-contrast") == "high"
    found = violations(axe, page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("kind", [kind_param(kind) for kind in APP_KINDS])
def test_axe_content_pages_and_their_listings(kind, demo, offline_page, axe):
    paths, missing = demo["kinds"][kind]
    assert not missing, f"load_demo created no live page of {', '.join(missing)}: add one to the app's demo content"
    assert paths
    assert_no_violations(axe, offline_page, demo["base"], paths)


def test_page_frame_has_landmarks_a_skip_link_and_a_labelled_search(client, home):
    """What axe cannot judge alone: the frame every page shares (this test also makes
    pytest-django create the test database when this module runs alone)."""
    html = client.get("/").content.decode()
    assert '<html lang="vi"' in html
    assert '<a class="skip-link" href="#main-content">Bỏ qua, đến nội dung chính</a>' in html
    assert html.count("<main ") == 1 and '<main id="main-content"' in html
    assert '<header class="site-header" role="banner">' in html
    assert '<nav class="main-nav" aria-label="Danh mục chính" data-main-nav>' in html
    assert '<footer class="site-footer" role="contentinfo">' in html
    assert '<label for="site-search" class="visually-hidden">Tìm kiếm trên cổng thông tin</label>' in html
    assert "<h1" in html and ("<h2" not in html or html.index("<h1") < html.index("<h2"))
