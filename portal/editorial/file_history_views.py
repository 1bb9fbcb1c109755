"""Admin: the list of replaced files (Báo cáo → Lịch sử thay thế tệp) and the download of
a previous file. The list needs "Can view file replacement" (reviewers and administrators),
the download "Can download the previous file" (administrators)."""

import os

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.editorial.models import FileReplacement
from portal.editorial.views import ReadOnlyPermissionPolicy

PERMISSION = "editorial.view_filereplacement"
DOWNLOAD_PERMISSION = "editorial.download_filereplacement"


def _download_url(obj):
    return reverse("portal_file_replacement_download", args=[obj.pk]) if obj.old_file else None


def _edit_url(obj):
    name = "wagtaildocs:edit" if obj.kind == FileReplacement.KIND_DOCUMENT else "wagtailimages:edit"
    return reverse(name, args=[obj.object_id])


class FileReplacementViewSet(ModelViewSet):
    model = FileReplacement
    icon = "history"
    menu_label = _("File replacement history")
    add_to_admin_menu = False
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        TitleColumn("title", label=_("Document or image"), get_url=_edit_url),
        "kind",
        TitleColumn("old_name", label=_("Previous file (download)"), get_url=_download_url),
        "new_name",
        Column("replaced_by", label=_("Replaced by")),
        "replaced_at",
    ]
    list_filter = ["kind", "object_id"]
    search_fields = ["title", "old_name", "new_name"]
    ordering = ["-replaced_at", "-pk"]
    form_fields = ["title"]


file_replacement_viewset = FileReplacementViewSet("file_replacements", url_prefix="lich-su-thay-the-tep")
register_permission_policy(FileReplacement, ReadOnlyPermissionPolicy(FileReplacement), exact_class=True)


class FileHistoryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    return FileHistoryMenuItem(
        _("File replacement history"), reverse(file_replacement_viewset.get_url_name("index")), icon_name="history"
    )


@permission_required(DOWNLOAD_PERMISSION, raise_exception=True)
def download(request, pk):
    """The previous file, as an attachment, never cached."""
    record = get_object_or_404(FileReplacement, pk=pk)
    if not record.old_file:
        raise Http404
    try:
        handle = record.old_file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(record.old_name))
    response["Cache-Control"] = "private, no-store"
    return response
