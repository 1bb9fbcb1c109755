"""Plan attachments become translatable (wagtail-localize offers their titles for
translation): each existing row gets its own translation key and its page's locale."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    PlanAttachment = apps.get_model("campaigns", "PlanAttachment")
    for attachment in PlanAttachment.objects.select_related("page").iterator():
        attachment.translation_key = uuid.uuid4()
        attachment.locale_id = attachment.page.locale_id
        attachment.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="planattachment",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="planattachment",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="planattachment",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="planattachment",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="planattachment",
            unique_together={("translation_key", "locale")},
        ),
    ]
