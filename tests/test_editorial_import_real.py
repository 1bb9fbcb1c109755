"""The import and the dashboard with the real page types (campaigns.PlanPage, news.NewsPage,
video.VideoPage) and the mapping the apps declare (portal.registry)."""

import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Workflow

from portal.editorial import roles
from portal.editorial.models import LegacyRecord

SAMPLE = Path(__file__).parent.parent / "portal" / "demo" / "legacy" / "export.jsonl"
LOCAL = datetime.timezone(datetime.timedelta(hours=7))


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


pytestmark = pytest.mark.skipif(
    not all(_model(m) for m in ("campaigns.PlanPage", "news.NewsPage", "video.VideoPage")),
    reason="the content apps' page models are not in this branch",
)


@pytest.fixture
def sections(home):
    made = {}
    for label, title, slug in (
        ("campaigns.PlanIndexPage", "Kế hoạch", "ke-hoach"),
        ("news.NewsIndexPage", "Tin tức - Sự kiện", "tin-tuc"),
        ("video.VideoIndexPage", "Tin video", "tin-video"),
    ):
        page = _model(label)(title=title, slug=slug)
        home.add_child(instance=page)
        page.save_revision().publish()
        made[slug] = page
    return made


def run_import(path=SAMPLE):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_legacy", str(path), stdout=out, stderr=err)
    return out.getvalue()


def page_for(source_id):
    return LegacyRecord.objects.get(source_id=source_id).page.specific


def test_sample_becomes_plans_news_and_videos(sections):
    out = run_import()
    assert "tạo mới 8, cập nhật 0, không đổi 0, bỏ qua 4" in out

    plan = page_for("2001")
    assert type(plan).__name__ == "PlanPage" and plan.get_parent().pk == sections["ke-hoach"].pk
    assert plan.document_number == "45/KH-SNV"
    assert plan.issue_date == datetime.date(2021, 11, 11)
    assert plan.summary == "Triển khai Phong trào thi đua đặc biệt trong toàn ngành Nội vụ tỉnh Kon Tum."
    assert [(a.title, a.document.title) for a in plan.attachments.all()] == [
        ("Kế hoạch số 45/KH-SNV", "Kế hoạch số 45/KH-SNV")
    ]
    assert plan.first_published_at == datetime.datetime(2021, 11, 11, 7, 53, tzinfo=LOCAL)
    # A bare path gives an attachment without its own title: the document's title shows.
    assert [a.title for a in page_for("2003").attachments.all()] == [""]

    news = page_for("3001")
    assert type(news).__name__ == "NewsPage" and news.get_parent().pk == sections["tin-tuc"].pk
    assert news.sapo.startswith("Sở Nội vụ tổ chức Hội nghị tổng kết")
    assert news.author == "Minh Anh"
    assert news.published_at == datetime.datetime(2022, 1, 14, 8, 30, tzinfo=LOCAL)
    assert "<script" not in str(page_for("3002").body[0].value.source)

    video = page_for("4001")
    assert type(video).__name__ == "VideoPage" and video.get_parent().pk == sections["tin-video"].pk
    assert video.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert video.description == "Phóng sự của Đài Phát thanh - Truyền hình tỉnh Kon Tum."


def test_old_plan_url_leads_to_the_plan_with_its_old_date_and_views(sections, client):
    run_import()
    response = client.get("/pages/detail/2001/ke-hoach-trien-khai-phong-trao-thi-dua-dac-biet.html")
    assert response.status_code == 301
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "45/KH-SNV" in html
    assert "11/11/2021  07:53" in html  # Ngày đăng, as on the old site
    assert "2.876" in html  # Lượt xem carried over


def test_importing_the_sample_twice_changes_nothing(sections):
    run_import()
    before = sorted(Page.objects.values_list("pk", "url_path", "latest_revision_id"))
    out = run_import()
    assert "tạo mới 0, cập nhật 0, không đổi 8" in out
    assert sorted(Page.objects.values_list("pk", "url_path", "latest_revision_id")) == before


def test_dashboard_shows_news_awaiting_approval_and_imported_plans(sections, client, django_user_model):
    run_import()
    editor = django_user_model.objects.create_user("bientap", "b@example.invalid", "x")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    moderator = django_user_model.objects.create_user("kiemduyet", "k@example.invalid", "x")
    moderator.groups.add(Group.objects.get(name=roles.MODERATOR))
    news_model = _model("news.NewsPage")
    draft = news_model(title="Tin nháp chờ Người duyệt", slug="tin-nhap", live=False, owner=editor)
    sections["tin-tuc"].add_child(instance=draft)
    draft.save_revision(user=editor)
    Workflow.objects.get(name=roles.WORKFLOW).start(draft, editor)

    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting = html.split('id="editorial-awaiting-section"')[1].split('id="editorial-latest-section"')[0]
    assert "Tin nháp chờ Người duyệt" in awaiting and "Tin tức" in awaiting
    latest = html.split('id="editorial-latest-section"')[1].split('id="editorial-statistics-section"')[0]
    assert "Lễ trao tặng Huân chương Lao động" in latest  # newest imported publication
    stats = html.split('id="editorial-statistics-section"')[1]
    assert "Kế hoạch triển khai Phong trào thi đua đặc biệt" in stats  # most read: 2.876 views
