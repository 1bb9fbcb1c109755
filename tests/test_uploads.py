"""Documents and images are checked by content through the real admin upload views, and
documents are served with safe headers."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


# --- Sample files ---------------------------------------------------------------------


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", extra if extra is not None else "<w:document>Kế hoạch</w:document>")
    return buffer.getvalue()


def png_bytes(size=(12, 12), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, color=1 if mode == "1" else (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_html_polyglot():
    """A PNG that decodes fine but carries a web page in a text chunk."""
    png = png_bytes()
    iend = png.rindex(b"IEND") - 4
    payload = png_chunk(b"tEXt", b"Comment\x00<html><body><script>alert(document.cookie)</script></body></html>")
    return png[:iend] + payload + png[iend:]


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


# --- Helpers ---------------------------------------------------------------------------


def upload_document(client, name, content, title="Tài liệu"):
    return client.post(
        "/admin/documents/add/",
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def upload_image(client, name, content, title="Ảnh"):
    return client.post(
        "/admin/images/add/",
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def rejected_with(response, text):
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    body = response.content.decode()
    assert text in body, body[body.find("error") - 200 : body.find("error") + 600]


# --- Documents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach-57.pdf", pdf_bytes()),
        ("ke-hoach.docx", docx_bytes()),
        ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("thong-bao.odt", None),
        ("ghi-chu.txt", "Kế hoạch thi đua năm 2022 — Sở Nội vụ.\n".encode()),
        ("van-ban.rtf", b"{\\rtf1\\ansi Ke hoach}"),
    ],
)
def test_good_documents_are_accepted(admin_client, name, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
            archive.writestr("content.xml", "<office:document-content/>")
        content = buffer.getvalue()
    before = get_document_model().objects.count()
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_document_model().objects.count() == before + 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.pdf", HTML_PAGE, "Nội dung tệp không đúng định dạng “.pdf”"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Nội dung tệp không đúng định dạng “.pdf”"),
        ("bang-tinh.xlsx", pdf_bytes(), "Nội dung tệp không đúng định dạng “.xlsx”"),
        ("giay-moi.docx", b"PK\x03\x04 not really a zip", "Nội dung tệp không đúng định dạng “.docx”"),
        ("ghi-chu.txt", HTML_PAGE, "Tệp có chứa mã HTML hoặc mã kịch bản"),
        ("trang.html", HTML_PAGE, "Không chấp nhận tệp"),
        ("hinh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "Không chấp nhận tệp"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "Không chấp nhận tệp"),
    ],
)
def test_bad_documents_are_rejected_with_a_vietnamese_message(admin_client, name, content, message):
    before = get_document_model().objects.count()
    rejected_with(upload_document(admin_client, name, content), message)
    assert get_document_model().objects.count() == before


def test_document_decompression_bomb_is_rejected(admin_client):
    bomb = docx_bytes(extra="0" * (60 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    rejected_with(upload_document(admin_client, "bom.docx", bomb), "bom giải nén")
    assert not get_document_model().objects.exists()


def test_oversized_document_is_rejected(admin_client):
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=10_000):
        response = upload_document(admin_client, "lon.pdf", pdf_bytes() + b"%" * 20_000)
    rejected_with(response, "Tệp quá lớn")
    assert not get_document_model().objects.exists()


def test_multiple_upload_view_checks_content_too(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("gia.pdf", HTML_PAGE)},
    )
    assert response.status_code == 200
    assert "Nội dung tệp không đúng định dạng" in response.json()["error_message"] or not response.json()["success"]
    assert not get_document_model().objects.exists()


def test_documents_are_served_with_disposition_and_nosniff(client, admin_client):
    upload_document(admin_client, "ke-hoach-57.pdf", pdf_bytes(), title="Kế hoạch 57")
    upload_document(admin_client, "danh-sach.docx", docx_bytes(), title="Danh sách")
    Document = get_document_model()
    pdf = Document.objects.get(title="Kế hoạch 57")
    docx = Document.objects.get(title="Danh sách")
    client.logout()

    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    response = client.get(docx.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "wordprocessingml" in response["Content-Type"]


# --- Images ----------------------------------------------------------------------------


def test_good_png_is_accepted(admin_client):
    response = upload_image(admin_client, "tru-so.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("poly.png", png_html_polyglot(), "Tệp có chứa mã HTML hoặc mã kịch bản"),
        ("duoi.png", png_bytes() + HTML_PAGE, "Tệp có chứa mã HTML hoặc mã kịch bản"),
        ("duoi2.png", png_bytes() + b"\x00" * 64, "dữ liệu lạ nối sau phần ảnh"),
        ("gia.png", HTML_PAGE, "phần mở rộng không khớp với định dạng thật"),
        ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "Tệp không phải là ảnh hợp lệ"),
        ("doi-ten.jpg", png_bytes(), "phần mở rộng không khớp với định dạng thật"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "Không hỗ trợ định dạng ảnh này"),
    ],
)
def test_bad_images_are_rejected_with_a_vietnamese_message(admin_client, name, content, message):
    rejected_with(upload_image(admin_client, name, content), message)
    assert not get_image_model().objects.exists()


def test_image_decompression_bomb_is_rejected(admin_client):
    bomb = png_bytes(size=(10_000, 10_000), mode="1")
    assert len(bomb) < 100_000  # tiny file, 100 million pixels
    rejected_with(upload_image(admin_client, "bom.png", bomb), "Ảnh có quá nhiều điểm ảnh")
    assert not get_image_model().objects.exists()


def test_oversized_image_is_rejected(admin_client):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1_000):
        response = upload_image(admin_client, "to.png", png_bytes(size=(400, 400), mode="RGB") + b"")
    rejected_with(response, "Tệp quá lớn")
