"""The sidebar box "Hỏi đáp – Góp ý – Liên hệ" on every page (declared in ``citizens/apps.py``):
links to the question form, the drafts open for comments and the feedback form. The core
caches it per site and language until the next publication."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from citizens.models import ConsultationIndexPage, ContactFormPage, QuestionIndexPage


def _first(model, locale):
    page = Page.objects.type(model).live().public().filter(locale=locale).order_by("path").first()
    return page.specific if page is not None else None


def block(context):
    request = context.get("request")
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        return ""
    questions = _first(QuestionIndexPage, locale)
    links = []
    if questions is not None:
        links.append(("ask", questions.ask_url(request)))
        links.append(("questions", questions.get_url(request)))
    drafts = _first(ConsultationIndexPage, locale)
    if drafts is not None:
        links.append(("drafts", drafts.get_url(request)))
    contact = _first(ContactFormPage, locale)
    if contact is not None:
        links.append(("contact", contact.get_url(request)))
    if not links:
        return ""
    return render_to_string("citizens/includes/sidebar_block.html", {"links": links, "request": request})
