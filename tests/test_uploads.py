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


# --- Real files, active content, trailing data, nested archives (issue: uploads) --------------


def noisy_image(size=(320, 240), seed=7):
    """A photo-like picture: random pixels make the compressed bytes look like real data."""
    import random

    rnd = random.Random(seed)
    return Image.frombytes("RGB", size, bytes(rnd.getrandbits(8) for _ in range(size[0] * size[1] * 3)))


def real_pdf(pages=2):
    """A real PDF written by Pillow: JPEG-compressed images on each page."""
    buffer = io.BytesIO()
    images = [noisy_image(seed=n) for n in range(pages)]
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()


def pdf_with(objects):
    """A small but well-formed PDF (xref table and all) holding extra ``objects``."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", *objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + content + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref))
    return out.getvalue()


def object_stream(text):
    packed = zlib.compress(b"3 0 " + text)
    header = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
    return header + packed + b"\nendstream"


def real_xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thi đua"
    sheet.append(["Đơn vị", "Điểm"])
    for n in range(50):
        sheet.append([f"Phòng {n}", n * 1.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def real_docx(embedded=None):
    """A Word document as Word writes it (content types, relationships, document part),
    optionally with an embedded file under word/embeddings/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "<w:p><w:r><w:t>Kế hoạch tổ chức phong trào thi đua năm 2024.</w:t></w:r></w:p>" * 40
            + "</w:body></w:document>",
        )
        if embedded is not None:
            name, content = embedded
            archive.writestr(f"word/embeddings/{name}", content)
    return buffer.getvalue()


def zip_of(name, content, compress=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def image_bytes(fmt, **options):
    buffer = io.BytesIO()
    picture = noisy_image((64, 48))
    if fmt == "GIF":
        frames = [picture.convert("P"), noisy_image((64, 48), seed=9).convert("P")]
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    else:
        picture.save(buffer, fmt, **options)
    return buffer.getvalue()


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach-co-anh.pdf", real_pdf()),
        ("bao-cao.docx", real_docx()),
        ("bao-cao-kem-bang.docx", real_docx(embedded=("Microsoft_Excel_Worksheet.xlsx", real_xlsx()))),
        ("bang-diem.xlsx", real_xlsx()),
        ("lien-ket.pdf", pdf_with([b"<< /S /URI /URI (https://sonoivu.kontum.gov.vn/) >>"])),
    ],
)
def test_real_documents_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_document_model().objects.filter(title="Tài liệu").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Active content in PDFs, also spelled with #xx escapes or hidden in an object stream.
        ("js.pdf", pdf_with([JS_ACTION]), "JavaScript"),
        ("js-escaped.pdf", pdf_with([b"<< /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"]), "JavaScript"),
        ("js-open.pdf", real_pdf(1) + b"\n9 0 obj\n" + JS_ACTION + b"\nendobj\n", "JavaScript"),
        ("launch.pdf", pdf_with([b"<< /S /Launch /F (cmd.exe) >>"]), "Launch"),
        ("launch-escaped.pdf", pdf_with([b"<< /S /#4caunch /F (cmd.exe) >>"]), "Launch"),
        ("objstm.pdf", pdf_with([object_stream(JS_ACTION)]), "JavaScript"),
        # HTML or script anywhere, not only in the first kilobyte.
        ("html-cuoi.pdf", real_pdf(1) + b"\n%<html><body><script>alert(1)</script>\n", "mã HTML hoặc mã kịch bản"),
        ("html.rtf", b"{\\rtf1\\ansi " + b"Ke hoach " * 400 + b"<a href='javascript:alert(1)'>x</a>}", "mã HTML"),
        ("html.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000 + b"<iframe src=//evil.example>", "mã HTML"),
    ],
)
def test_active_content_in_documents_is_rejected(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    rejected_with(response, message)
    assert not get_document_model().objects.exists()


def test_nested_archive_bomb_is_rejected(admin_client):
    """A DOCX holding a small ZIP that unpacks to 60 MB: each level alone looks harmless."""
    inner = zip_of("zeros.bin", b"\x00" * (60 * 1024 * 1024))
    docx = real_docx(embedded=("package.zip", zip_of("inner.zip", inner, compress=zipfile.ZIP_STORED)))
    assert len(docx) < 200_000
    rejected_with(upload_document(admin_client, "bom-long.docx", docx), "bom giải nén")
    assert not get_document_model().objects.exists()


def test_archives_nested_too_deeply_are_rejected(admin_client):
    content = zip_of("d.txt", b"ok")
    for level in range(4):
        content = zip_of(f"level{level}.zip", content, compress=zipfile.ZIP_STORED)
    rejected_with(upload_document(admin_client, "long-nhau.docx", real_docx(("x.zip", content))), "lồng nhau")


def test_messages_are_vietnamese_only(admin_client):
    for name, content in [("trang.html", HTML_PAGE), ("x", b"abc"), ("virus.exe", b"MZ")]:
        body = upload_document(admin_client, name, content).content.decode()
        assert "Không chấp nhận tệp" in body
        assert "File extension" not in body and "is not allowed" not in body
    body = upload_image(admin_client, "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>").content.decode()
    assert "Không hỗ trợ định dạng ảnh này" in body
    assert "File extension" not in body and "is not allowed" not in body


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh.jpg", image_bytes("JPEG", quality=85)),
        ("anh-exif.jpg", image_bytes("JPEG", quality=85, exif=Image.Exif(), progressive=True)),
        ("anh-kep.jpg", image_bytes("JPEG") + image_bytes("JPEG", quality=40)),  # a phone's MPF preview
        ("dong.gif", image_bytes("GIF")),
        ("anh.webp", image_bytes("WEBP")),
    ],
)
def test_good_images_are_accepted(admin_client, name, content):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gifar.gif", image_bytes("GIF") + zip_of("a.class", b"\xca\xfe\xba\xbe" * 50)),
        ("duoi.gif", image_bytes("GIF") + b"\x00\x01trailing"),
        ("jpgzip.jpg", image_bytes("JPEG") + zip_of("a.txt", b"payload" * 50)),
        ("duoi.jpg", image_bytes("JPEG") + b"\x00" * 32),
        ("duoi.webp", image_bytes("WEBP") + b"\x00" * 32),
    ],
)
def test_data_after_the_end_of_gif_jpeg_webp_is_rejected(admin_client, name, content):
    rejected_with(upload_image(admin_client, name, content), "dữ liệu lạ nối sau phần ảnh")
    assert not get_image_model().objects.exists()
