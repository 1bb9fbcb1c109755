"""``manage.py import_legacy`` with the sample export in portal/demo/legacy/.

These tests map every record type to StandardPage sections, so they run whatever content
apps exist; tests/test_editorial_import_real.py covers the real plan/news/video models.
"""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from hitcount.models import HitCount
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from portal.editorial.models import LegacyRecord
from portal.legacy.html_cleaner import clean_html
from portal.management.progress import Progress
from portal.models import StandardPage
from tests.import_helpers import stopped_at

SAMPLE = Path(__file__).parent.parent / "portal" / "demo" / "legacy"
IMPORTED_IDS = {"3001", "3007", "3002", "2001", "2002", "2003", "4001", "4002"}
STANDARD_MAPPING = {
    kind: {"model": "portal.StandardPage", "parent": f"/{section}/", "fields": {"intro": "summary"}}
    for kind, section in (("article", "tin-tuc"), ("plan", "ke-hoach"), ("video", "video"))
}


@pytest.fixture
def sections(home, declare):
    pages = {}
    for slug, title in (("tin-tuc", "Tin tức"), ("ke-hoach", "Kế hoạch"), ("video", "Tin video")):
        page = StandardPage(title=title, slug=slug, intro=title)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    declare(legacy_import=STANDARD_MAPPING)
    return pages


@pytest.fixture
def export(tmp_path):
    """A private copy of the sample export (tests may change it)."""
    target = tmp_path / "legacy"
    shutil.copytree(SAMPLE, target)
    return target / "export.jsonl"


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_legacy", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def imported_page(source_id):
    return LegacyRecord.objects.get(source_id=source_id).page.specific


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path", "title", "live", "latest_revision_id")),
        "records": sorted(LegacyRecord.objects.values_list("kind", "source_id", "page_id", "checksum")),
        "documents": sorted(get_document_model().objects.values_list("pk", "file_hash")),
        "redirects": sorted(Redirect.objects.values_list("old_path", "redirect_page_id", "is_permanent")),
        "hits": sorted(HitCount.objects.values_list("content_type_id", "object_pk", "hits")),
    }


def test_the_sample_lands_in_the_right_sections_and_bad_records_are_listed(sections, export):
    out, err = run_import(export)
    assert set(LegacyRecord.objects.values_list("source_id", flat=True)) == IMPORTED_IDS
    assert imported_page("3001").get_parent().pk == sections["tin-tuc"].pk
    assert imported_page("2001").get_parent().pk == sections["ke-hoach"].pk
    assert imported_page("4001").get_parent().pk == sections["video"].pk
    plan = imported_page("2001")
    assert plan.title.startswith("Kế hoạch triển khai Phong trào thi đua đặc biệt")
    assert plan.intro == "Triển khai Phong trào thi đua đặc biệt trong toàn ngành Nội vụ tỉnh Kon Tum."
    assert plan.live
    assert plan.slug.startswith("ke-hoach-trien-khai-phong-trao-thi-dua-dac-biet")  # đ → d, no diacritics
    local = datetime.timezone(datetime.timedelta(hours=7))
    assert plan.first_published_at == datetime.datetime(2021, 11, 11, 7, 53, tzinfo=local)

    report = out.split("Các bản ghi bị bỏ qua (4):")[1]
    assert "dòng 5, có thể là mã 3004: JSON hỏng" in report
    assert "article 3005 (dòng 10): thiếu tiêu đề" in report
    assert "article 3006 (dòng 11): ngày không hợp lệ: “31/02/2022”" in report
    assert "event 5001 (dòng 12): không có cấu hình nhập cho loại “event”" in report
    assert "tạo mới 8, cập nhật 0, không đổi 0, bỏ qua 4" in out
    assert "plan 2002: thiếu tệp đính kèm: files/bang-phan-cong-da-mat.pdf" in out
    assert "12/12" in err and "100%" in err
    found = StandardPage.objects.search("tập huấn văn thư")
    assert imported_page("3002").pk in [p.pk for p in found]  # indexed for the site search


def test_invalid_html_is_cleaned_and_what_was_dropped_is_reported(sections, export):
    out, _err = run_import(export)
    html = str(imported_page("3002").body[0].value.source)
    for gone in ("<script", "quảng cáo", "<font", "style=", "<img", "javascript", "onclick", "<table", "<span", ".x{"):
        assert gone not in html, gone
    for kept in (
        "Ngày 20/5/2022",
        "150 học viên",
        "Soạn thảo văn bản theo Nghị định 30/2020/NĐ-CP",
        "Thời gian 02 ngày",
    ):
        assert kept in html, kept
    assert '<a href="https://kontum.gov.vn">Cổng thông tin tỉnh</a>' in html
    assert "<b>Chưa đóng thẻ</b>" in html
    note = next(line for line in out.splitlines() if line.strip().startswith("article 3002: HTML đã làm sạch"))
    for reported in (
        "<script> (bỏ cả nội dung) ×1",
        "<font> (giữ chữ) ×1",
        "thuộc tính style ×1",
        "ảnh <img>",
        "liên kết không an toàn (javascript) ×1",
    ):
        assert reported in note, reported
    assert "HTML đã làm sạch" not in "".join(line for line in out.splitlines() if "3001:" in line)


def test_attachments_become_documents_once_and_views_reach_the_statistics(sections, export):
    run_import(export)
    documents = get_document_model().objects.all()
    assert sorted(documents.values_list("title", flat=True)) == [
        "Kế hoạch số 45/KH-SNV",
        "Phụ lục Kế hoạch cải cách hành chính",
        "chi-tieu-tuyen-dung-2022",  # no title in the export: the file name
    ]
    assert all(d.collection.name == "Tài liệu từ trang cũ" for d in documents)
    plan = imported_page("2001")
    blocks = [(b.block_type, b.value) for b in plan.body]
    assert blocks[-1][0] == "document" and blocks[-1][1]["document"].title == "Kế hoạch số 45/KH-SNV"
    document = blocks[-1][1]["document"]
    assert plan.pk in {int(r.object_id) for r in ReferenceIndex.get_references_to(document)}  # "Usage" in the admin

    ct = ContentType.objects.get_for_model(StandardPage)
    assert HitCount.objects.get(content_type=ct, object_pk=plan.pk).hits == 2876
    assert HitCount.objects.get(content_type=ct, object_pk=imported_page("3002").pk).hits == 2045  # "2.045"


def test_importing_twice_gives_the_same_pages(sections, export):
    run_import(export)
    first = snapshot()
    out, _err = run_import(export)
    assert snapshot() == first
    assert "tạo mới 0, cập nhật 0, không đổi 8, bỏ qua 4" in out
    assert "plan 2002: vẫn thiếu tệp đính kèm: files/bang-phan-cong-da-mat.pdf" in out


def test_a_changed_record_updates_its_page_and_keeps_views_counted_since(sections, export):
    run_import(export)
    plan = imported_page("2001")
    ct = ContentType.objects.get_for_model(StandardPage)
    counter = HitCount.objects.get(content_type=ct, object_pk=plan.pk)
    counter.increase()  # 1 view on the new site since the import
    text = (
        export.read_text(encoding="utf-8")
        .replace('"views": 2876', '"views": 3000')
        .replace("Kế hoạch triển khai Phong trào", "Kế hoạch (sửa đổi) triển khai Phong trào")
    )
    export.write_text(text, encoding="utf-8")
    out, _err = run_import(export)
    assert "tạo mới 0, cập nhật 1, không đổi 7" in out
    updated = imported_page("2001")
    assert updated.pk == plan.pk and updated.title.startswith("Kế hoạch (sửa đổi)")
    assert Page.objects.filter(title__startswith="Kế hoạch (sửa đổi)").count() == 1
    counter.refresh_from_db()
    assert counter.hits == 3001


def test_old_urls_redirect_permanently_to_the_new_pages(sections, export, client):
    run_import(export)
    plan = imported_page("2001")
    response = client.get("/pages/detail/2001/ke-hoach-trien-khai-phong-trao-thi-dua-dac-biet.html")
    assert response.status_code == 301
    assert response["Location"].endswith(plan.url)
    assert client.get(response["Location"]).status_code == 200
    # An absolute URL in the export redirects by its path.
    response = client.get("/pages/detail/3007/kon-tum-tuyen-duong-dien-hinh-tien-tien.html")
    assert response.status_code == 301 and response["Location"].endswith(imported_page("3007").url)
    assert client.get("/pages/detail/9999/khong-co.html").status_code == 404


def test_a_missing_attachment_is_imported_when_it_appears(sections, export):
    run_import(export)
    assert LegacyRecord.objects.get(source_id="2002").missing_attachments == 1
    shutil.copy(
        export.parent / "files" / "ke-hoach-45-kh-snv.pdf", export.parent / "files" / "bang-phan-cong-da-mat.pdf"
    )
    out, _err = run_import(export)
    assert "thiếu tệp" not in out
    record = LegacyRecord.objects.get(source_id="2002")
    assert record.missing_attachments == 0
    titles = [b.value["title"] for b in record.page.specific.body if b.block_type == "document"]
    assert titles == ["Phụ lục Kế hoạch cải cách hành chính", "Bảng phân công nhiệm vụ"]


def test_an_interrupted_import_resumes_without_duplicates(sections, export):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo, stopped_at(3):
        call_command("import_legacy", str(export), stdout=out, stderr=err)
    assert excinfo.value.returncode == 130
    assert "Chạy lại cùng lệnh để tiếp tục" in out.getvalue()
    assert LegacyRecord.objects.count() == 2  # the third record was rolled back

    out, _err = run_import(export)
    assert "tạo mới 6, cập nhật 0, không đổi 2" in out
    assert LegacyRecord.objects.count() == len(IMPORTED_IDS)
    assert StandardPage.objects.filter(title="Hội nghị triển khai nhiệm vụ công tác nội vụ năm 2022").count() == 1


def test_csv_exports_work_too_and_a_file_attached_twice_is_one_document(sections, export):
    run_import(export)
    out, _err = run_import(SAMPLE / "export.csv")
    assert "tạo mới 2" in out
    plan = imported_page("2101")
    assert plan.get_parent().pk == sections["ke-hoach"].pk
    assert [b.block_type for b in plan.body] == ["paragraph", "document"]
    shared = {
        b.value["document"].pk for s in ("2002", "2101") for b in imported_page(s).body if b.block_type == "document"
    }
    assert len(shared) == 1  # the same file attached to two plans is one document


def test_records_for_missing_page_types_are_skipped_with_the_reason(sections, export, declare):
    mapping = dict(STANDARD_MAPPING, video={"model": "khongco.VideoPage", "parent": "/video/"})
    declare(legacy_import=mapping)
    out, _err = run_import(export)
    assert "video 4001 (dòng 8): chưa có kiểu trang “khongco.VideoPage” cho loại “video”" in out
    assert "tạo mới 6" in out


def test_unsafe_attachment_paths_are_refused(sections, tmp_path):
    (tmp_path / "secret.txt").write_text("bí mật")
    export = tmp_path / "sub" / "export.jsonl"
    export.parent.mkdir()
    export.write_text(
        '{"type": "article", "id": 1, "title": "Bài thử", "body": "<p>Nội dung</p>", "attachments": ["../secret.txt"]}\n'
    )
    out, _err = run_import(export)
    assert "bỏ tệp đính kèm có đường dẫn không hợp lệ: ../secret.txt" in out
    assert not get_document_model().objects.exists()


def test_unknown_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run_import("/khong/co/tep.jsonl")


def test_progress_bar_shows_counts_and_time_left_without_a_terminal():
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(100, stream, interval=0, clock=lambda: now[0])
    now[0] = 10.0
    progress.update(50, mới=50)
    now[0] = 20.0
    progress.update(100, mới=100)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[0].startswith("[###############---------------]  50% 50/100 · mới 50")
    assert "5,0 bản ghi/giây · còn lại 00:10" in lines[0]
    assert lines[-1].endswith("xong sau 00:20")


def test_cleaner_keeps_allowed_markup_only():
    html, report = clean_html("<h4>Mục</h4><p><strong>A</strong> <u>B</u></p>", ["h2", "bold"])
    assert "<h4" not in html and "<b>A</b>" in html and "<u>" not in html
    assert report["thẻ <h4> (giữ chữ)"] == 1 and report["thẻ <u> (giữ chữ)"] == 1


def test_the_admin_lists_imported_records_read_only(sections, export, admin_client):
    run_import(export)
    response = admin_client.get("/admin/legacy_records/?q=2001")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kế hoạch triển khai Phong trào thi đua đặc biệt" in html
    assert "/pages/detail/2001/" in html
    assert "/admin/legacy_records/new/" not in html
    record = LegacyRecord.objects.get(source_id="2001")
    assert admin_client.get(f"/admin/legacy_records/edit/{record.pk}/").status_code in (302, 403, 404)
    assert admin_client.get(f"/admin/legacy_records/inspect/{record.pk}/").status_code == 200
