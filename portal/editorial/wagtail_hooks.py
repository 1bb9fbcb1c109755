"""Wagtail hooks of the editors' desk: dashboard panels and the demo import."""

from wagtail import hooks
from wagtail.models import Page

from portal import registry
from portal.editorial.dashboard import panels


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panel_list):
    panel_list.extend(panels())


def import_sample_export(home, stdout):
    """Import the sample export of the old site (tests/data/legacy/) for the record types
    whose page models exist, and give the news section its own editor group."""
    from django.apps import apps
    from django.conf import settings

    from portal.editorial.legacy_import import Importer
    from portal.editorial.legacy_source import BadRecord
    from portal.editorial.management.commands.import_legacy import ImportRun
    from portal.editorial.roles import ensure_section_group

    sample = settings.BASE_DIR / "tests" / "data" / "legacy" / "export.jsonl"
    mapping = {}
    for kind, conf in registry.legacy_import_mapping().items():
        try:
            apps.get_model(conf["model"])
        except (LookupError, ValueError, KeyError):
            continue
        mapping[kind] = conf
    if not sample.exists() or not mapping:
        return
    run = ImportRun(sample, mapping=mapping).run()
    if run.counts["created"] or run.counts["updated"]:
        stdout.write(
            f"  + Nhập mẫu từ trang cũ: {run.counts['created']} bài mới, {run.counts['updated']} cập nhật, "
            f"{run.counts['skipped']} bản ghi bị bỏ qua"
        )
    if "article" in mapping:
        try:
            news_index = Page.objects.get(pk=Importer(sample, mapping=mapping).target("article").parent_id)
        except BadRecord:
            return
        ensure_section_group(SECTION_DEMO_GROUP, news_index)


SECTION_DEMO_GROUP = "Biên tập viên Tin tức"


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
