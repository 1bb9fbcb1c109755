from hitcount.apps import HitCountAppConfig


class HitCountConfig(HitCountAppConfig):
    """dj-hitcount's app with the primary key type its migrations were written for.

    dj-hitcount sets no ``default_auto_field``; with the project's BigAutoField
    default Django would warn (W042) and ask for a migration inside site-packages.
    """

    default_auto_field = "django.db.models.AutoField"
