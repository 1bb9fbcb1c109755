"""Documents and images: an editor cannot swap or delete them, every replacement is
recorded with the previous file kept, and a document used only on restricted pages is not
served to strangers. Each attack is replayed through the real admin and public views."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, PageViewRestriction

from campaigns.models import PlanAttachment
from portal.editorial import roles
from portal.editorial.models import FileReplacement
from tests.campaigns_factories import make_document, make_plan, make_plan_index, pdf_bytes

ORIGINAL = pdf_bytes("Kế hoạch số 57/KH-SNV — bản gốc")
FORGED = pdf_bytes("Kế hoạch số 57/KH-SNV — bản giả mạo")


@pytest.fixture
def plan_with_document(home):
    index = make_plan_index(home)
    plan = make_plan(index, 57)
    document = make_document("Kế hoạch số 57/KH-SNV", "ke-hoach-57.pdf", ORIGINAL)
    plan.attachments.add(PlanAttachment(document=document, title="Kế hoạch số 57/KH-SNV"))
    plan.save()
    return plan, document


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _served(client, document):
    response = client.get(document.url)
    return response.status_code, b"".join(response.streaming_content) if response.status_code == 200 else b""


def _replace(client, document, data=FORGED, name="ke-hoach-57-moi.pdf"):
    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile(name, data, "application/pdf"),
            "collection": document.collection_id,
            "tags": "",
        },
    )


def _assert_plan_links_original(client, plan, document):
    stored = type(document).objects.get(pk=document.pk)
    assert stored.file.name == document.file.name
    html = client.get(plan.url).content.decode()
    assert document.url in html
    client.logout()
    assert _served(client, document) == (200, ORIGINAL)


# --- Editors cannot replace or delete ------------------------------------------------------


def test_editor_cannot_replace_the_file_of_a_published_plans_document(client, editor, plan_with_document):
    plan, document = plan_with_document
    client.force_login(editor)
    response = _replace(client, document)
    assert response.status_code in (302, 403)
    assert not FileReplacement.objects.exists()
    _assert_plan_links_original(client, plan, document)


def test_editor_cannot_replace_the_file_of_their_own_upload(client, editor, plan_with_document):
    plan, document = plan_with_document
    type(document).objects.filter(pk=document.pk).update(uploaded_by_user=editor)  # Wagtail's owner rule
    client.force_login(editor)
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200  # may edit the title
    response = _replace(client, document)
    assert response.status_code == 302
    assert any("Người duyệt" in m and "thay" in m for m in _messages(response))
    _assert_plan_links_original(client, plan, document)


def test_editor_cannot_delete_documents_by_any_view(client, editor, plan_with_document):
    plan, document = plan_with_document
    type(document).objects.filter(pk=document.pk).update(uploaded_by_user=editor)
    client.force_login(editor)
    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    assert any("Người duyệt" in m and "xoá" in m for m in _messages(response))
    response = client.post(reverse("wagtaildocs:delete_multiple", args=[document.pk]))
    assert response.status_code == 403
    bulk = (
        reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
        + "?"
        + urlencode({"id": document.pk})
    )
    client.post(bulk)
    assert type(document).objects.filter(pk=document.pk).exists()
    assert default_storage.exists(document.file.name)
    _assert_plan_links_original(client, plan, document)


def test_editor_cannot_replace_or_delete_an_image(client, editor, home):
    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file(), uploaded_by_user=editor)
    original = image.file.name
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "file": SimpleUploadedFile("moi.png", get_test_image_file(colour="red").file.getvalue(), "image/png"),
            "collection": image.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 302
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    client.post(reverse("wagtailimages:delete_multiple", args=[image.pk]))
    image.refresh_from_db()
    assert image.file.name == original and default_storage.exists(original)


def test_the_model_guard_refuses_a_swap_by_an_editor_outside_the_known_views(rf, editor, plan_with_document):
    from django.core.exceptions import PermissionDenied

    from portal.editorial.admin_guard import _current_request

    _, document = plan_with_document
    original = document.file.name
    request = rf.post("/")
    request.user = editor
    token = _current_request.set(request)
    try:
        document.file.save("gia-mao.pdf", SimpleUploadedFile("gia-mao.pdf", FORGED), save=False)
        with pytest.raises(PermissionDenied):
            document.save()
        with pytest.raises(PermissionDenied), transaction.atomic():
            type(document).objects.get(pk=document.pk).delete()
    finally:
        _current_request.reset(token)
    assert type(document).objects.get(pk=document.pk).file.name == original


# --- Reviewers replace; the replacement is recorded and the old file kept -----------------


def test_reviewer_replacement_is_recorded_and_an_administrator_gets_the_old_file(
    client, reviewer, administrator, editor, plan_with_document
):
    plan, document = plan_with_document
    old_name = document.file.name
    client.force_login(reviewer)
    response = _replace(client, document)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file.name != old_name
    assert _served(client, document) == (200, FORGED)  # the reviewer's file is public now

    record = FileReplacement.objects.get()
    assert (record.kind, record.object_id, record.replaced_by) == ("document", document.pk, reviewer)
    assert record.old_name == old_name and record.new_name == document.file.name
    assert record.old_size == len(ORIGINAL)
    assert record.old_file.name.startswith("replaced-files/")
    assert not record.old_file.name.startswith("documents/")  # not under a served folder
    assert not default_storage.exists(old_name)  # Wagtail removed it from the documents…
    with record.old_file.open("rb") as kept:  # …but the copy is intact
        assert kept.read() == ORIGINAL

    edit_page = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Lịch sử thay thế tệp" in edit_page and old_name in edit_page  # on the document's page

    client.force_login(administrator)
    listing = client.get(reverse("file_replacements:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert record.old_name in html and "nguoiduyet" in html
    filtered = client.get(reverse("file_replacements:index"), {"kind": "document", "object_id": document.pk})
    assert filtered.status_code == 200 and record.old_name in filtered.content.decode()
    other = client.get(reverse("file_replacements:index"), {"kind": "document", "object_id": document.pk + 1})
    assert record.old_name not in other.content.decode()
    download = reverse("portal_file_replacement_download", args=[record.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == ORIGINAL
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]

    for user in (editor, reviewer, None):  # the previous file is for administrators only
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(download).status_code in (302, 403)


def test_image_replacement_is_recorded(client, reviewer):
    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    client.force_login(reviewer)
    new = get_test_image_file(filename="moi.png", colour="red").file.getvalue()
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "file": SimpleUploadedFile("moi.png", new, "image/png"),
            "collection": image.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 302
    record = FileReplacement.objects.get(kind="image", object_id=image.pk)
    assert record.replaced_by == reviewer and default_storage.exists(record.old_file.name)


# --- Roles: one definition, existing databases migrated ------------------------------------


def _media_codenames(group):
    return set(GroupCollectionPermission.objects.filter(group=group).values_list("permission__codename", flat=True))


def test_roles_give_replacing_and_deleting_to_reviewers_only(db):
    assert _media_codenames(Group.objects.get(name=roles.EDITOR)) == {
        "add_document",
        "choose_document",
        "add_image",
        "choose_image",
    }
    assert {"change_document", "delete_document", "change_image", "delete_image"} <= _media_codenames(
        Group.objects.get(name=roles.MODERATOR)
    )


def test_the_migration_takes_the_rights_from_existing_editor_groups(db, home):
    from django.contrib.auth.models import Permission

    from portal.editorial.roles import ensure_section_group, revoke_editor_media_rights

    section = ensure_section_group("Biên tập viên Tin tức", home)
    root = Collection.get_first_root_node()
    change = Permission.objects.get(codename="change_document")
    for group in (Group.objects.get(name=roles.EDITOR), section):  # as a database before the fix has them
        GroupCollectionPermission.objects.create(group=group, collection=root, permission=change)
    revoke_editor_media_rights()
    for group in (Group.objects.get(name=roles.EDITOR), section):
        assert "change_document" not in _media_codenames(group)
    assert "change_document" in _media_codenames(Group.objects.get(name=roles.MODERATOR))


# --- Private stays private -----------------------------------------------------------------


def _restrict(page, kind, **fields):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)


def test_a_document_used_only_on_a_login_page_is_refused_to_strangers(client, make_user, plan_with_document):
    plan, document = plan_with_document
    assert _served(client, document) == (200, ORIGINAL)  # public page: public document
    _restrict(plan, PageViewRestriction.LOGIN)
    response = client.get(document.url)
    assert response.status_code == 403
    assert "Tài liệu này không công khai" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.force_login(make_user("canbo"))  # any logged-in user passes a login restriction
    assert _served(client, document) == (200, ORIGINAL)


def test_a_document_on_a_password_page_needs_the_password(client, plan_with_document):
    plan, document = plan_with_document
    restriction = _restrict(plan, PageViewRestriction.PASSWORD, password="bimat-57")
    assert client.get(document.url).status_code == 403
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, plan.pk])
    client.post(url, {"password": "bimat-57", "return_url": plan.url})
    assert _served(client, document) == (200, ORIGINAL)


def test_a_document_also_used_on_a_public_page_stays_public(client, home, plan_with_document):
    plan, document = plan_with_document
    _restrict(plan, PageViewRestriction.LOGIN)
    other = make_plan(plan.get_parent(), 58)
    other.attachments.add(PlanAttachment(document=document))
    other.save()
    assert _served(client, document) == (200, ORIGINAL)
    unused = make_document("Biểu mẫu", "bieu-mau.pdf", ORIGINAL)
    assert _served(client, unused) == (200, ORIGINAL)


def test_a_restricted_section_hides_the_documents_of_the_pages_below(client, plan_with_document):
    plan, document = plan_with_document
    _restrict(plan.get_parent(), PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 403


def test_public_documents_stay_cheap(client, settings, plan_with_document, django_assert_max_num_queries):
    settings.PORTAL_FRAGMENT_CACHE = True
    _, document = plan_with_document
    client.get(document.url)
    # The verdict is kept per generation: Wagtail's own three queries (the document, its
    # collection and the collection's restrictions), none for the check; and one UPDATE,
    # the file's download count that the document register shows (documents/files.py).
    with django_assert_max_num_queries(4):
        assert client.get(document.url).status_code == 200


def test_document_usage_is_read_from_wagtails_reference_index(plan_with_document):
    from portal.security.private_documents import _verdict

    plan, document = plan_with_document
    assert _verdict(document) == ("public",)
    _restrict(plan, PageViewRestriction.LOGIN)
    assert _verdict(document) == ("restricted", (plan.pk,))
