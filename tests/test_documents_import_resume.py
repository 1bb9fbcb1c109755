"""An import of a register stopped halfway (Ctrl+C, a closed terminal) resumes where it
stopped when run again: nothing twice, nothing lost."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import DocumentPage
from tests.documents_factories import make_register
from tests.import_helpers import stopped_at

pytestmark = pytest.mark.django_db

HEADER = "Số ký hiệu,Loại văn bản,Ngày ban hành,Trích yếu,Người ký"
ROWS = [
    "21/QĐ-SNV,Quyết định,05/03/2024,Về việc ban hành quy chế làm việc,Nguyễn Văn Hùng",
    "22/QĐ-SNV,Quyết định,06/03/2024,Về việc kiện toàn hội đồng thi đua,Nguyễn Văn Hùng",
    "31/TB-SNV,Thông báo,07/03/2024,Thông báo lịch tiếp công dân tháng 3,Trần Thị Mai",
]


def _run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", str(path), "--quiet", stdout=out, stderr=err)
    return out.getvalue()


def test_an_interrupted_import_resumes_without_duplicates(home, tmp_path):
    make_register(home)
    sheet = tmp_path / "so-van-ban.csv"
    sheet.write_text("\n".join([HEADER, *ROWS]), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as stopped, stopped_at(2):
        call_command("import_documents", str(sheet), "--quiet", stdout=out, stderr=io.StringIO())
    assert stopped.value.returncode == 130
    assert "Chạy lại cùng lệnh để tiếp tục" in out.getvalue()
    assert list(DocumentPage.objects.values_list("document_number", flat=True)) == ["21/QĐ-SNV"]

    again = _run(sheet)
    assert "tạo mới 2" in again and "không đổi 1" in again, again
    numbers = sorted(DocumentPage.objects.values_list("document_number", flat=True))
    assert numbers == ["21/QĐ-SNV", "22/QĐ-SNV", "31/TB-SNV"]
    assert all(page.live for page in DocumentPage.objects.all())
    assert "tạo mới 0" in _run(sheet)
