from django.db import migrations


def create_locales(apps, schema_editor):
    """Vietnamese is the default locale (created by Wagtail from LANGUAGE_CODE);
    English is needed for the pages the law asks to be translated."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
