"""Every replacement of a document's or an image's file is recorded, and the previous file
is kept.

The previous file is copied to ``replaced-files/<random>/<name>`` in the media storage —
a folder nginx does not serve (deploy/nginx/portal.conf answers 404 under /media/ except
for images and, internally, the documents folder) and whose random part nobody can guess
— and a ``FileReplacement`` row says who replaced it, when, and with what. Administrators
list the rows and download the previous files in the admin (Báo cáo → Lịch sử thay thế
tệp).

Wagtail's edit forms delete the old file from storage *before* saving the new one, so the
admin's edit views copy it first (``stage_current_file``, called by the media guard
before the view runs); the copy is used by the ``post_save`` record, or removed after the
response when the form did not save. A replacement made in code (the old file still on
disk) is copied at ``post_save``.
"""

import hashlib
import logging
import os
import secrets

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

FOLDER = "replaced-files"
_STASH = "_portal_replaced_file"


def replaced_file_name(model, instance, update_fields=None):
    """The stored name of the file ``instance`` is about to replace, or ``None``.

    Looked up once per save (cached on the instance until ``post_save``).
    """
    if _STASH in instance.__dict__:
        return instance.__dict__[_STASH]
    old = None
    if instance.pk is not None and (update_fields is None or "file" in update_fields):
        previous = model._default_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
        if previous and previous != instance.file.name:
            old = previous
    instance.__dict__[_STASH] = old
    return old


def _remember(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        replaced_file_name(sender, instance, update_fields)


def _copy(storage, name):
    """Copy ``name`` from ``storage`` into the kept folder: (kept name, size, SHA-256)."""
    with storage.open(name, "rb") as source:
        sha256 = hashlib.sha256()
        for chunk in iter(lambda: source.read(64 * 1024), b""):
            sha256.update(chunk)
        size, digest = source.tell(), sha256.hexdigest()
        source.seek(0)
        base = os.path.basename(name)
        kept = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}/{base}", File(source, name=base))
    return kept, size, digest


def _staged(request):
    if request is None:
        return {}
    if not hasattr(request, "_portal_staged_files"):
        request._portal_staged_files = {}
    return request._portal_staged_files


def stage_current_file(request, instance):
    """Copy ``instance``'s current file before a view replaces it."""
    try:
        copy = _copy(instance.file.storage, instance.file.name)
    except OSError:
        logger.warning("The file %s to be replaced is missing; it cannot be kept.", instance.file.name)
        return
    _staged(request)[(instance._meta.label, instance.pk, instance.file.name)] = copy


def discard_unused_copies(request):
    """After the response: remove the copies of files that were not replaced after all."""
    for kept, _size, _digest in getattr(request, "_portal_staged_files", {}).values():
        default_storage.delete(kept)
    request._portal_staged_files = {}


def _keep_and_record(sender, instance, raw=False, **kwargs):
    old = instance.__dict__.pop(_STASH, None)
    if raw or not old:
        return
    from portal.editorial.admin_guard import _current_request, acting_user
    from portal.editorial.models import FileReplacement

    kept, size, digest = "", None, ""
    staged = _staged(_current_request.get()).pop((instance._meta.label, instance.pk, old), None)
    if staged is not None:
        kept, size, digest = staged
    else:
        try:
            kept, size, digest = _copy(instance.file.storage, old)
        except OSError:
            logger.warning("The replaced file %s could not be kept: it was already missing.", old)
    FileReplacement.objects.create(
        kind=FileReplacement.KIND_DOCUMENT if _is_document(sender) else FileReplacement.KIND_IMAGE,
        object_id=instance.pk,
        title=str(instance.title)[:255],
        old_name=old,
        old_file=kept,
        old_size=size,
        old_hash=digest,
        new_name=instance.file.name,
        replaced_by=acting_user(),
    )


def _is_document(model):
    from wagtail.documents import get_document_model

    return issubclass(model, get_document_model())


def connect():
    from django.db.models.signals import pre_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_document_model(), get_image_model()):
        pre_save.connect(_remember, sender=model, dispatch_uid=f"file_history_pre_{model._meta.label}")
        post_save.connect(_keep_and_record, sender=model, dispatch_uid=f"file_history_post_{model._meta.label}")
