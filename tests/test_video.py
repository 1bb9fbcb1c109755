import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from portal.models import HomePage, StandardPage
from tests.news_helpers import publish, tiny_webm, video_index, video_page
from video.demo import DEMO_CLIP
from video.models import VideoIndexPage, VideoPage
from video.sidebar import sidebar_videos
from video.validators import sniff_video, validate_captions_file, validate_video_file

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


@pytest.fixture
def index(home):
    return video_index(home)


class PageTypes(WagtailPageTestCase):
    def test_video_index_under_home_holds_videos_only(self):
        self.assertCanCreateAt(HomePage, VideoIndexPage)
        self.assertCanNotCreateAt(StandardPage, VideoIndexPage)
        self.assertAllowedSubpageTypes(VideoIndexPage, {VideoPage})

    def test_video_pages_only_under_the_video_index(self):
        self.assertCanCreateAt(VideoIndexPage, VideoPage)
        self.assertCanNotCreateAt(HomePage, VideoPage)
        self.assertAllowedSubpageTypes(VideoPage, set())


class Renderable(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-video"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
        cls.index = home.add_child(instance=VideoIndexPage(title="Tin video", slug="tin-video"))
        cls.page = cls.index.add_child(instance=VideoPage(title="Video hội nghị", slug="video", video_url=YOUTUBE))

    def test_pages_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.page)


# --- the demo clip (a committed WebM; it plays in Chromium: test_video_browser.py) --------


@pytest.mark.parametrize("data", [DEMO_CLIP.read_bytes(), tiny_webm()], ids=["demo", "tests"])
def test_the_committed_clips_are_webm_with_vp8(data):
    assert data[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in data[:40] and b"V_VP8" in data
    assert sniff_video(data) == "webm"


# --- validation ------------------------------------------------------------------------


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_video_file_checks_extension_and_content():
    validate_video_file(upload("hoi-nghi.webm", tiny_webm()))
    validate_video_file(upload("hoi-nghi.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"))
    for name, data in [
        ("hoi-nghi.avi", tiny_webm()),  # wrong extension
        ("hoi-nghi.mp4", b"<html><script>alert(1)</script></html>"),  # HTML renamed
        ("hoi-nghi.webm", b"MZ\x90\x00" + bytes(60)),  # executable renamed
        ("hoi-nghi.mp4", tiny_webm()),  # WebM named .mp4
    ]:
        with pytest.raises(ValidationError):
            validate_video_file(upload(name, data))


def test_captions_must_be_webvtt():
    validate_captions_file(upload("phu-de.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode()))
    validate_captions_file(upload("phu-de.vtt", b"\xef\xbb\xbfWEBVTT\n"))
    with pytest.raises(ValidationError):
        validate_captions_file(upload("phu-de.srt", b"WEBVTT\n"))
    with pytest.raises(ValidationError):
        validate_captions_file(upload("phu-de.vtt", b"1\n00:00:00,000 --> 00:00:01,000\n"))


def test_a_video_needs_exactly_one_source(index):
    neither = VideoPage(title="Không có nguồn", slug="khong")
    with pytest.raises(ValidationError):
        neither.clean()
    both = VideoPage(title="Hai nguồn", slug="hai", video_url=YOUTUBE)
    both.video_file.name = "video/hai.webm"
    with pytest.raises(ValidationError):
        both.clean()
    captions_without_file = VideoPage(title="Phụ đề", slug="pd", video_url=YOUTUBE)
    captions_without_file.captions.name = "video/phu-de/pd.vtt"
    with pytest.raises(ValidationError):
        captions_without_file.clean()
    VideoPage(title="YouTube", slug="yt", video_url=YOUTUBE).clean()
    with pytest.raises(ValidationError):
        VideoPage(title="Lạ", slug="la", video_url="https://example.com/phim.mp4").full_clean(
            exclude=["path", "depth", "content_type", "translation_key", "locale"]
        )


# --- public pages ----------------------------------------------------------------------


def test_uploaded_video_plays_in_the_browsers_own_player_with_captions(client, index):
    page = VideoPage(slug="hoi-nghi", title="Hội nghị cán bộ, công chức năm 2025", description="Quang cảnh hội nghị.")
    page.video_file.save("hoi-nghi.webm", io.BytesIO(tiny_webm()), save=False)
    page.captions.save("hoi-nghi.vtt", io.BytesIO(b"WEBVTT\n"), save=False)
    publish(index, page)
    response = client.get("/tin-video/hoi-nghi/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<video controls preload="metadata"' in html
    assert f'<source src="{page.video_file.url}" type="video/webm">' in html
    assert f'<track kind="captions" srclang="vi" label="Tiếng Việt" src="{page.captions.url}" default>' in html
    assert "Ngày đăng:" in html and "Lượt xem:" in html and "Quang cảnh hội nghị." in html
    assert "<iframe" not in html.split('class="sidebar"')[0]
    assert not response.cookies


def test_youtube_video_is_a_privacy_friendly_embed_without_network(client, index, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("no network call at render time")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    video_page(index, "youtube", "Video trên YouTube", url="https://youtu.be/aqz-KE-bpKQ")
    html = client.get("/tin-video/youtube/").content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in html
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">Xem trên YouTube</a>' in html


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999", ""])
def test_video_listing_newest_first_and_bad_page_numbers(client, index, value):
    base = timezone.now() - datetime.timedelta(days=10)
    for i in range(14):
        video_page(index, f"v{i}", f"Video số {i:02d}", url=YOUTUBE, when=base + datetime.timedelta(days=i))
    response = client.get("/tin-video/", {"page": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Video số" in html


def test_video_listing_orders_newest_first(client, index):
    base = timezone.now() - datetime.timedelta(days=10)
    video_page(index, "cu", "Video cũ", url=YOUTUBE, when=base)
    video_page(index, "moi", "Video mới", url=YOUTUBE, when=base + datetime.timedelta(days=1))
    html = client.get("/tin-video/").content.decode()
    main = html.split('class="sidebar"')[0]
    assert main.index("Video mới") < main.index("Video cũ")


# --- the Tin video sidebar block --------------------------------------------------------


def sidebar(html):
    return html[html.index('class="sidebar"') :]


def test_sidebar_block_without_videos_shows_a_note(client, home):
    response = client.get("/")
    assert response.status_code == 200
    block = sidebar(response.content.decode())
    assert '<h2 class="sidebar-block__title" id="video-block-title">Tin video</h2>' in block
    assert "Chưa có video." in block


def test_sidebar_block_links_the_newest_video_and_lists_more(client, index):
    base = timezone.now() - datetime.timedelta(days=10)
    for i in range(6):
        video_page(index, f"yt-{i}", f"Video YouTube {i}", url=YOUTUBE, when=base + datetime.timedelta(days=i))
    video_page(index, "moi-nhat", "Video mới nhất", file_bytes=tiny_webm(), when=base + datetime.timedelta(days=9))
    block = sidebar(client.get("/").content.decode())
    assert '<section class="sidebar-block video-block" aria-labelledby="video-block-title">' in block
    # The newest video is one link to its page (the player is there), named by its title.
    assert "<video" not in block
    assert '<a class="video-block__newest" href="/tin-video/moi-nhat/">' in block
    assert '<span class="visually-hidden">Xem video: </span>Video mới nhất</span>' in block
    for i in (5, 4, 3, 2):
        assert f"Video YouTube {i}</a>" in block
    assert "Video YouTube 1</a>" not in block
    assert '<a href="/tin-video/">Xem tất cả video</a>' in block


def test_sidebar_block_and_listing_cost_the_same_with_one_or_many_videos(
    client, index, django_assert_num_queries, registry_blocks_kept
):
    urls = ["/", "/tin-video/", "/tin-video/?page=3"]

    def counts():
        result = {}
        for url in urls:
            client.get(url)
            client.get(url)  # a first view may create a site setting's row, which starts a new generation
            connection.queries_log.clear()  # its 9,000-entry cap would skew the count
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result[url] = len(queries.captured_queries)
        return result

    video_page(index, "mot", "Một video", url=YOUTUBE)
    one = counts()
    connection.queries_log.clear()  # its 9,000-entry cap would skew the count
    with CaptureQueriesContext(connection) as uncached:
        sidebar_videos()
    uncached_count = len(uncached.captured_queries)
    base = timezone.now() - datetime.timedelta(days=100)
    for i in range(40):
        video_page(index, f"nhieu-{i}", f"Video {i}", url=YOUTUBE, when=base + datetime.timedelta(hours=i))
    assert counts() == one
    assert one["/"] <= 19 and one["/tin-video/"] <= 24
    # Uncached (the block is cached between publishes): three queries for 1 or 41 videos.
    connection.queries_log.clear()
    with django_assert_num_queries(uncached_count):
        assert len(sidebar_videos()) == 5
    assert 0 < uncached_count <= 3


def test_sidebar_block_shows_a_new_video_as_soon_as_it_is_published(client, index):
    video_page(index, "dau", "Video đầu tiên", url=YOUTUBE)
    assert "Video đầu tiên" in sidebar(client.get("/gioi-thieu-khong-co/").content.decode())
    first = sidebar(client.get("/").content.decode())
    assert "Video đầu tiên" in first
    newest = video_page(index, "moi", "Video vừa đăng", url=YOUTUBE)
    assert "Video vừa đăng" in sidebar(client.get("/").content.decode())
    newest.unpublish()
    assert "Video vừa đăng" not in sidebar(client.get("/").content.decode())


def test_sidebar_block_renders_on_pages_without_a_page_object(client, index):
    video_page(index, "mot", "Video trong trang tìm kiếm", url=YOUTUBE)
    html = client.get("/tim-kiem/", {"q": "video"}).content.decode()
    assert "Video trong trang tìm kiếm" in sidebar(html)


# --- admin -------------------------------------------------------------------------------


def test_admin_creates_and_publishes_an_uploaded_video(admin_client, index):
    url = reverse("wagtailadmin_pages:add", args=("video", "videopage", index.pk))
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Lễ công bố Chỉ số cải cách hành chính",
            "slug": "le-cong-bo-par",
            "description": "Toàn cảnh lễ công bố.",
            "video_url": "",
            "action-publish": "publish",
        }
    )
    data["video_file"] = SimpleUploadedFile("le-cong-bo.webm", tiny_webm(), content_type="video/webm")
    data["captions"] = SimpleUploadedFile("le-cong-bo.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin chao\n")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = VideoPage.objects.get(slug="le-cong-bo-par")
    assert page.live and page.video_file.name.endswith(".webm") and page.captions.name.endswith(".vtt")
    admin_client.logout()
    html = admin_client.get("/tin-video/le-cong-bo-par/").content.decode()
    assert page.video_file.url in html and "Toàn cảnh lễ công bố." in html


def test_admin_creates_a_youtube_video_and_refuses_a_fake_file(admin_client, index):
    url = reverse("wagtailadmin_pages:add", args=("video", "videopage", index.pk))
    youtube = nested_form_data(
        {"title": "Video YouTube", "slug": "video-youtube", "video_url": YOUTUBE, "action-publish": "publish"}
    )
    assert admin_client.post(url, youtube).status_code == 302
    assert VideoPage.objects.get(slug="video-youtube").live

    fake = nested_form_data({"title": "Tệp giả", "slug": "tep-gia", "video_url": "", "action-publish": "publish"})
    fake["video_file"] = SimpleUploadedFile("tep-gia.mp4", b"<html><body>not a video</body></html>")
    response = admin_client.post(url, fake)
    assert response.status_code == 200
    assert "video_file" in response.context["form"].errors
    assert not VideoPage.objects.filter(slug="tep-gia").exists()

    both = nested_form_data(
        {"title": "Hai nguồn", "slug": "hai-nguon", "video_url": YOUTUBE, "action-publish": "publish"}
    )
    both["video_file"] = SimpleUploadedFile("hai.webm", tiny_webm())
    response = admin_client.post(url, both)
    assert response.status_code == 200
    assert not VideoPage.objects.filter(slug="hai-nguon").exists()
