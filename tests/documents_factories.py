"""Factories for the register's tests (documents/)."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents import pdf
from documents.models import DocumentIndexPage, DocumentPage, DocumentPageAttachment, Topic
from portal.demo import aware


def make_register(home, slug="van-ban"):
    index = DocumentIndexPage(title="Văn bản", slug=slug)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_doc(index, n, *, kind="QĐ", year=2024, topics=(), publish=True, **fields):
    issued = fields.pop("issue_date", None) or datetime.date(year, 1, 1) + datetime.timedelta(days=n % 360)
    fields.setdefault("title", f"Quyết định thử nghiệm số {n} năm {year}")
    fields.setdefault("summary", f"Về việc thử nghiệm sổ văn bản lần {n}.")
    code = "" if kind == "CV" else f"{kind}-"
    page = DocumentPage(
        slug=f"van-ban-{year}-{n}",
        document_number=fields.pop("document_number", f"{n}/{code}SNV"),
        document_type=kind,
        issue_date=issued,
        **fields,
    )
    index.add_child(instance=page)
    if topics:
        page.topics.set([Topic.objects.get(slug=slug) for slug in topics])
    if publish:
        page.save_revision().publish()
        DocumentPage.objects.filter(pk=page.pk).update(first_published_at=aware(issued.year, issued.month, issued.day))
        page.refresh_from_db()
    return page


def pdf_file(title, paragraphs, filename="van-ban.pdf"):
    data = pdf.render(
        agency_lines=["ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"],
        number="Số: 12/QĐ-SNV",
        place_date="Kon Tum, ngày 5 tháng 3 năm 2024",
        heading="QUYẾT ĐỊNH",
        subject=title,
        paragraphs=paragraphs,
    )
    return uploaded_file(title, filename, data)


def uploaded_file(title, filename, data):
    """A Wagtail document with ``data`` as its file, saved as an upload saves it (its text
    is extracted on save)."""
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def attach(page, document, title=""):
    DocumentPageAttachment.objects.create(page=page, document=document, title=title, sort_order=0)
    page.save_revision().publish()
    return page
