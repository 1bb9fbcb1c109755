"""The admin dashboard panels: plans and news awaiting approval, latest publications,
statistics summary."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from hitcount.models import HitCount
from wagtail.models import Workflow

from portal.editorial import roles
from portal.models import StandardPage


@pytest.fixture
def as_plans(declare):
    """StandardPage stands in for plans/news: the panels know only the declared types."""
    declare(approval=["StandardPage"], publications=["StandardPage"])


def _page(parent, title, slug, *, live=True):
    page = StandardPage(title=title, slug=slug, intro="Tóm tắt.", live=live)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("kiemduyet", "k@example.invalid", "mật-khẩu-thử-nghiệm")
    user.groups.add(Group.objects.get(name=roles.MODERATOR))
    client.force_login(user)
    return client


def section(html, panel_id, next_id=None):
    """The HTML of one dashboard panel (from its section to the next panel's)."""
    text = html.split(f'id="{panel_id}-section"')[1]
    return text.split(f'id="{next_id}-section"')[0] if next_id else text


def test_dashboard_lists_pages_awaiting_approval_latest_and_views(as_plans, home, moderator_client, django_user_model):
    editor = django_user_model.objects.create_user("bientap", "b@example.invalid", "x")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    waiting = _page(home, "Kế hoạch số 57/KH-SNV chờ duyệt", "ke-hoach-57", live=False)
    Workflow.objects.get(name=roles.WORKFLOW).start(waiting, editor)
    published = _page(home, "Hội nghị tổng kết công tác thi đua", "hoi-nghi-tong-ket")
    ct = ContentType.objects.get_for_model(StandardPage)
    HitCount.objects.create(content_type=ct, object_pk=published.pk, hits=46012)

    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting = section(html, "editorial-awaiting", "editorial-latest")
    assert "Kế hoạch số 57/KH-SNV chờ duyệt" in awaiting
    assert "bientap" in awaiting
    assert "Hội nghị tổng kết" not in awaiting
    latest = section(html, "editorial-latest", "editorial-statistics")
    assert "Hội nghị tổng kết công tác thi đua" in latest
    assert "46.012" in latest
    assert "Kế hoạch số 57" not in latest  # not live yet
    stats = section(html, "editorial-statistics")
    assert "Tổng lượt xem bài viết" in stats and "46.012" in stats


def test_panels_are_empty_not_broken_when_content_apps_are_missing(declare, home, moderator_client):
    declare()  # no app declares a page type
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Không có bài nào đang chờ duyệt." in html
    assert "Chưa có bài nào được đăng." in html


def test_the_statistics_panel_links_to_the_full_report_for_those_who_may_open_it(home, moderator_client, admin_user):
    admin_client = Client()
    admin_client.force_login(admin_user)
    stats = section(admin_client.get(reverse("wagtailadmin_home")).content.decode(), "editorial-statistics")
    assert 'href="/admin/thong-ke/"' in stats and "Xem báo cáo thống kê đầy đủ" in stats
    assert admin_client.get("/admin/thong-ke/").status_code == 200
    stats = section(moderator_client.get(reverse("wagtailadmin_home")).content.decode(), "editorial-statistics")
    assert moderator_client.get("/admin/thong-ke/").status_code == 302
    assert "/admin/thong-ke/" not in stats and "Xem báo cáo thống kê đầy đủ" not in stats
