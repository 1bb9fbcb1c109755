"""``Văn bản mới`` on the home page (cached by the core until the next publication)."""

from django.template.loader import render_to_string

from documents.models import DocumentIndexPage
from documents.register import Register

COUNT = 5


def render(context):
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return ""
    index = DocumentIndexPage.objects.live().filter(locale_id=locale_id).first()
    if index is None:
        return ""
    latest = Register(locale_id).newest(COUNT)
    if not latest:
        return ""
    return render_to_string(
        "documents/includes/home_latest.html",
        {"documents": latest, "index": index, "request": context.get("request")},
    )
