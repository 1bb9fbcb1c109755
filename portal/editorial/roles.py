"""The editorial roles and the approval workflow, defined once.

The same functions run from the data migration (with the historical ``apps`` registry)
and from ``manage.py setup_roles`` (with the live one), so a fresh database and an
existing one end up with the same groups. Everything here is idempotent and additive:
running it again never removes a permission an administrator added.

Site-wide roles get their page permissions on the tree's **root page**, which exists
from Wagtail's first migration on, before any home page; permissions and workflows on
the root apply to every page below it, the home page of every site included.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Biên tập viên"
MODERATOR = "Người duyệt"
ADMINISTRATOR = "Quản trị"
WORKFLOW = "Phê duyệt"
TASK = "Duyệt nội dung"

# Wagtail's sample groups and workflow from its first migrations (English names). Ours
# replace them; they are removed only while nobody uses them.
STOCK_GROUPS = ("Editors", "Moderators")
STOCK_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITOR: ("add", "change"),
    MODERATOR: ("add", "change", "publish", "lock", "unlock"),
    ADMINISTRATOR: ("add", "change", "publish", "bulk_delete", "lock", "unlock"),
}
# Section editors: the same page rights as an editor, on one section only.
SECTION_PAGE_PERMISSIONS = PAGE_PERMISSIONS[EDITOR]

# Documents and images. Editors upload and choose (and, as Wagtail lets every uploader,
# edit the title and tags of their own uploads). Replacing the file of a document or an
# image, and deleting one, change what the public pages link to: that needs the
# collection's "change" permission (Wagtail treats "delete" as "change"), which only
# reviewers and administrators hold; portal/editorial/media_guard.py enforces it, also
# for the uploader.
_MEDIA_MODELS = (("wagtaildocs", "document"), ("wagtailimages", "image"))
EDITOR_MEDIA_ACTIONS = ("add", "choose")
REVIEWER_MEDIA_ACTIONS = ("add", "change", "choose", "delete")
COLLECTION_PERMISSIONS = {
    EDITOR: [(app, model, f"{action}_{model}") for app, model in _MEDIA_MODELS for action in EDITOR_MEDIA_ACTIONS],
    MODERATOR: [(app, model, f"{action}_{model}") for app, model in _MEDIA_MODELS for action in REVIEWER_MEDIA_ACTIONS],
}
COLLECTION_PERMISSIONS[ADMINISTRATOR] = COLLECTION_PERMISSIONS[MODERATOR]
# What editors held before file replacement became a reviewer's right (removed from
# existing databases by the migration editorial.0004, see revoke_editor_media_rights).
_REVOKED_FROM_EDITORS = [
    (app, model, f"{action}_{model}") for app, model in _MEDIA_MODELS for action in ("change", "delete")
]

# Model permissions (app label, model, codename); missing apps are skipped.
_ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
_TRANSLATE = ("wagtail_localize", "translation", "submit_translation")
# The record of replaced files (portal/editorial/file_history.py): reviewers and
# administrators see it and can download a previous file.
_FILE_HISTORY = ("editorial", "filereplacement", "view_filereplacement")
MODEL_PERMISSIONS = {
    EDITOR: [_ADMIN_ACCESS, _TRANSLATE, *COLLECTION_PERMISSIONS[EDITOR]],
    MODERATOR: [_ADMIN_ACCESS, _TRANSLATE, _FILE_HISTORY, *COLLECTION_PERMISSIONS[MODERATOR]],
}


def create_all_permissions(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the content types and permissions of every model ``apps`` knows.

    Django creates them only after all migrations (post_migrate); a data migration
    that grants them must create them itself.
    """
    from django.contrib.auth.management import create_permissions

    historical = apps is not global_apps
    for app_config in apps.get_app_configs():
        if historical:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        if historical:
            app_config.models_module = None


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    ).first()


def _page_permission(apps, action):
    page_model = apps.get_model("wagtailcore", "Page")._meta.model_name
    return _permission(apps, "wagtailcore", page_model, f"{action}_{page_model}")


def root_page(apps=global_apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).order_by("path").first()


def root_collection(apps=global_apps):
    return apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).order_by("path").first()


def grant_page_permissions(group, page, actions, apps=global_apps):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for action in actions:
        permission = _page_permission(apps, action)
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group_id=group.pk, page_id=page.pk, permission=permission)


def grant_collection_permissions(group, collection, triples, apps=global_apps):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for triple in triples:
        permission = _permission(apps, *triple)
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group_id=group.pk, collection_id=collection.pk, permission=permission
            )


def grant_model_permissions(group, triples, apps=global_apps):
    permissions = [p for p in (_permission(apps, *triple) for triple in triples) if p is not None]
    group.permissions.add(*permissions)


def grant_admin_everything(group, apps=global_apps):
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(*Permission.objects.all())


def ensure_roles(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create (or complete) the three site-wide groups and the approval workflow.

    Returns ``{group name: group}``.
    """
    Group = apps.get_model("auth", "Group")
    create_all_permissions(apps, using=using)
    root = root_page(apps)
    collection = root_collection(apps)
    groups = {}
    for name in (EDITOR, MODERATOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        if name == ADMINISTRATOR:
            grant_admin_everything(group, apps)
        else:
            grant_model_permissions(group, MODEL_PERMISSIONS[name], apps)
        if root is not None:
            grant_page_permissions(group, root, PAGE_PERMISSIONS[name], apps)
        if collection is not None:
            grant_collection_permissions(group, collection, COLLECTION_PERMISSIONS[name], apps)
    if root is not None:
        ensure_workflow(groups[MODERATOR], root, apps)
    retire_stock_roles(apps)
    return groups


def ensure_workflow(moderators, page, apps=global_apps):
    """The "Phê duyệt" workflow (one group-approval task for Người duyệt) on ``page``."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK, content_type=content_type, active=True)
    task.groups.add(moderators)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})
    return workflow


def retire_stock_roles(apps=global_apps):
    """Remove Wagtail's sample "Editors"/"Moderators" groups and its "Moderators approval"
    workflow while nothing uses them, so the admin offers only the Vietnamese roles."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Task = apps.get_model("wagtailcore", "Task")

    for workflow in Workflow.objects.filter(name=STOCK_WORKFLOW):
        if workflow.workflow_pages.exists() or WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=STOCK_WORKFLOW):
            if not TaskState.objects.filter(task=task).exists():
                task.delete()
    Group.objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()


def ensure_section_group(name, section_page, apps=global_apps):
    """A group of editors limited to ``section_page`` and the pages below it.

    They can add and edit pages there and submit them for approval (the workflow on the
    root applies); they see no other part of the page tree in the admin.
    """
    Group = apps.get_model("auth", "Group")
    create_all_permissions(apps)
    group, _ = Group.objects.get_or_create(name=name)
    grant_model_permissions(group, MODEL_PERMISSIONS[EDITOR], apps)
    grant_page_permissions(group, section_page, SECTION_PAGE_PERMISSIONS, apps)
    collection = root_collection(apps)
    if collection is not None:
        grant_collection_permissions(group, collection, COLLECTION_PERMISSIONS[EDITOR], apps)
    return group


def grant_admin_everything_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After every ``migrate``: Quản trị also gets the permissions of models added since.

    Only that group, only additions, and only if it exists (it is never re-created
    here: ``setup_roles`` does that).
    """
    from django.contrib.auth.models import Group

    group = Group.objects.using(using).filter(name=ADMINISTRATOR).first()
    if group is None:
        return
    create_all_permissions(global_apps, using=using)
    grant_admin_everything(group)


def revoke_editor_media_rights(apps=global_apps):
    """Take "change"/"delete" of documents and images from the editors' groups.

    Run once, by the migration that made replacing and deleting a reviewer's right (the
    rest of this module only ever adds). Editors' groups are Biên tập viên and every
    group that has page permissions but may publish nowhere (the section groups of
    ``ensure_section_group``): someone who cannot publish a page must not be able to
    change the file a published page links to.
    """
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    page_model = apps.get_model("wagtailcore", "Page")._meta.model_name
    with_pages = set(GroupPagePermission.objects.values_list("group_id", flat=True))
    publishers = set(
        GroupPagePermission.objects.filter(permission__codename=f"publish_{page_model}").values_list(
            "group_id", flat=True
        )
    )
    editor_ids = (with_pages - publishers) | set(Group.objects.filter(name=EDITOR).values_list("pk", flat=True))
    editor_ids -= set(Group.objects.filter(name__in=(MODERATOR, ADMINISTRATOR)).values_list("pk", flat=True))
    permissions = [p for p in (_permission(apps, *triple) for triple in _REVOKED_FROM_EDITORS) if p is not None]
    GroupCollectionPermission.objects.filter(group_id__in=editor_ids, permission__in=permissions).delete()
    for group in Group.objects.filter(pk__in=editor_ids):
        group.permissions.remove(*permissions)
