"""Replacing the file of a document or an image, and deleting one, belong to reviewers and
administrators.

The right is the collection's "change" permission (``roles.REVIEWER_MEDIA_ACTIONS``),
held explicitly: Wagtail also lets the uploader change and delete their own upload with
only "add", which would let an editor swap the PDF a published plan links to. Two layers:

- the admin views (single edit and delete, the multiple-upload screen's delete, bulk
  delete) refuse at once with a message in Vietnamese (``VIEW_GUARDS``, the
  ``before_bulk_action`` hook);
- signals on the document and image models refuse any other save that swaps the file or
  any delete made in a request by a user without the right (``PermissionDenied``, a 403),
  so a path added by a later Wagtail release is covered too. Outside a request (commands,
  imports) nothing is refused.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete, pre_save
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.editorial.admin_guard import acting_user, refuse
from portal.editorial.file_history import replaced_file_name, stage_current_file

REPLACE_REFUSED = _(
    "Only a reviewer (Người duyệt) or an administrator (Quản trị) can replace the file of a document "
    "or an image. The file was not replaced; the public pages still link the current one."
)
DELETE_REFUSED = _(
    "Only a reviewer (Người duyệt) or an administrator (Quản trị) can delete documents and images. Nothing was deleted."
)


def _is_media(model):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return issubclass(model, (get_document_model(), get_image_model()))


def can_replace_or_delete(user, instance):
    """Whether ``user`` holds "change" on ``instance``'s collection.

    Checked with Wagtail's plain collection policy, not the documents' and images' own
    "ownership" policy, which counts an uploader's "add" as "change".
    """
    if user is None or not user.is_active:
        return False
    if user.is_superuser or not _is_media(type(instance)):
        return user.is_active
    from wagtail.permission_policies.collections import CollectionPermissionPolicy

    return CollectionPermissionPolicy(type(instance)).user_has_permission_for_instance(user, "change", instance)


# --- views ---------------------------------------------------------------------------


def _object(model_getter, pk):
    return model_getter().objects.filter(pk=pk).first()


def _document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


def _image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def _edit_guard(model_getter, edit_url_name):
    def guard(request, **kwargs):
        if request.method != "POST" or "file" not in request.FILES:
            return None
        pk = next(iter(kwargs.values()))
        instance = _object(model_getter, pk)
        if instance is None:
            return None
        if can_replace_or_delete(request.user, instance):
            # Wagtail's form deletes the current file before saving the new one: keep it now.
            stage_current_file(request, instance)
            return None
        return refuse(request, REPLACE_REFUSED, reverse(edit_url_name, args=[pk]))

    return guard


def _delete_guard(model_getter, edit_url_name, index_url_name):
    def guard(request, **kwargs):
        pk = next(iter(kwargs.values()))
        instance = _object(model_getter, pk)
        if instance is None or can_replace_or_delete(request.user, instance):
            return None
        return refuse(request, DELETE_REFUSED, reverse(edit_url_name, args=[pk]))

    return guard


def _delete_multiple_guard(model_getter):
    """The multiple-upload screen deletes with a POST from JavaScript: answer in JSON."""

    def guard(request, **kwargs):
        if request.method != "POST":
            return None
        pk = next(iter(kwargs.values()))
        instance = _object(model_getter, pk)
        if instance is None or can_replace_or_delete(request.user, instance):
            return None
        return JsonResponse({"success": False, "error_message": str(DELETE_REFUSED)}, status=403)

    return guard


VIEW_GUARDS = {
    "wagtaildocs:edit": _edit_guard(_document_model, "wagtaildocs:edit"),
    "wagtaildocs:delete": _delete_guard(_document_model, "wagtaildocs:edit", "wagtaildocs:index"),
    "wagtaildocs:delete_multiple": _delete_multiple_guard(_document_model),
    "wagtailimages:edit": _edit_guard(_image_model, "wagtailimages:edit"),
    "wagtailimages:delete": _delete_guard(_image_model, "wagtailimages:edit", "wagtailimages:index"),
    "wagtailimages:delete_multiple": _delete_multiple_guard(_image_model),
}


def before_bulk_action(request, action_type, objects, action_class_instance):
    """``before_bulk_action`` hook: bulk delete of documents or images."""
    if action_type != "delete":
        return None
    refused = [obj for obj in objects if _is_media(type(obj)) and not can_replace_or_delete(request.user, obj)]
    if not refused:
        return None
    index = "wagtaildocs:index" if isinstance(refused[0], _document_model()) else "wagtailimages:index"
    return refuse(request, DELETE_REFUSED, reverse(index))


# --- models (the backstop) -----------------------------------------------------------


def _refuse_replacement(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    user = acting_user()
    if user is None or replaced_file_name(sender, instance, update_fields) is None:
        return
    if not can_replace_or_delete(user, instance):
        raise PermissionDenied(str(REPLACE_REFUSED))


def _refuse_delete(sender, instance, **kwargs):
    user = acting_user()
    if user is not None and not can_replace_or_delete(user, instance):
        raise PermissionDenied(str(DELETE_REFUSED))


def connect():
    for model in (_document_model(), _image_model()):
        pre_save.connect(_refuse_replacement, sender=model, dispatch_uid=f"media_guard_save_{model._meta.label}")
        pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=f"media_guard_delete_{model._meta.label}")
