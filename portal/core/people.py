"""People's names in Vietnamese order: Họ, tên đệm, tên ("Trần Thị Lan").

Django's ``User`` keeps ``last_name`` ("Họ" in its Vietnamese forms: "Trần" or "Trần Thị")
and ``first_name`` ("Tên": "Lan" or "Thị Lan"), and ``get_full_name()`` joins them the
Western way ("Lan Trần Thị"). Every place that shows a person (Wagtail's
``get_user_display_name``, the page history and audit log, the user listing, the
dashboard, Django's admin) calls ``get_full_name()``, and the project's user model is
Django's own (``AUTH_USER_MODEL`` cannot change on a live database), so ``install()``
makes ``full_name`` that method. ``tests/test_admin_flow.py`` fails if Django's method is
left in place.
"""

from django.contrib.auth import get_user_model


def full_name(user):
    """``"Trần Thị Lan"`` from last_name "Trần Thị" (or "Trần") and first_name "Lan" (or "Thị Lan")."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def _get_full_name(self):
    return full_name(self)


def install():
    model = get_user_model()
    if hasattr(model, "last_name") and hasattr(model, "first_name"):
        model.get_full_name = _get_full_name
