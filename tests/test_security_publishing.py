"""Nothing goes live without a Người duyệt: every publishing path an editor can reach,
replayed through the real admin views as a Biên tập viên (nothing live changes) and, where
it is the same path, as a Người duyệt (it works)."""

import datetime
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from portal.core.translation import translate
from portal.editorial import roles
from portal.models import AgencyProfile, StandardPage


def _page(parent, title, slug, live=True, **fields):
    page = StandardPage(title=title, slug=slug, intro="Tóm tắt.", live=False, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def plan(home):
    return _page(home, "Kế hoạch số 57/KH-SNV", "ke-hoach-57")


@pytest.fixture
def english(home, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})
        page = translate(plan, "en", {"Kế hoạch số 57/KH-SNV": "Plan No. 57/KH-SNV", "ke-hoach-57": "plan-57"})
    page.refresh_from_db()
    assert page.live and page.title == "Plan No. 57/KH-SNV"
    return page


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _forge_english_title(client, plan, text):
    """The editor's unapproved translation of the title, typed in the translation editor."""
    source = TranslationSource.objects.get_for_instance(plan)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    segment = StringSegment.objects.get(source=source, string__data=plan.title)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content
    return source


def _sync(client, source, **data):
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    return client.post(url, data)


# --- wagtail-localize: "Sync translated pages" with "Publish immediately" -----------------


def test_editor_sync_with_publish_only_saves_drafts(client, editor, plan, english, django_capture_on_commit_callbacks):
    client.force_login(editor)
    source = _forge_english_title(client, plan, "Plan No. 57 — FORGED")
    with django_capture_on_commit_callbacks(execute=True):
        response = _sync(client, source, publish_translations="on")
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.title == "Plan No. 57/KH-SNV"  # the live English page did not change
    assert not english.has_unpublished_changes
    assert any("Người duyệt" in m for m in _messages(response))
    assert "FORGED" not in client.get("/en/plan-57/").content.decode()


def test_reviewer_sync_with_publish_publishes(client, reviewer, plan, english, django_capture_on_commit_callbacks):
    client.force_login(reviewer)
    source = _forge_english_title(client, plan, "Plan No. 57 (reviewed)")
    with django_capture_on_commit_callbacks(execute=True):
        _sync(client, source, publish_translations="on")
    english.refresh_from_db()
    assert english.title == "Plan No. 57 (reviewed)"


# --- wagtail-localize: the translation editor's "Publish in English" ----------------------


def test_editor_cannot_publish_from_the_translation_editor(
    client, editor, reviewer, plan, english, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    _forge_english_title(client, plan, "Plan No. 57 — FORGED")
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    assert any("Người duyệt" in m for m in _messages(response))
    english.refresh_from_db()
    assert english.title == "Plan No. 57/KH-SNV"

    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})
    english.refresh_from_db()
    assert english.title == "Plan No. 57 — FORGED"  # the reviewer's publish goes through


# --- wagtail-localize: "Translate this page" and "Convert to alias page" ------------------


def test_a_page_submitted_for_translation_is_a_draft(client, editor, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})
    page = _page(home, "Thông báo tuyển dụng", "thong-bao-tuyen-dung")
    client.force_login(editor)
    english_locale = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [english_locale.pk]}
        )
    assert response.status_code == 302
    translated = page.get_translation(english_locale)
    assert not translated.live
    assert client.get("/en/thong-bao-tuyen-dung/").status_code == 404


def test_editor_cannot_convert_a_draft_translation_to_a_live_alias(
    client, editor, home, plan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})
        draft = translate(plan, "en", {"Kế hoạch số 57/KH-SNV": "Plan No. 57", "ke-hoach-57": "plan-57"}, publish=False)
    client.force_login(editor)
    url = reverse("wagtail_localize:convert_to_alias", args=[draft.pk])
    for method in (client.get, client.post):
        with django_capture_on_commit_callbacks(execute=True):
            response = method(url)
        assert response.status_code == 302
    assert any("Người duyệt" in m for m in _messages(response))
    draft.refresh_from_db()
    assert not draft.live and draft.alias_of_id is None


def test_editor_cannot_translate_a_snippet_that_would_go_live(client, editor, home):
    profile = AgencyProfile.objects.get()
    client.force_login(editor)
    english_locale = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["portal", "agencyprofile", profile.pk])
    response = client.post(url, {"locales": [english_locale.pk]})
    assert response.status_code == 302
    assert not AgencyProfile.objects.filter(locale=english_locale).exists()
    assert any("xuất bản" in m for m in _messages(response))


def test_no_snippet_can_be_changed_or_published_by_an_editor(editor):
    from wagtail.snippets.permissions import get_permission_name

    for model in get_snippet_models():
        for action in ("add", "change", "delete", "publish"):
            assert not editor.has_perm(get_permission_name(action, model)), (model, action)


# --- Wagtail's own paths -----------------------------------------------------------------


def test_editor_bulk_publish_publishes_nothing(client, editor, reviewer, home):
    draft = _page(home, "Bản nháp", "ban-nhap", live=False)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"
    client.force_login(editor)
    client.post(url, {})
    draft.refresh_from_db()
    assert not draft.live
    client.force_login(reviewer)
    client.post(url, {})
    draft.refresh_from_db()
    assert draft.live


def test_editor_copy_cannot_publish_copies_or_make_an_alias(client, editor, home, plan):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:copy", args=[plan.pk])
    for extra, slug in (({"publish_copies": "on"}, "ban-sao"), ({"alias": "on"}, "ban-sao-alias")):
        client.post(url, {"new_title": "Bản sao", "new_slug": slug, "new_parent_page": home.pk, **extra})
        assert not Page.objects.filter(slug=slug, live=True).exists()


def test_editor_cannot_move_a_live_page(client, editor, home, plan):
    section = _page(home, "Chuyên mục", "chuyen-muc")
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[plan.pk, section.pk]))
    plan.refresh_from_db()
    assert plan.get_parent().pk == home.pk
    assert client.get("/ke-hoach-57/").status_code == 200


def _edit_form(page, title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": "Tóm tắt.",
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            **extra,
        }
    )


def test_editor_revert_to_an_old_revision_only_saves_a_draft(client, editor, home):
    page = _page(home, "Tiêu đề cũ", "trang-sua")
    old_revision = page.latest_revision
    page.title = "Tiêu đề đã duyệt"
    page.save_revision().publish()
    client.force_login(editor)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk])
    assert client.get(revert).status_code == 200
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _edit_form(page, "Tiêu đề cũ", **{"action-publish": "1", "revision": old_revision.pk}),
    )
    page.refresh_from_db()
    assert page.title == "Tiêu đề đã duyệt"
    assert "Tiêu đề đã duyệt" in client.get("/trang-sua/").content.decode()


def test_a_go_live_date_set_by_an_editor_never_publishes(client, editor, home):
    page = _page(home, "Tin hẹn giờ", "tin-hen-gio", live=False)
    client.force_login(editor)
    soon = timezone.localtime() + datetime.timedelta(hours=1)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _edit_form(page, "Tin hẹn giờ", go_live_at=soon.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}),
    )
    page.refresh_from_db()
    assert not page.live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    later = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_unpublish_or_delete_a_live_page(client, editor, home, plan):
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[plan.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.live
    assert client.get("/ke-hoach-57/").status_code == 200


def test_editor_cannot_lift_a_page_restriction(client, editor, home):
    page = _page(home, "Tài liệu nội bộ", "noi-bo")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="bimat")
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": "none"})
    assert PageViewRestriction.objects.filter(page=page).exists()
    client.logout()
    assert "Tóm tắt." not in client.get("/noi-bo/").content.decode()


# --- In a real browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_in_chromium_cannot_publish_replace_or_delete(browser, live_server, home):
    """An editor signs in to the admin in Chromium and tries what the department forbids:
    publishing, syncing translations with "Publish immediately", replacing the file of a
    published plan's document and deleting it. Each is refused with a Vietnamese message
    and the public site does not change."""
    from django.test import Client

    from campaigns.models import PlanAttachment
    from tests.campaigns_factories import make_document, make_plan, make_plan_index, pdf_bytes

    roles.ensure_roles()
    editor = Group.objects.get(name=roles.EDITOR).user_set.create(username="bientap-trinhduyet", is_active=True)
    original = pdf_bytes("Kế hoạch số 57/KH-SNV — bản gốc")
    plan = make_plan(make_plan_index(home), 57, title="Kế hoạch số 57/KH-SNV")
    plan.save_revision().publish()
    document = make_document("Kế hoạch số 57/KH-SNV", "ke-hoach-57.pdf", original)
    type(document).objects.filter(pk=document.pk).update(uploaded_by_user=editor)  # even their own upload
    plan.attachments.add(PlanAttachment(document=document))
    plan.save_revision().publish()
    translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})
    english = translate(plan, "en", {"Kế hoạch số 57/KH-SNV": "Plan No. 57/KH-SNV"})
    source = TranslationSource.objects.get_for_instance(plan)
    english_url = live_server.url + english.url
    plan_url = live_server.url + plan.url
    django_client = Client()
    django_client.force_login(editor)
    session = django_client.cookies["sessionid"].value

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    tab = context.new_page()
    admin = live_server.url + "/admin/"

    def messages():
        return tab.locator(".messages").inner_text()

    # The page editor offers "submit for approval", never "publish".
    tab.goto(f"{admin}pages/{plan.pk}/edit/")
    assert tab.locator('[name="action-submit"]').count() == 1
    assert tab.locator('[name="action-publish"]').count() == 0

    # "Sync translated pages" with "Publish immediately" ticked.
    tab.goto(f"{admin}localize/update/{source.pk}/")
    tab.locator("#id_publish_translations").check()
    with tab.expect_navigation():  # wait for the answer page, not the page already loaded
        tab.locator("#id_publish_translations").evaluate("el => el.form.requestSubmit()")
    assert "cần Người duyệt" in messages()
    assert "Plan No. 57/KH-SNV" in tab.request.get(english_url).text()

    # Replacing the file of the plan's document.
    tab.goto(f"{admin}documents/edit/{document.pk}/")
    tab.locator("#id_file").set_input_files(
        {"name": "gia-mao.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Bản giả mạo")}
    )
    with tab.expect_navigation():
        tab.locator("#id_file").evaluate("el => el.form.requestSubmit()")
    assert "Chỉ Người duyệt hoặc Quản trị mới được thay tệp" in messages()

    # Deleting it.
    tab.goto(f"{admin}documents/delete/{document.pk}/")
    assert "Chỉ Người duyệt hoặc Quản trị mới được xoá" in messages()

    # The public plan page still links the original file.
    html = tab.request.get(plan_url).text()
    assert document.url in html
    assert tab.request.get(live_server.url + document.url).body() == original
    context.close()
