"""Admin listing of the import's records: which old id became which page (read-only)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.editorial.models import LegacyRecord


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records are written by ``import_legacy`` only; the admin can look, not change."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in {"add", "change", "delete"}])


class LegacyRecordViewSet(ModelViewSet):
    model = LegacyRecord
    icon = "history"
    menu_label = _("Nhập từ trang cũ")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = ["source_id", "kind", "page", "old_url", "views", "missing_attachments", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["source_id", "old_url"]
    ordering = ["kind", "source_id"]
    copy_view_enabled = False
    form_fields = ["kind", "source_id", "old_url"]


register_permission_policy(LegacyRecord, ReadOnlyPermissionPolicy(LegacyRecord), exact_class=True)


legacy_record_viewset = LegacyRecordViewSet("legacy_records")
