"""Văn bản: the register of documents (documents/), plans included."""

import csv
import datetime
import io

import feedparser
import pytest
from openpyxl import load_workbook

from campaigns.models import PlanPage
from documents.models import DocumentKind, DocumentPageRelation, FileText, RelationKind, Validity
from tests.campaigns_factories import make_plan, make_plan_index
from tests.documents_factories import attach, make_doc, make_register, pdf_file, uploaded_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(home):
    return make_register(home)


def test_register_lists_documents_and_plans_newest_first(client, home, register):
    make_doc(register, 10, year=2023)
    plans = make_plan_index(home)
    make_plan(plans, 57, year=2024)
    response = client.get(register.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "57/KH-SNV" in html and "10/QĐ-SNV" in html
    assert html.index("57/KH-SNV") < html.index("10/QĐ-SNV")


@pytest.mark.parametrize("typed", ["57/KH-SNV", "57/kh-snv", "57 KH SNV"])
def test_quick_search_by_number_finds_the_document_first(client, home, register, typed):
    plans = make_plan_index(home)
    make_plan(plans, 57, year=2024, summary="Triển khai thi đua 57 ngày.")
    for n in range(1, 6):
        make_doc(register, n, summary=f"Về việc số 57 KH SNV thi đua {n}.")
    response = client.get(register.url, {"q": typed})
    html = response.content.decode()
    assert response.status_code == 200
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "57/KH-SNV" in first_row


def test_quick_search_folds_words_of_the_summary(client, register):
    make_doc(register, 1, summary="Về việc công nhận sáng kiến cấp cơ sở năm 2024.")
    make_doc(register, 2, summary="Về việc tuyển dụng công chức.")
    html = client.get(register.url, {"q": "sang kien"}).content.decode()
    assert "1/QĐ-SNV" in html and "2/QĐ-SNV" not in html


def test_a_phrase_only_inside_a_pdf_finds_its_document(client, register):
    page = make_doc(register, 3, summary="Về việc ban hành quy chế làm việc.")
    make_doc(register, 4, summary="Về việc khác.")
    document = pdf_file("Quy chế làm việc", ["Điều 7. Cán bộ trực cổng thông tin điện tử vào ngày thứ bảy hằng tuần."])
    assert FileText.objects.get(document=document).state == FileText.State.OK
    attach(page, document, "Quyết định số 3/QĐ-SNV")
    _found_in_file(
        client,
        register,
        page,
        "4/QĐ-SNV",
        "trực cổng thông tin điện tử",
        "truc cong thong tin dien tu vao ngay thu bay",
    )


def _found_in_file(client, register, page, other_number, register_query, site_query):
    """``page`` (and not the document ``other_number``) is found by the register's quick
    search, which names the file and marks the passage, and by the site search."""
    html = client.get(register.url, {"q": register_query}).content.decode()
    assert page.document_number in html and other_number not in html
    assert "Tìm thấy trong tệp" in html and "<mark>" in html
    site = client.get("/tim-kiem/", {"q": site_query}).content.decode()
    assert page.title in site and "Tìm thấy trong tệp đính kèm" in site


def _docx_bytes(paragraph, cell):
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt_bytes(heading, paragraph):
    from odf import text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.text.addElement(text.H(outlinelevel=1, text=heading))
    document.text.addElement(text.P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_words_only_inside_a_word_processor_file_find_its_document(client, register, kind):
    """A DOCX (paragraphs and a table cell) or an ODT (heading and paragraph) written by the
    libraries that write them, uploaded as a file: its text, typed with decomposed letters as
    Word pastes them, is searchable from the register and the site search, with the passage."""
    import unicodedata

    page = make_doc(register, 8, summary="Về việc ban hành quy chế phối hợp.")
    make_doc(register, 9, summary="Về việc khác.")
    decomposed = unicodedata.normalize("NFD", "Phòng Tổ chức biên chế tiếp nhận hồ sơ luân chuyển")
    if kind == "docx":
        data = _docx_bytes("Điều 1. Phạm vi điều chỉnh.", decomposed)
    else:
        data = _odt_bytes("Chương I", decomposed)
    document = uploaded_file(f"Quy chế phối hợp ({kind})", f"quy-che.{kind}", data)
    record = FileText.objects.get(document=document)
    assert record.state == FileText.State.OK and "tiếp nhận hồ sơ luân chuyển" in record.text
    attach(page, document, "Quy chế phối hợp")
    _found_in_file(client, register, page, "9/QĐ-SNV", "ho so luan chuyen", "tiếp nhận hồ sơ luân chuyển")


def test_with_the_caches_on_results_follow_publications_and_the_date(client, register, settings, monkeypatch):
    """The register keeps a query's results until the next publication and the next day:
    a document published later shows at once, and a document that takes effect tomorrow
    reads "Chưa có hiệu lực" today and "Còn hiệu lực" tomorrow."""
    from documents import models, views
    from portal.cache.generation import clear_local_caches

    today = datetime.date(2026, 12, 7)
    monkeypatch.setattr(models, "local_today", lambda: today)
    monkeypatch.setattr(views, "local_today", lambda: today)
    make_doc(register, 1, summary="Về việc quy chế tiếp công dân.", effective_date=today + datetime.timedelta(days=1))
    settings.PORTAL_FRAGMENT_CACHE = True
    clear_local_caches()
    try:
        first = client.get(register.url, {"q": "tiep cong dan"}).content.decode()
        assert "1/QĐ-SNV" in first and "Chưa có hiệu lực" in first
        assert client.get(register.url, {"q": "tiep cong dan"}).content.decode() == first
        make_doc(register, 2, summary="Về việc lịch tiếp công dân năm 2025.")
        html = client.get(register.url, {"q": "tiep cong dan"}).content.decode()
        assert "2/QĐ-SNV" in html and "1/QĐ-SNV" in html
        today = datetime.date(2026, 12, 8)
        row = client.get(register.url, {"q": "tiep cong dan"}).content.decode().split("1/QĐ-SNV")[1]
        assert "Còn hiệu lực" in row.split("</tr>")[0]
    finally:
        clear_local_caches()


def test_the_next_page_of_a_search_does_not_search_again(client, register, settings):
    """With the caches on, a query's ordered matches are kept until the next publication:
    its second page and the same words with a filter added read them from memory (no
    full-text statement runs), the order is the same, and a document published later is
    found at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.cache.generation import clear_local_caches

    for n in range(1, 26):
        make_doc(register, n, year=2023 + n % 2, summary=f"Về việc tiếp công dân đợt {n}.")
    settings.PORTAL_FRAGMENT_CACHE = True
    clear_local_caches()

    def searched(params):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(register.url, params).content.decode()
        statements = [q["sql"] for q in queries]
        return html, sum("MATCH" in sql or "plainto_tsquery" in sql for sql in statements)

    try:
        first, runs = searched({"q": "tiep cong dan"})
        assert runs == 1 and "25/QĐ-SNV" in first
        second, runs = searched({"q": "tiep cong dan", "page": "2"})
        assert runs == 0
        assert "Trang 2" in second or "page=2" in second
        numbers = [f"{n}/QĐ-SNV" for n in range(1, 26)]
        shown = [n for n in numbers if f">{n}<" in first] + [n for n in numbers if f">{n}<" in second]
        assert sorted(shown) == sorted(numbers)  # every match once, across the two pages
        filtered, runs = searched({"q": "tiep cong dan", "nam": "2023"})
        assert runs == 0 and "24/QĐ-SNV" in filtered and "25/QĐ-SNV" not in filtered
        make_doc(register, 26, summary="Về việc tiếp công dân đợt bổ sung.")
        html, runs = searched({"q": "tiep cong dan", "page": "2"})
        assert runs == 1
        assert ">26/QĐ-SNV<" in html + searched({"q": "tiep cong dan"})[0]
    finally:
        clear_local_caches()


def test_status_is_derived_from_dates_and_editor_may_override(register):
    today = datetime.date.today()
    doc = make_doc(register, 1, issue_date=today - datetime.timedelta(days=30))
    assert doc.validity() == Validity.IN_FORCE
    doc.expiry_date = today - datetime.timedelta(days=1)
    assert doc.validity() == Validity.EXPIRED
    doc.expiry_date = None
    doc.effective_date = today + datetime.timedelta(days=5)
    assert doc.validity() == Validity.NOT_YET
    doc.validity_override = Validity.PARTLY_EXPIRED
    assert doc.validity() == Validity.PARTLY_EXPIRED


def test_relations_are_shown_on_both_documents(client, register):
    old = make_doc(register, 1, year=2020, title="Quyết định cũ")
    new = make_doc(register, 2, year=2024, title="Quyết định mới")
    DocumentPageRelation.objects.create(page=new, target=old, kind=RelationKind.REPLACES)
    new_html = client.get(new.url).content.decode()
    old_html = client.get(old.url).content.decode()
    assert "Thay thế" in new_html and "Quyết định cũ" in new_html
    assert "Bị thay thế bởi" in old_html and "Quyết định mới" in old_html


def test_document_page_shows_every_metadata_item(client, register):
    doc = make_doc(
        register,
        5,
        signer_name="Nguyễn Văn Hùng",
        signer_title="Giám đốc",
        effective_date=datetime.date(2024, 2, 1),
        expiry_date=datetime.date(2030, 1, 1),
        topics=["thi-dua-khen-thuong"],
        issue_date=datetime.date(2024, 1, 20),
    )
    html = client.get(doc.url).content.decode()
    for text in [
        "5/QĐ-SNV",
        "Quyết định",
        "Sở Nội vụ tỉnh Kon Tum",
        "Giám đốc: Nguyễn Văn Hùng",
        "20/01/2024",
        "01/02/2024",
        "01/01/2030",
        "Còn hiệu lực",
        "Thi đua – khen thưởng",
        doc.summary,
        "Ngày đăng",
        "Lượt xem",
    ]:
        assert text in html, text


def test_filters_each_and_combined(client, home, register):
    make_doc(register, 1, kind="QĐ", year=2023, topics=["thi-dua-khen-thuong"], signer_name="Lê A")
    make_doc(register, 2, kind="TB", year=2024, topics=["cai-cach-hanh-chinh"], signer_name="Trần B")
    make_doc(register, 3, kind="QĐ", year=2024, topics=["cai-cach-hanh-chinh"], expiry_date=datetime.date(2024, 6, 1))
    topic = {t.slug: t.pk for t in __import__("documents.models").models.Topic.objects.all()}

    def numbers(**params):
        html = client.get(register.url, params).content.decode()
        return {n for n in ("1/QĐ-SNV", "2/TB-SNV", "3/QĐ-SNV") if n in html}

    assert numbers(loai="QĐ") == {"1/QĐ-SNV", "3/QĐ-SNV"}
    assert numbers(nam="2024") == {"2/TB-SNV", "3/QĐ-SNV"}
    assert numbers(linh_vuc=topic["cai-cach-hanh-chinh"]) == {"2/TB-SNV", "3/QĐ-SNV"}
    assert numbers(nguoi_ky="Lê A") == {"1/QĐ-SNV"}
    assert numbers(tinh_trang="het") == {"3/QĐ-SNV"}
    assert numbers(tinh_trang="con") == {"1/QĐ-SNV", "2/TB-SNV"}
    assert numbers(co_quan="Sở Nội vụ tỉnh Kon Tum", loai="QĐ", nam="2024") == {"3/QĐ-SNV"}
    assert numbers(tu_ngay="2024-01-01", den_ngay="31/12/2024", loai="TB") == {"2/TB-SNV"}
    assert numbers(q="thử nghiệm", loai="TB") == {"2/TB-SNV"}


@pytest.mark.parametrize(
    "params",
    [
        {"nam": "abc"},
        {"loai": "XYZ"},
        {"tu_ngay": "31/02/2024"},
        {"linh_vuc": "999999"},
        {"tinh_trang": "?"},
        {"sap_xep": "x"},
        {"nguoi_ky": "Không Ai"},
        {"tu_ngay": "2024-05-01", "den_ngay": "2024-01-01"},
    ],
)
def test_bad_filters_get_a_clear_message_never_an_error(client, register, params):
    make_doc(register, 1)
    response = client.get(register.url, params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_feed_and_exports(client, register):
    make_doc(register, 1, summary="=CMD() Về việc thử.")
    make_doc(register, 2)
    feed = feedparser.parse(client.get(register.url + "feed/").content)
    assert not feed.bozo and len(feed.entries) == 2
    workbook = load_workbook(io.BytesIO(client.get(register.url + "xuat/xlsx/").content))
    rows = list(workbook.active.values)
    assert rows[0][0] == "Số ký hiệu" and len(rows) == 3
    assert any(str(r[5]).startswith("'=") for r in rows[1:])
    text = client.get(register.url + "xuat/csv/", {"loai": "QĐ"}).content.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][0] == "Số ký hiệu" and len(parsed) == 3
    assert client.get(register.url + "xuat/pdf/").status_code == 404


def test_editors_can_add_a_document_type(register):
    DocumentKind.objects.create(code="TT", name="Thông tư")
    doc = make_doc(register, 9, kind="TT")
    doc.full_clean()
    doc.document_number = "9/QĐ-SNV"
    with pytest.raises(Exception, match="TT"):
        doc.full_clean()


def test_plans_keep_their_numbers_and_validation(home):
    plans = make_plan_index(home)
    plan = make_plan(plans, 57)
    assert PlanPage.objects.get(pk=plan.pk).document_type == "KH"
    assert plan.get_document_type_display() == "Kế hoạch"


def test_scanned_pdf_is_listed_and_an_editor_can_give_its_text(admin_client, register):
    from tests.campaigns_factories import make_document, pdf_bytes

    scan = make_document("Bản chụp quyết định", "ban-chup.pdf", pdf_bytes())  # pictures of text only
    record = FileText.objects.get(document=scan)
    assert record.state == FileText.State.EMPTY
    page = make_doc(register, 8)
    attach(page, scan)
    html = admin_client.get("/admin/tep_chua_co_van_ban/").content.decode()
    assert "Bản chụp quyết định" in html and "Chưa có văn bản để tìm kiếm" in html
    response = admin_client.post(
        f"/admin/tep_chua_co_van_ban/edit/{scan.pk}/", {"text": "Điều 1. Giao ban vào chiều thứ sáu."}
    )
    assert response.status_code == 302
    assert FileText.objects.get(document=scan).state == FileText.State.OK
    assert "8/QĐ-SNV" in admin_client.get(register.url, {"q": "giao ban chiều thứ sáu"}).content.decode()


def test_admin_listing_filters_and_editor_creates_a_document(admin_client, register):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from documents.models import DocumentPage, Topic

    make_doc(register, 1, kind="TB")
    make_doc(register, 2, kind="QĐ")
    html = admin_client.get("/admin/van_ban/", {"document_type": "TB"}).content.decode()
    assert "1/TB-SNV" in html and "2/QĐ-SNV" not in html
    topic = Topic.objects.get(slug="van-thu-luu-tru")
    url = reverse("wagtailadmin_pages:add", args=("documents", "documentpage", register.pk))
    data = nested_form_data(
        {
            "title": "Quyết định ban hành danh mục hồ sơ",
            "slug": "qd-danh-muc-ho-so",
            "document_number": "77/QĐ-SNV",
            "document_type": "QĐ",
            "issue_date": "2025-01-10",
            "effective_date": "2025-01-15",
            "issuing_body": "Sở Nội vụ tỉnh Kon Tum",
            "summary": "Về việc ban hành Danh mục hồ sơ năm 2025.",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "document_relations": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["topics"] = [topic.pk]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = DocumentPage.objects.get(slug="qd-danh-muc-ho-so")
    assert created.live and [t.slug for t in created.topics.all()] == ["van-thu-luu-tru"]
    data["document_number"] = "78/KH-SNV"
    data["slug"] = "khac"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "mã loại" in response.content.decode()


def test_a_broken_or_hostile_file_fails_quickly_and_does_not_stall(tmp_path):
    import time

    from documents import files

    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"0 0 obj << /Length 99999999 >> stream\n" * 2000)
    started = time.monotonic()
    state, text = files.read_text(broken, ".pdf", timeout=10)
    assert state in (FileText.State.FAILED, FileText.State.EMPTY) and text == ""
    assert time.monotonic() - started < 12
    zip_bomb_like = tmp_path / "bom.docx"
    zip_bomb_like.write_bytes(b"PK\x03\x04 not really a zip")
    assert files.read_text(zip_bomb_like, "docx")[0] == FileText.State.FAILED
    assert files.read_text(tmp_path / "x.xlsx", "xlsx")[0] == FileText.State.UNSUPPORTED
