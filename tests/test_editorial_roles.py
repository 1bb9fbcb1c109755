"""Roles, the approval workflow, scheduled publishing and section permissions."""

import datetime
import io
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.editorial import roles
from portal.models import StandardPage


@pytest.fixture
def moderator(make_user):
    return make_user("kiemduyet", roles.MODERATOR)


def page_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "Tóm tắt.",
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            **extra,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("portal", "standardpage", parent.pk))


def test_migration_creates_the_three_roles_and_the_workflow_on_the_whole_tree(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Biên tập viên", "Người duyệt", "Quản trị"} <= names
    assert not names & {"Editors", "Moderators"}  # Wagtail's English sample groups are gone
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == "Phê duyệt" and workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Người duyệt"]
    editor_perms = set(
        GroupPagePermission.objects.filter(group__name="Biên tập viên").values_list("permission__codename", flat=True)
    )
    assert editor_perms == {"add_page", "change_page"}
    assert "publish_page" in set(
        GroupPagePermission.objects.filter(group__name="Người duyệt").values_list("permission__codename", flat=True)
    )


def test_setup_roles_recreates_the_roles_and_a_second_run_changes_nothing(db):
    Group.objects.filter(name__in=[roles.EDITOR, roles.MODERATOR]).delete()
    Workflow.objects.filter(name=roles.WORKFLOW).delete()
    call_command("setup_roles", stdout=io.StringIO())

    def snapshot():
        return (
            sorted(Group.objects.values_list("name", "permissions__codename")),
            sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")),
            sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        )

    first = snapshot()
    assert (Page.get_first_root_node().pk, "Phê duyệt") in first[2]
    call_command("setup_roles", stdout=io.StringIO())
    assert snapshot() == first


def test_quan_tri_can_do_everything(db, make_user):
    user = make_user("quantri", roles.ADMINISTRATOR)
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("wagtailredirects.add_redirect")
    assert user.has_perm("auth.change_user")
    assert user.has_perm("portal.change_agencysettings")
    assert user.has_perm("editorial.view_legacyrecord")


def test_editor_cannot_publish_and_submits_for_approval(home, client, editor):
    assert not home.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    response = client.post(add_url(home), page_form("Tin mới của biên tập viên", "tin-moi", **{"action-publish": "1"}))
    assert response.status_code in (200, 302)
    page = StandardPage.objects.get(slug="tin-moi")
    assert not page.live  # a publish request from an editor only saves a draft
    assert client.get(page.url if page.url else "/tin-moi/").status_code == 404

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        page_form("Tin mới của biên tập viên", "tin-moi", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Phê duyệt"
    page.refresh_from_db()
    assert not page.live


def _submit(page, editor):
    Workflow.objects.get(name="Phê duyệt").start(page, editor)
    return WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)


def _draft(home, editor, title="Kế hoạch chờ duyệt", slug="ke-hoach-cho-duyet"):
    page = StandardPage(title=title, slug=slug, intro="Tóm tắt.", owner=editor, live=False)
    home.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_moderator_approves_and_the_page_goes_live(home, client, editor, moderator):
    page = _draft(home, editor)
    state = _submit(page, editor)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_moderator_rejects_with_a_comment_and_the_page_stays_offline(home, client, editor, moderator):
    page = _draft(home, editor)
    state = _submit(page, editor)
    task_state = state.current_task_state
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
    client.post(url, {"comment": "Cần bổ sung số ký hiệu văn bản."})
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.comment == "Cần bổ sung số ký hiệu văn bản."
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_approve_their_own_page(home, client, editor):
    page = _draft(home, editor)
    state = _submit(page, editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def _time_travel(when):
    return mock.patch("django.utils.timezone.now", return_value=when)


def test_a_scheduled_page_appears_at_its_time_and_expires(home, client, moderator):
    now = timezone.now()
    go_live = now + datetime.timedelta(hours=2)
    expire = now + datetime.timedelta(days=3)
    page = StandardPage(title="Thông báo lịch tiếp công dân", slug="lich-tiep-cong-dan", intro="Tóm tắt.", live=False)
    home.add_child(instance=page)
    page.go_live_at = go_live
    page.expire_at = expire
    page.save_revision(user=moderator).publish(user=moderator)
    page.refresh_from_db()
    assert not page.live
    assert client.get("/lich-tiep-cong-dan/").status_code == 404

    call_command("publish_scheduled", stdout=io.StringIO())  # too early: nothing happens
    assert not Page.objects.get(pk=page.pk).live

    with _time_travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert Page.objects.get(pk=page.pk).live
    assert client.get("/lich-tiep-cong-dan/").status_code == 200

    with _time_travel(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/lich-tiep-cong-dan/").status_code == 404


@pytest.fixture
def sections(home):
    news = StandardPage(title="Tin tức", slug="tin-tuc", intro="Tin tức - Sự kiện.")
    home.add_child(instance=news)
    news.save_revision().publish()
    item = StandardPage(title="Hội nghị cải cách hành chính", slug="hoi-nghi", intro="Tóm tắt.")
    news.add_child(instance=item)
    item.save_revision().publish()
    about = StandardPage(title="Giới thiệu", slug="gioi-thieu", intro="Giới thiệu.")
    home.add_child(instance=about)
    about.save_revision().publish()
    functions = StandardPage(title="Chức năng nhiệm vụ", slug="chuc-nang-nhiem-vu", intro="Tóm tắt.")
    about.add_child(instance=functions)
    functions.save_revision().publish()
    return {"news": news, "item": item, "about": about, "functions": functions}


def test_a_section_editor_works_only_in_their_section(sections, client, make_user):
    call_command("setup_roles", "--section", "/tin-tuc/", "--group", "Biên tập viên Tin tức", stdout=io.StringIO())
    group = Group.objects.get(name="Biên tập viên Tin tức")
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)) == {
        sections["news"].pk
    }
    user = make_user("tintuc", "Biên tập viên Tin tức")
    client.force_login(user)

    # In the news section: may edit and add, not publish.
    edit_item = reverse("wagtailadmin_pages:edit", args=(sections["item"].pk,))
    assert client.get(edit_item).status_code == 200
    assert sections["item"].permissions_for_user(user).can_edit()
    assert not sections["item"].permissions_for_user(user).can_publish()
    client.post(add_url(sections["news"]), page_form("Tin do biên tập viên Tin tức viết", "tin-bien-tap"))
    assert StandardPage.objects.filter(slug="tin-bien-tap", live=False).exists()

    # Under Giới thiệu: no editing, no adding.
    edit_functions = reverse("wagtailadmin_pages:edit", args=(sections["functions"].pk,))
    response = client.get(edit_functions)
    assert response.status_code in (302, 403)
    client.post(edit_functions, page_form("Đã bị sửa", "chuc-nang-nhiem-vu", **{"action-publish": "1"}))
    assert Page.objects.get(pk=sections["functions"].pk).title == "Chức năng nhiệm vụ"
    client.post(add_url(sections["about"]), page_form("Trang lạ", "trang-la"))
    assert not StandardPage.objects.filter(slug="trang-la").exists()
    assert not sections["about"].permissions_for_user(user).can_add_subpage()


def test_setup_roles_rejects_an_unknown_section(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy chuyên mục"):
        call_command("setup_roles", "--section", "/khong-co/", "--group", "X", stdout=io.StringIO())
