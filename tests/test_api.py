"""Open data: Wagtail API v2 at /api/v2/ — public content only, read-only, cached like the
public pages, rate-limited per source."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from portal.models import StandardPage


@pytest.fixture
def pages(home):
    public = StandardPage(title="Chức năng, nhiệm vụ", slug="chuc-nang-nhiem-vu", intro="Công khai.")
    home.add_child(instance=public)
    public.save_revision().publish()
    secret = StandardPage(title="Tài liệu nội bộ", slug="noi-bo", intro="Chỉ cán bộ.")
    home.add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat-123"
    )
    logged_in = StandardPage(title="Trang cho người đăng nhập", slug="dang-nhap")
    home.add_child(instance=logged_in)
    logged_in.save_revision().publish()
    PageViewRestriction.objects.create(page=logged_in, restriction_type=PageViewRestriction.LOGIN)
    draft = StandardPage(title="Bản nháp chưa duyệt", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    return {"public": public, "secret": secret, "logged_in": logged_in, "draft": draft}


def titles(response):
    return sorted(item["title"] for item in response.json()["items"])


def test_pages_are_public_and_live_only(client, pages, home):
    response = client.get("/api/v2/pages/", {"limit": 50})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert titles(response) == sorted([home.title, "Chức năng, nhiệm vụ"])
    for name in ("secret", "logged_in", "draft"):
        assert client.get(f"/api/v2/pages/{pages[name].pk}/").status_code == 404, name
    detail = client.get(f"/api/v2/pages/{pages['public'].pk}/").json()
    assert detail["title"] == "Chức năng, nhiệm vụ" and detail["meta"]["html_url"].endswith("/chuc-nang-nhiem-vu/")
    # An unpublished change (a draft of a live page) is not shown; its publication is.
    draft = pages["public"].get_latest_revision_as_object()
    draft.title = "Tiêu đề mới chưa duyệt"
    draft.save_revision()
    assert client.get(f"/api/v2/pages/{pages['public'].pk}/").json()["title"] == "Chức năng, nhiệm vụ"
    # A page below a restricted page is hidden too.
    child = StandardPage(title="Trang con nội bộ", slug="con")
    pages["secret"].add_child(instance=child)
    child.save_revision().publish()
    assert client.get(f"/api/v2/pages/{child.pk}/").status_code == 404
    assert "Trang con nội bộ" not in titles(client.get("/api/v2/pages/", {"search": "nội bộ"}))


def test_read_only_and_cached_like_public_pages(client, pages):
    response = client.get("/api/v2/pages/")
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    for method in (client.post, client.put, client.delete):
        assert method("/api/v2/pages/", data={}).status_code == 405
    assert client.get("/api/v2/pages/", {"type": "khong.Co"}).status_code == 400
    assert client.get("/api/v2/pages/", {"limit": "abc"}).status_code == 400


def make_document(title, collection=None):
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title[:10]}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def test_documents_and_images_exclude_private_ones(client, pages):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    make_document("Kế hoạch 57 công khai")
    make_document("Danh sách nội bộ", private)
    only_on_secret = make_document("Tài liệu chỉ ở trang nội bộ")
    # A document linked only from a password-protected page is refused by /documents/ too.
    secret = pages["secret"]
    secret.body = [("document", {"document": only_on_secret, "title": "Tài liệu"})]
    secret.save_revision().publish()
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200
    assert titles(response) == ["Kế hoạch 57 công khai"]
    assert client.get(f"/api/v2/documents/{only_on_secret.pk}/").status_code == 404

    from PIL import Image
    from wagtail.images import get_image_model

    def image(title, collection):
        data = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 10, 10)).save(data, format="PNG")
        from django.core.files.images import ImageFile

        picture = get_image_model()(title=title, collection=collection)
        picture.file = ImageFile(io.BytesIO(data.getvalue()), name=f"anh-{collection.pk}.png")
        picture.save()
        return picture

    image("Ảnh công khai", root)
    image("Ảnh nội bộ", private)
    assert titles(client.get("/api/v2/images/")) == ["Ảnh công khai"]


def test_page_types_expose_their_fields(client, home):
    from news.models import NewsCategory, NewsIndexPage, NewsPage

    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    index.save_revision().publish()
    category = NewsCategory.objects.create(name="Hoạt động của Sở", slug="hoat-dong", locale=home.locale)
    news = NewsPage(title="Hội nghị tổng kết", slug="hoi-nghi", sapo="Sáng nay…", author="Minh Anh")
    news.categories = [category]
    index.add_child(instance=news)
    news.save_revision().publish()
    data = client.get("/api/v2/pages/", {"type": "news.NewsPage", "fields": "sapo,author,categories,published_at"})
    assert data.status_code == 200, data.content
    item = data.json()["items"][0]
    assert (item["sapo"], item["author"], item["categories"]) == ("Sáng nay…", "Minh Anh", ["Hoạt động của Sở"])

    from schedule.demo import ensure_section, ensure_week
    from schedule.weeks import current_monday

    schedule = ensure_section(home, io.StringIO())
    ensure_week(schedule, current_monday())
    weeks = client.get("/api/v2/pages/", {"type": "schedule.WeekSchedulePage", "fields": "week_start,items"}).json()
    week = weeks["items"][0]
    assert week["week_start"] == current_monday().isoformat()
    assert week["items"][0]["date"] == current_monday().isoformat()
    assert week["items"][0]["start_time"] == "07:30"
    assert datetime.date.fromisoformat(week["items"][-1]["date"]) <= current_monday() + datetime.timedelta(days=6)


def test_rate_limit_per_source_in_vietnamese(client, home, settings):
    settings.PORTAL_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.5").status_code == 200
    refused = client.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu từ cùng một địa chỉ; vui lòng thử lại sau" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    assert "public" not in refused.get("Cache-Control", "")
    # Another source is not affected; one IPv6 /64 is one source.
    assert client.get("/api/v2/pages/", REMOTE_ADDR="203.0.113.6").status_code == 200
    for n in range(3):
        client.get("/api/v2/pages/", REMOTE_ADDR=f"2001:db8:1:2::{n + 1}")
    assert client.get("/api/v2/pages/", REMOTE_ADDR="2001:db8:1:2::99").status_code == 429


def test_no_page_of_the_site_is_touched_by_the_api_routes(client, home):
    assert client.get("/api/v2/").status_code in (200, 404)
    assert Page.objects.filter(slug="api").count() == 0
