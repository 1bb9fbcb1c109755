"""The Tin video block and the home page in headless Chromium."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Collection, Locale, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ensure_baseline():
    """The locale and root page the first migrations create (a transactional flush removes them)."""
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


@pytest.fixture
def demo_site(transactional_db, live_server, settings):
    settings.ROOT_URLCONF = "tests.urls_media"  # serve the uploaded video and images
    ensure_baseline()
    call_command("load_demo", stdout=io.StringIO())
    return live_server


def test_home_page_video_block_leads_to_the_uploaded_video_which_plays_without_console_errors(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site.url + "/")
    # The sidebar shows the newest video as one link (poster and title) to its page.
    assert page.locator(".video-block video").count() == 0
    assert page.locator(".video-block").get_by_role("link", name="Xem tất cả video").count() == 1
    # Featured news and the latest news by category are on the home page, with images that load.
    assert page.locator(".home-featured img").count() >= 1
    assert page.evaluate(
        "() => [...document.querySelectorAll('.home-featured img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert page.locator(".home-news").get_by_role("link", name="Cải cách hành chính", exact=True).count() == 1
    page.locator(".video-block__newest").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".video-player video")
    video = page.locator(".video-player video")
    assert video.count() == 1
    assert video.get_attribute("controls") is not None and video.get_attribute("preload") == "metadata"
    assert video.get_attribute("poster")
    page.wait_for_function(
        "() => { const v = document.querySelector('.video-player video'); return v && (v.readyState >= 1 || v.error); }",
        timeout=15_000,
    )
    state = page.evaluate(
        """() => { const v = document.querySelector('.video-player video');
        return {ready: v.readyState, duration: v.duration, error: v.error && v.error.code,
                width: v.videoWidth, canPlay: v.canPlayType('video/webm; codecs="vp8"'),
                tracks: v.textTracks.length, track: v.textTracks[0] && v.textTracks[0].language}; }"""
    )
    assert state["error"] is None
    assert state["ready"] >= 1 and state["duration"] == pytest.approx(3, abs=0.2) and state["width"] == 320
    assert state["canPlay"] in {"probably", "maybe"}
    assert state["tracks"] == 1 and state["track"] == "vi"
    # It really plays: time moves on after play().
    page.evaluate("() => { const v = document.querySelector('.video-player video'); v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('.video-player video').currentTime > 0.3", timeout=10_000)
    assert page.console_errors == []


def test_youtube_video_page_embeds_youtube_nocookie(demo_site, browser_page):
    page = browser_page
    # Nothing leaves the machine: third-party requests are answered locally with an empty page.
    page.route(
        "https://**/*", lambda route: route.fulfill(status=200, content_type="text/html", body="<!doctype html>")
    )
    page.goto(demo_site.url + "/tin-video/video-minh-hoa-youtube/")
    iframe = page.locator("main iframe")
    assert iframe.count() == 1
    assert iframe.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert iframe.get_attribute("title") == "Video minh họa phát từ YouTube"
    assert page.console_errors == []


def test_news_pages_render_without_console_errors(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site.url + "/tin-tuc/")
    first = page.locator(".news-item__title a").first
    title = first.text_content()
    with page.expect_navigation():
        first.click()
    assert page.locator("h1.article__title").text_content() == title
    assert page.get_by_role("heading", name="Tin khác").count() == 1
    assert page.console_errors == []
