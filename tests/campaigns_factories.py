"""Cheap builders for campaign and plan pages in tests (no revisions unless asked)."""

import datetime
import io
import zipfile

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from campaigns import demo_pdf
from campaigns.models import CampaignIndexPage, CampaignPage, PlanIndexPage, PlanPage


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def make_plan_index(home, slug="ke-hoach"):
    index = PlanIndexPage(title="Kế hoạch", slug=slug, show_in_menus=True)
    home.add_child(instance=index)
    return index


def make_campaign_index(home):
    index = CampaignIndexPage(title="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong")
    home.add_child(instance=index)
    return index


def make_campaign(index, title="Phong trào thi đua đặc biệt phòng, chống Covid-19", slug="covid-19", **fields):
    fields.setdefault("launch_start", datetime.date(2021, 11, 1))
    page = CampaignPage(title=title, slug=slug, first_published_at=aware(2021, 11, 1, 8, 0), **fields)
    index.add_child(instance=page)
    return page


def make_plan(index, n, *, year=2021, campaign=None, issuing_body="Sở Nội vụ tỉnh Kon Tum", live=True, **fields):
    """Plan number ``n``: issued on day ``n`` of ``year`` (later ``n`` = newer)."""
    issued = datetime.date(year, 1, 1) + datetime.timedelta(days=n % 360)
    fields.setdefault("title", f"Kế hoạch thử nghiệm số {n} năm {year}")
    fields.setdefault("summary", f"Trích yếu kế hoạch {n}.")
    page = PlanPage(
        slug=f"ke-hoach-{year}-{n}",
        document_number=f"{n}/KH-SNV",
        issue_date=issued,
        issuing_body=issuing_body,
        campaign=campaign,
        live=live,
        first_published_at=aware(issued.year, issued.month, issued.day, 8, 0) if live else None,
        **fields,
    )
    index.add_child(instance=page)
    return page


def make_document(title, filename, data):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def pdf_bytes(text="Kế hoạch số 57/KH-SNV"):
    return demo_pdf.render(
        agency_lines=["ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"],
        number="Số: 57/KH-SNV",
        place_date="Kon Tum, ngày 11 tháng 11 năm 2021",
        heading="KẾ HOẠCH",
        subject=text,
        paragraphs=[text],
    )


def docx_bytes(text="Phụ lục kèm theo Kế hoạch"):
    """A minimal but well-formed Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
            '+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>',
        )
    return out.getvalue()
