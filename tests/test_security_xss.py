"""Whatever an editor types is escaped or sanitised wherever it appears, and the Content
Security Policy lets the real admin and public pages work in a browser.

The XSS check finds where the page's title shows up generically: the public page, the
home page, the admin listing, the sitemap, search results and every feed the pages link
to (``<link rel="alternate" type="application/rss+xml">``), so feeds and listings that
other parts of the site add are covered once they exist.
"""

import re

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import StandardPage

TITLE = '<script>alert("xss-title")</script><img src=x onerror=alert(1)> Kế hoạch'
BODY = (
    '<p>Nội dung<script>alert("xss-body")</script></p><p><b onmouseover="alert(2)">đậm</b>'
    '<a href="javascript:alert(3)">liên kết</a></p>'
)
DANGEROUS = [
    re.compile(r"<script>alert\(", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"<b[^>]*onmouseover", re.I),
    re.compile(r"href=\"javascript:", re.I),
]


def assert_safe(body, where):
    for pattern in DANGEROUS:
        assert not pattern.search(body), f"{where}: unescaped {pattern.pattern!r}"


@pytest.fixture
def hostile_page(admin_client, home):
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": "ke-hoach-xss",
            "intro": TITLE,
            "seo_title": TITLE,
            "search_description": TITLE,
            "body": streamfield([("paragraph", rich_text(BODY))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/portal/standardpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = StandardPage.objects.get(slug="ke-hoach-xss")
    assert page.live and page.title == TITLE
    return page


@pytest.mark.django_db
def test_editor_input_is_escaped_on_public_pages_admin_sitemap_search_and_feeds(
    client, admin_client, hostile_page, home
):
    stored = str(hostile_page.body.raw_data)
    assert "<script" not in stored and "onmouseover" not in stored and "javascript:" not in stored

    checked = {}
    public = client.get(hostile_page.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "&lt;script&gt;alert(&quot;xss-title&quot;)&lt;/script&gt;" in html, "the title is shown, escaped"
    checked[hostile_page.url] = html

    for path in ["/", "/sitemap.xml", "/tim-kiem/?q=ke+hoach", "/tim-kiem/?q=" + "%3Cscript%3E"]:
        response = client.get(path)
        assert response.status_code == 200, path
        checked[path] = response.content.decode()

    # Feeds any page advertises (news, plans … once those parts exist).
    feeds = set()
    for body in list(checked.values()):
        feeds |= set(re.findall(r'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]+href="([^"]+)"', body))
    for feed in feeds:
        response = client.get(feed)
        if response.status_code == 200:
            checked[feed] = response.content.decode()

    admin_listing = admin_client.get(f"/admin/pages/{home.pk}/")
    assert admin_listing.status_code == 200
    assert "xss-title" in admin_listing.content.decode()
    checked["admin listing"] = admin_listing.content.decode()
    checked["admin search"] = admin_client.get("/admin/pages/search/?q=ke+hoach").content.decode()
    checked["admin editor"] = admin_client.get(f"/admin/pages/{hostile_page.pk}/edit/").content.decode()

    for where, body in checked.items():
        assert_safe(body, where)


# --- In a real browser -------------------------------------------------------------------


def csp_errors(page):
    return [m for m in page.console_errors if "Content Security Policy" in m or "Refused to" in m]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_and_public_pages_work_under_the_csp_in_chromium(browser_page, live_server, home, django_user_model):
    django_user_model.objects.create_superuser("quantri", "qt@example.invalid", "Mật-khẩu-dài-2024!")
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("main").count() >= 1
    assert csp_errors(page) == []

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "Mật-khẩu-dài-2024!")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    # The sidebar is drawn by the admin's JavaScript: it only appears if scripts ran.
    page.wait_for_selector(
        "#wagtail-sidebar a[href='/admin/pages/'], #wagtail-sidebar .sidebar-menu-item", timeout=15000
    )

    child = Page.objects.get(pk=home.pk).get_children().first()
    target = child.pk if child else home.pk
    page.goto(f"{live_server.url}/admin/pages/{target}/edit/")
    page.wait_for_selector("[data-w-tabs-target], .w-tabs", timeout=15000)
    page.goto(f"{live_server.url}/admin/pages/add/portal/standardpage/{home.pk}/")
    page.wait_for_selector(".Draftail-Editor, [data-streamfield-stream-container], .w-field", timeout=15000)
    page.goto(live_server.url + "/admin/2fa/")
    page.wait_for_selector(".portal-2fa-qr svg", timeout=15000)
    assert csp_errors(page) == [], csp_errors(page)
