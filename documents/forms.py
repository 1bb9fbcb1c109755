"""Admin form pieces of the document metadata."""

from django import forms
from django.utils.translation import gettext as _


class KindSelect(forms.Select):
    """The document types editors maintain (``DocumentKind``), read when the form is drawn."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)

    @property
    def kind_choices(self):
        from documents.models import DocumentKind

        return [("", _("Chọn loại văn bản"))] + [
            (code, f"{name} ({code})") for code, name in DocumentKind.objects.values_list("code", "name")
        ]

    def optgroups(self, name, value, attrs=None):
        self.choices = self.kind_choices
        return super().optgroups(name, value, attrs)
