"""Who handles the inbox: Biên tập viên read, assign and answer; Người duyệt also approve
answers before they are sent and published (the groups of portal/editorial/roles.py)."""

from django.apps import apps as global_apps

from portal.editorial import roles

OFFICER = [("citizens", "submission", "view_submission"), ("citizens", "submission", "change_submission")]
REVIEWER = [*OFFICER, ("citizens", "submission", "approve_answer")]


def grant(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    roles.create_all_permissions(apps)
    for name, triples in ((roles.EDITOR, OFFICER), (roles.MODERATOR, REVIEWER), (roles.ADMINISTRATOR, REVIEWER)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            roles.grant_model_permissions(group, triples, apps)
