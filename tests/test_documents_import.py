"""Bulk import of a register from a spreadsheet and a folder or ZIP of files."""

import io
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from documents.models import DocumentPage, FileText
from tests.documents_factories import make_register

pytestmark = pytest.mark.django_db

HEADER = ["Số ký hiệu", "Loại văn bản", "Ngày ban hành", "Ngày có hiệu lực", "Trích yếu", "Người ký", "Lĩnh vực", "Tệp"]
ROWS = [
    [
        "12/QĐ-SNV",
        "Quyết định",
        "05/03/2024",
        "",
        "Về việc ban hành quy chế tiếp công dân",
        "Nguyễn Văn Hùng",
        "Cải cách hành chính",
        "qd-12.pdf",
    ],
    ["30/TB-SNV", "TB", "2024-04-01", "01/04/2024", "Thông báo lịch tiếp công dân", "Trần Thị Mai", "", ""],
    ["13/QĐ-SNV", "Quyết định", "31/02/2024", "", "Ngày không có thật", "", "", ""],
    ["14/TT-SNV", "Thông tư lạ", "05/03/2024", "", "Loại không có", "", "", ""],
    ["12/QĐ-SNV", "Quyết định", "06/03/2024", "", "Số trùng", "", "", ""],
    ["15/QĐ-SNV", "Quyết định", "07/03/2024", "", "Thiếu tệp", "", "", "khong-co.pdf"],
]


def _pdf():
    from documents import pdf

    return pdf.render(
        agency_lines=["SỞ NỘI VỤ"],
        number="Số: 12/QĐ-SNV",
        place_date="Kon Tum, ngày 5 tháng 3 năm 2024",
        heading="QUYẾT ĐỊNH",
        subject="Về việc ban hành quy chế tiếp công dân",
        paragraphs=["Điều 1. Lịch tiếp công dân vào sáng thứ năm hằng tuần tại trụ sở Sở."],
    )


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def sample_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "so-van-ban.xlsx"
    workbook.save(path)
    archive = tmp_path / "tep.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("qd-12.pdf", _pdf())
        z.writestr("../thoat-ra.pdf", b"x")
    return path, archive


def test_dry_run_lists_every_bad_row_and_imports_nothing(home, sample_xlsx):
    make_register(home)
    path, archive = sample_xlsx
    out, err = _run(str(path), "--files", str(archive), "--dry-run")
    assert DocumentPage.objects.count() == 0
    assert "2 bản ghi hợp lệ, 4 bản ghi có lỗi" in out
    assert "dòng 4" in out and "không phải một ngày có thật" in out
    assert "dòng 5" in out and "Thông tư lạ" in out and "không có trong danh sách" in out
    assert "dòng 6" in out and "trùng với dòng 2" in out
    assert "dòng 7" in out and "không tìm thấy tệp “khong-co.pdf”" in out
    assert "6/6" in err  # the progress bar reached the end


def test_real_run_imports_good_rows_and_a_second_run_changes_nothing(client, home, sample_xlsx):
    register = make_register(home)
    path, archive = sample_xlsx
    out, _err = _run(str(path), "--files", str(archive), "--quiet")
    assert "tạo mới 2" in out and "bỏ qua 4" in out, out
    decision = DocumentPage.objects.get(document_number="12/QĐ-SNV")
    assert decision.live and decision.document_type == "QĐ" and decision.signer_name == "Nguyễn Văn Hùng"
    assert [t.name for t in decision.topics.all()] == ["Cải cách hành chính"]
    attachment = decision.attachments.get()
    assert FileText.objects.get(document=attachment.document).state == FileText.State.OK
    notice = DocumentPage.objects.get(document_number="30/TB-SNV")
    assert str(notice.effective_date) == "2024-04-01"
    html = client.get(register.url, {"q": "sáng thứ năm hằng tuần"}).content.decode()
    assert "12/QĐ-SNV" in html
    again, _err = _run(str(path), "--files", str(archive), "--quiet")
    assert "tạo mới 0" in again and "cập nhật 0" in again and "không đổi 2" in again
    assert DocumentPage.objects.count() == 2


def test_csv_with_files_in_a_folder(home, tmp_path):
    make_register(home)
    (tmp_path / "qd-12.pdf").write_bytes(_pdf())
    lines = [",".join(HEADER)] + [",".join(ROWS[0]), ",".join(ROWS[1])]
    (tmp_path / "so.csv").write_text("\n".join(lines), encoding="utf-8")
    out, _err = _run(str(tmp_path / "so.csv"), "--quiet")
    assert "tạo mới 2" in out
