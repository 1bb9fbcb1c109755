"""Replacing and deleting documents and images become a reviewer's right.

Existing databases: the editors' groups lose "change"/"delete" on documents and images
(``roles.revoke_editor_media_rights``), and the roles are completed as ``roles.py``
defines them now (reviewers may see the file replacement history).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from portal.editorial.roles import ensure_roles, revoke_editor_media_rights

    ensure_roles(apps, using=schema_editor.connection.alias)
    revoke_editor_media_rights(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0003_file_replacement")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
