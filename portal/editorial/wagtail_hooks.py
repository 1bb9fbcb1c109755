"""Wagtail hooks of the editors' desk: dashboard panels, the legacy records' admin, guards."""

from wagtail import hooks

from portal.editorial.dashboard import panels


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panel_list):
    panel_list.extend(panels())


@hooks.register("register_admin_viewset")
def register_legacy_records():
    from portal.editorial.views import legacy_record_viewset

    return legacy_record_viewset


# --- guards: publishing and media (portal/editorial/publish_guard.py, media_guard.py) ---


@hooks.register("before_bulk_action")
def refuse_bulk_media_delete(request, action_type, objects, action_class_instance):
    from portal.editorial.media_guard import before_bulk_action

    return before_bulk_action(request, action_type, objects, action_class_instance)


@hooks.register("register_admin_viewset")
def register_file_history():
    from portal.editorial.file_history_views import file_replacement_viewset

    return file_replacement_viewset


@hooks.register("register_reports_menu_item")
def file_history_menu_item():
    from portal.editorial.file_history_views import menu_item

    return menu_item()


@hooks.register("register_admin_urls")
def file_history_urls():
    from django.urls import path

    from portal.editorial.file_history_views import download

    return [path("lich-su-thay-the-tep/<int:pk>/tai-ve/", download, name="portal_file_replacement_download")]


@hooks.register("construct_explorer_page_queryset")
def mark_pages_sent_back(parent_page, pages, request):
    """The explorer shows "Cần chỉnh sửa" on pages a reviewer sent back (the status tag in
    templates/wagtailadmin/shared/page_status_tag.html reads this annotation)."""
    from django.db.models import CharField, Exists, OuterRef
    from django.db.models.functions import Cast
    from wagtail.models import WorkflowState

    sent_back = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES, object_id=Cast(OuterRef("pk"), CharField())
    )
    return pages.annotate(portal_needs_changes=Exists(sent_back))
