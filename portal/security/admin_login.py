"""The admin login form, made accessible (WCAG 2.1 AA).

Wagtail's own form gives the browser no hint of what each field holds, hides field
errors on the login page and ties no error to its field. This form adds:

- ``autocomplete="username"`` / ``"current-password"`` (1.3.5), so password managers and
  browsers fill the right fields;
- after a failed POST, ``aria-invalid="true"`` on each field concerned and
  ``aria-describedby`` pointing at the error text that explains it (the field's own
  error, or the summary for "user name or password wrong"), so a screen reader reads the
  error with the field (3.3.1, 4.1.2);

``templates/wagtailadmin/login.html`` renders the error summary (``role="alert"``,
focused on load) and the field errors with the ids used here.
"""

from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm

SUMMARY_ID = "login-error-summary"


def field_error_id(bound_field):
    return f"{bound_field.id_for_label}-error"


class AccessibleLoginForm(LoginForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"].widget.attrs
        username.update({"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        # Wagtail's field has no label, so Django shows its name, "Password", untranslated.
        self.fields["password"].label = gettext_lazy("Password")

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        summary = bool(self.non_field_errors())
        for name in ("username", "password"):
            described_by = []
            if name in self.errors:
                described_by.append(field_error_id(self[name]))
            if summary:
                described_by.append(SUMMARY_ID)
            attrs = self.fields[name].widget.attrs
            if described_by:
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(described_by)
                attrs.pop("autofocus", None)  # the error summary takes the focus
