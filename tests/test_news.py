import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsCategory, NewsIndexPage, NewsPage
from portal.models import HomeFeaturedItem, HomePage, StandardPage
from tests.news_helpers import category, news, news_index


def when(y, m, d, h=8, mi=0):
    return timezone.make_aware(datetime.datetime(y, m, d, h, mi))


@pytest.fixture
def index(home):
    return news_index(home)


@pytest.fixture
def cats(home):
    locale = Locale.get_default()
    return {
        "hd": category(locale, "hoat-dong-cua-so", "Hoạt động của Sở", 0),
        "cc": category(locale, "cai-cach-hanh-chinh", "Cải cách hành chính", 1),
    }


class PageTypes(WagtailPageTestCase):
    def test_news_index_lives_under_home_and_holds_news_only(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_news_pages_only_under_a_news_index_and_have_no_children(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertAllowedSubpageTypes(NewsPage, set())


class Renderable(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-news"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
        cls.index = home.add_child(instance=NewsIndexPage(title="Tin tức - Sự kiện", slug="tin-tuc"))
        cls.page = cls.index.add_child(
            instance=NewsPage(
                title="Hội nghị tổng kết", slug="hoi-nghi", body=[("paragraph", "<p>Nội dung hội nghị.</p>")]
            )
        )

    def test_pages_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.page)


def test_news_page_shows_everything_a_reader_expects(client, index, cats):
    page = news(
        index,
        "hoi-nghi-tong-ket",
        "Hội nghị tổng kết công tác nội vụ năm 2022",
        when=when(2023, 1, 10, 9, 30),
        categories=[cats["hd"]],
        tags=["tổng kết", "công tác nội vụ"],
        sapo="Sáng 10/01/2023, Sở Nội vụ tổ chức Hội nghị tổng kết.",
        body=[("paragraph", "<p>Năm 2022, ngành Nội vụ đã hoàn thành tốt các nhiệm vụ.</p>")],
        author="Minh Anh",
        source="Văn phòng Sở",
        image_caption="Quang cảnh hội nghị",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article__title">Hội nghị tổng kết công tác nội vụ năm 2022</h1>' in html
    assert "Ngày đăng: <time" in html and "10/01/2023  09:30" in html and "Lượt xem:" in html
    assert "Mặc định" in html and "Cỡ chữ" in html
    assert '<p class="article__lead">Sáng 10/01/2023, Sở Nội vụ tổ chức Hội nghị tổng kết.</p>' in html
    assert "Năm 2022, ngành Nội vụ đã hoàn thành tốt" in html
    assert "Minh Anh" in html and "Nguồn: Văn phòng Sở" in html
    assert '<a href="/tin-tuc/chuyen-muc/hoat-dong-cua-so/">Hoạt động của Sở</a>' in html
    assert 'rel="tag">tổng kết</a>' in html
    assert 'type="application/rss+xml"' in html and 'href="/tin-tuc/chuyen-muc/hoat-dong-cua-so/feed/"' in html
    # The body sits inside the reading-tools target, the footer closes the article.
    assert html.index("data-article-body") < html.index("Năm 2022, ngành Nội vụ") < html.index("</article>")
    # A page view sets no cookie (pages stay cacheable).
    assert not response.cookies


def test_tin_khac_lists_newest_news_of_the_same_category_without_the_page_itself(client, index, cats):
    older = news(index, "cu", "Tin cũ cùng chuyên mục", when=when(2022, 1, 1), categories=[cats["hd"]])
    newer = news(index, "moi", "Tin mới cùng chuyên mục", when=when(2024, 1, 1), categories=[cats["hd"]])
    news(index, "khac", "Tin chuyên mục khác", when=when(2025, 1, 1), categories=[cats["cc"]])
    page = news(index, "bai", "Bài đang đọc", when=when(2023, 1, 1), categories=[cats["hd"]])
    html = client.get(page.url).content.decode()
    section = html[html.index("Tin khác") :]
    assert newer.title in section and older.title in section
    assert section.index(newer.title) < section.index(older.title)
    assert "Tin chuyên mục khác" not in section
    assert "Bài đang đọc</a>" not in section


def test_listing_pages_by_category_and_tag(client, index, cats):
    news(index, "a", "Tin hoạt động", when=when(2024, 5, 1), categories=[cats["hd"]], tags=["chuyển đổi số"])
    news(index, "b", "Tin cải cách", when=when(2024, 6, 1), categories=[cats["cc"]])
    all_news = client.get("/tin-tuc/").content.decode()
    assert all_news.index("Tin cải cách") < all_news.index("Tin hoạt động")  # newest first
    by_category = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/")
    assert by_category.status_code == 200
    html = by_category.content.decode()
    assert "Tin cải cách" in html and "Tin hoạt động" not in html
    assert 'href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/feed/"' in html
    tag_url = NewsIndexPage.objects.get().tag_url(NewsPage.objects.get(slug="a").tags.get())
    assert tag_url == "/tin-tuc/the/chuy%E1%BB%83n-%C4%91%E1%BB%95i-s%E1%BB%91/"
    by_tag = client.get(tag_url).content.decode()
    assert "Thẻ: chuyển đổi số" in by_tag and "Tin hoạt động" in by_tag and "Tin cải cách" not in by_tag


@pytest.mark.parametrize(
    "url", ["/tin-tuc/chuyen-muc/khong-co/", "/tin-tuc/the/khong-co/", "/tin-tuc/chuyen-muc/x/feed/"]
)
def test_unknown_category_or_tag_is_a_404(client, index, cats, url):
    assert client.get(url).status_code == 404


def test_category_of_another_language_is_not_listed(client, index, cats):
    english = Locale.objects.get_or_create(language_code="en")[0]
    category(english, "administrative-reform", "Administrative reform")
    assert client.get("/tin-tuc/chuyen-muc/administrative-reform/").status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999", "1e9", "%00", "2.5", ""])
def test_listings_with_bad_page_numbers_never_fail(client, index, cats, value):
    for i in range(12):
        news(index, f"tin-{i}", f"Tin số {i}", when=when(2024, 1, i + 1), categories=[cats["hd"]])
    for url in ["/tin-tuc/", "/tin-tuc/chuyen-muc/hoat-dong-cua-so/"]:
        response = client.get(url, {"page": value})
        assert response.status_code == 200
        assert "Tin số" in response.content.decode()


def test_second_page_of_the_listing(client, index, cats):
    for i in range(12):
        news(index, f"tin-{i}", f"Tin thứ {i:02d}", when=when(2024, 1, i + 1), categories=[cats["hd"]])
    first = client.get("/tin-tuc/").content.decode()
    second = client.get("/tin-tuc/", {"page": 2}).content.decode()
    assert "Tin thứ 11" in first and "Tin thứ 00" not in first
    assert "Tin thứ 00" in second and "Tin thứ 01" in second and "Tin thứ 11" not in second
    assert "Trang 2/2" in second


def test_drafts_and_private_news_stay_out_of_listings(client, index, cats):
    news(index, "cong-khai", "Tin công khai", categories=[cats["hd"]])
    draft = NewsPage(slug="nhap", title="Tin nháp", live=False)
    index.add_child(instance=draft)
    html = client.get("/tin-tuc/").content.decode()
    assert "Tin công khai" in html and "Tin nháp" not in html


def test_home_shows_featured_news_with_image_and_latest_news_by_category(client, home, index, cats):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    featured = news(index, "noi-bat", "Tin nổi bật của Sở", when=when(2025, 3, 1), categories=[cats["hd"]], image=image)
    news(index, "cc-1", "Công bố chỉ số cải cách hành chính", when=when(2025, 2, 1), categories=[cats["cc"]])
    home.featured_items = [HomeFeaturedItem(page=featured)]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    featured_html = html[html.index("Tin nổi bật") : html.index("Tin mới theo chuyên mục")]
    assert "Tin nổi bật của Sở" in featured_html and "<img" in featured_html and "01/03/2025" in featured_html
    latest = html[html.index("Tin mới theo chuyên mục") :]
    assert "Hoạt động của Sở" in latest and "Cải cách hành chính" in latest
    assert "Công bố chỉ số cải cách hành chính" in latest
    assert 'href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/"' in latest


def test_home_latest_news_keeps_four_per_category_newest_first(client, home, index, cats):
    for i in range(6):
        news(index, f"hd-{i}", f"Hoạt động số {i}", when=when(2024, 1, i + 1), categories=[cats["hd"]])
    html = client.get("/").content.decode()
    latest = html[html.index("Tin mới theo chuyên mục") :]
    shown = [i for i in range(6) if f"Hoạt động số {i}<" in latest]
    assert shown == [2, 3, 4, 5]
    assert latest.index("Hoạt động số 5") < latest.index("Hoạt động số 2")


def test_admin_creates_and_publishes_a_news_page_with_a_streamfield_body(admin_client, index, cats):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    assert admin_client.get(url).status_code == 200
    table = {
        "data": [["Đơn vị", "Số hồ sơ"], ["Sở Nội vụ", "120"]],
        "table_header_choice": "row",
        "table_caption": "Kết quả giải quyết hồ sơ",
    }
    data = nested_form_data(
        {
            "title": "Sở Nội vụ triển khai nhiệm vụ năm 2025",
            "slug": "trien-khai-nhiem-vu-2025",
            "sapo": "Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2025.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Hội nghị đánh giá kết quả năm 2024 và đề ra nhiệm vụ.</p>")),
                    ("quote", {"text": "Đoàn kết, kỷ cương, đổi mới.", "attribution": "Giám đốc Sở"}),
                    ("table", json.dumps(table)),
                    ("video", "https://youtu.be/aqz-KE-bpKQ"),
                ]
            ),
            "published_at": "2025-01-06 08:30",
            "author": "Thu Hà",
            "source": "Văn phòng Sở",
            "image_caption": "",
            "tags": "kế hoạch, năm 2025",
            "action-publish": "publish",
        }
    )
    data["categories"] = [str(cats["hd"].pk), str(cats["cc"].pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(slug="trien-khai-nhiem-vu-2025")
    assert page.live
    assert set(page.categories.values_list("slug", flat=True)) == {"hoat-dong-cua-so", "cai-cach-hanh-chinh"}
    assert sorted(page.tags.names()) == ["kế hoạch", "năm 2025"]
    admin_client.logout()
    html = admin_client.get("/tin-tuc/trien-khai-nhiem-vu-2025/").content.decode()
    assert "Hội nghị đánh giá kết quả năm 2024" in html
    assert "Đoàn kết, kỷ cương, đổi mới." in html
    assert re.search(r"<td[^>]*>\s*Sở Nội vụ\s*</td>", html) and "Kết quả giải quyết hồ sơ" in html
    assert "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" in html
    assert "06/01/2025  08:30" in html
    listing = admin_client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/").content.decode()
    assert "Sở Nội vụ triển khai nhiệm vụ năm 2025" in listing


def test_admin_refuses_a_non_video_address_in_the_body(admin_client, index):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    data = nested_form_data(
        {
            "title": "Tin có video lạ",
            "slug": "tin-video-la",
            "body": streamfield([("video", "https://example.com/video.mp4")]),
            "published_at": "2025-01-06 08:30",
            "tags": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="tin-video-la").exists()


def test_categories_are_snippets_editors_manage_and_are_translatable(admin_client, home):
    from wagtail.models import TranslatableMixin

    assert issubclass(NewsCategory, TranslatableMixin)
    response = admin_client.get(reverse("wagtailsnippets_news_newscategory:list"))
    assert response.status_code == 200
    assert "chuyên mục tin" in response.content.decode().lower()


def test_news_is_found_by_site_search(client, index, cats):
    page = news(index, "so-hoa", "Số hóa tài liệu lưu trữ", sapo="Hơn một triệu trang tài liệu đã được số hóa.")
    page.save_revision().publish()
    html = client.get("/tim-kiem/", {"q": "tài liệu lưu trữ"}).content.decode()
    assert "Số hóa tài liệu lưu trữ" in html


def test_demo_content_for_news_and_video(db, client):
    import io

    from django.core.management import call_command

    from video.models import VideoPage

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    items = NewsPage.objects.live()
    assert items.count() == 12
    assert all(page.image_id for page in items)
    assert {page.published_at.year for page in items} == {2022, 2023, 2024, 2025}
    assert set(NewsCategory.objects.values_list("name", flat=True)) == {
        "Hoạt động của Sở",
        "Cải cách hành chính",
        "Thi đua - Khen thưởng",
        "Văn thư - Lưu trữ",
    }
    assert NewsIndexPage.objects.get().show_in_menus
    home = HomePage.objects.get()
    featured = [item.page_id for item in home.featured_items.all()]
    assert len(featured) == 3 and set(featured) <= set(items.values_list("pk", flat=True))
    uploaded, youtube = VideoPage.objects.order_by("-first_published_at")
    with uploaded.video_file.open("rb") as f:
        assert f.read(4) == b"\x1a\x45\xdf\xa3"
    assert uploaded.captions and youtube.embed.provider == "youtube"
    html = client.get("/").content.decode()
    assert 'href="/tin-tuc/">Tin tức - Sự kiện</a>' in html and 'href="/tin-video/">Tin video</a>' in html


def test_editor_can_preview_a_new_news_page_before_saving(admin_client, index, cats):
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "newspage", index.pk))
    data = nested_form_data(
        {
            "title": "Bản xem trước",
            "slug": "ban-xem-truoc",
            "sapo": "Sapo xem trước.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung xem trước.</p>"))]),
            "published_at": "2025-02-01 10:00",
            "tags": "xem trước",
        }
    )
    data["categories"] = [str(cats["hd"].pk)]
    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url).content.decode()
    assert "Nội dung xem trước." in html and "Hoạt động của Sở" in html
    assert not NewsPage.objects.filter(slug="ban-xem-truoc").exists()


def test_home_news_section_shows_new_news_as_soon_as_it_is_published(client, home, index, cats):
    news(index, "dau", "Tin đầu tiên", categories=[cats["hd"]])
    assert "Tin đầu tiên" in client.get("/").content.decode()
    fresh = news(index, "moi", "Tin vừa đăng", categories=[cats["cc"]])
    html = client.get("/").content.decode()
    assert "Tin vừa đăng" in html
    fresh.unpublish()
    assert "Tin vừa đăng" not in client.get("/").content.decode()
    cats["cc"].name = "Cải cách hành chính nhà nước"
    cats["cc"].save()
    news(index, "cc2", "Tin cải cách mới", categories=[cats["cc"]])
    assert "Cải cách hành chính nhà nước" in client.get("/").content.decode()
