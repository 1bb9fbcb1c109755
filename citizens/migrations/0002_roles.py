from django.db import migrations


def grant(apps, schema_editor):
    from citizens.roles import grant

    grant(apps)


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial"), ("editorial", "0004_media_rights_for_reviewers")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
