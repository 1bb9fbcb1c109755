"""Thủ tục hành chính: the public list (filters, folded search, pages), the CSV/XLSX
import with bad rows (command and admin upload), the demo."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, StandardPage
from procedures.demo import ensure_section
from procedures.demo import load as load_demo
from procedures.importing import import_file
from procedures.models import Procedure, ProcedureField, ProcedureIndexPage

HEADER = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Mức độ,Cơ quan thực hiện,Đường dẫn Cổng DVC tỉnh,Đường dẫn Cổng DVC quốc gia"
GOOD = [
    '1.005384,Thủ tục thi tuyển công chức,"Công chức, viên chức",Một phần,Sở Nội vụ tỉnh Kon Tum,'
    "https://dichvucong.kontum.gov.vn/tthc?ma=1.005384,https://dichvucong.gov.vn/p/home/tthc?ma_thu_tuc=1.005384",
    '1.000775,Thủ tục tặng Bằng khen của Chủ tịch UBND tỉnh,"Thi đua, khen thưởng",Toàn trình,,,',
    "1.001055,Thủ tục đăng ký hoạt động tín ngưỡng,Tôn giáo,Mức độ 2,,,",
]
BAD = [
    ",Thủ tục không có mã,Tôn giáo,Một phần,,,",  # row 5
    "1.5384,Mã sai dạng,Tôn giáo,Một phần,,,",  # row 6
    "1.001078,,Tôn giáo,Một phần,,,",  # row 7
    "1.001090,Thủ tục không có lĩnh vực,,Một phần,,,",  # row 8
    "1.001091,Mức độ lạ,Tôn giáo,Mức 9,,,",  # row 9
    "1.001092,Đường dẫn sai,Tôn giáo,Một phần,,https://example.com/tthc,",  # row 10
    '1.005384,Trùng mã,"Công chức, viên chức",Một phần,,,',  # row 11
]


def csv_bytes(lines):
    return ("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")


@pytest.fixture
def index(home):
    return ensure_section(home, io.StringIO())


@pytest.fixture
def demo(home):
    load_demo(home, io.StringIO())
    return ProcedureIndexPage.objects.get()


def names(html):
    return re.findall(r'<th scope="row" data-label="Tên thủ tục">([^<]+)</th>', html)


class PageTypeRules(WagtailPageTestCase):
    def test_the_list_sits_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ProcedureIndexPage)
        self.assertCanNotCreateAt(StandardPage, ProcedureIndexPage)
        self.assertAllowedSubpageTypes(ProcedureIndexPage, set())


# --- the public list ----------------------------------------------------------------------


def test_the_list_with_codes_levels_and_links_out(client, demo):
    html = client.get(demo.url).content.decode()
    assert "12 thủ tục" in html
    assert len(names(html)) == 12
    row = html.split('<td data-label="Mã thủ tục" class="procedures-table__code">1.005384</td>')[1].split("</tr>")[0]
    assert "Thủ tục thi tuyển công chức" in row and "Công chức, viên chức" in row and "Một phần" in row
    assert (
        '<a href="https://dichvucong.kontum.gov.vn/thu-tuc-hanh-chinh?ma=1.005384" rel="external noopener">'
        'Cổng DVC tỉnh<span class="visually-hidden"> (thủ tục 1.005384, trang ngoài)</span></a>'
    ) in row
    assert "dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.005384" in row
    for label in ("-- Tất cả lĩnh vực --", "Toàn trình", "Cung cấp thông tin", "Mã thủ tục", "Cơ quan thực hiện"):
        assert label in html


def test_filter_by_field_and_level(client, demo):
    html = client.get(demo.url, {"linh-vuc": "ton-giao"}).content.decode()
    assert "3 thủ tục" in html and all("tín ngưỡng" in n or "tôn giáo" in n or "giảng đạo" in n for n in names(html))
    assert '<option value="ton-giao" selected>Tôn giáo</option>' in html
    html = client.get(demo.url, {"linh-vuc": "thi-dua-khen-thuong", "muc-do": "toan-trinh"}).content.decode()
    assert len(names(html)) == 2 and "2 thủ tục" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("thi tuyen cong chuc", ["Thủ tục thi tuyển công chức"]),
        ("THI TUYỂN CÔNG CHỨC", ["Thủ tục thi tuyển công chức"]),
        ("1.005384", ["Thủ tục thi tuyển công chức"]),
        ("tín  ngưỡng", ["Thủ tục đăng ký hoạt động tín ngưỡng"]),
        ("khong co thu tuc nay", []),
        ("%_'\"<b>", []),
    ],
)
def test_folded_search(client, demo, query, expected):
    response = client.get(demo.url, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert names(html) == expected
    if not expected:
        assert "Không tìm thấy thủ tục nào phù hợp." in html


def test_bad_filters_and_pages_never_fail(client, demo):
    response = client.get(demo.url, {"linh-vuc": "khong-co", "muc-do": "muc-9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Lĩnh vực hoặc mức độ đã chọn không có; danh sách dưới đây bỏ qua điều kiện đó." in html
    assert len(names(html)) == 12
    for page in ("abc", "999", "-1", "²"):
        assert client.get(demo.url, {"page": page}).status_code == 200


def test_pages_of_twenty_keep_the_filters(client, index):
    field = ProcedureField.objects.create(name="Công chức, viên chức", slug="cong-chuc-vien-chuc")
    for n in range(45):
        Procedure.objects.create(code=f"1.{100000 + n}", name=f"Thủ tục số {n}", field=field)
    html = client.get(index.url, {"linh-vuc": "cong-chuc-vien-chuc", "page": "3"}).content.decode()
    assert len(names(html)) == 5 and "Trang 3/3" in html
    assert 'href="?linh-vuc=cong-chuc-vien-chuc&amp;page=2" rel="prev"' in html
    assert '<td data-label="STT">41</td>' in html


def test_query_count_does_not_grow_with_procedures(client, demo, django_assert_max_num_queries, registry_blocks_kept):
    client.get(demo.url)
    with django_assert_max_num_queries(25) as few:
        client.get(demo.url, {"q": "thu tuc"})
    field = ProcedureField.objects.first()
    for n in range(60):
        Procedure.objects.create(code=f"2.{200000 + n}", name=f"Thủ tục thêm {n}", field=field)
    client.get(demo.url)  # the first view after a change re-reads the publication generation
    with django_assert_max_num_queries(25) as many:
        html = client.get(demo.url, {"q": "thu tuc"}).content.decode()
    assert len(names(html)) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_inactive_procedures_are_not_listed(client, demo):
    Procedure.objects.filter(code="1.005384").update(active=False)
    assert "Thủ tục thi tuyển công chức" not in client.get(demo.url).content.decode()


def test_english_labels():
    from django.utils import translation

    with translation.override("en"):
        from django.utils.translation import gettext

        assert gettext("Mã thủ tục") == "Procedure code"
        assert gettext("-- Tất cả lĩnh vực --") == "-- All fields --"
        assert gettext("Cổng DVC quốc gia") == "National public-service portal"


# --- importing -----------------------------------------------------------------------------


def test_csv_import_reports_bad_rows_in_vietnamese_and_imports_the_rest(db):
    report = import_file(csv_bytes(GOOD + BAD), "danh-sach.csv")
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.lines() == [
        "Thêm mới 3, cập nhật 0, không đổi 0 thủ tục; 7 dòng lỗi.",
        "Dòng 5: thiếu mã thủ tục.",
        "Dòng 6: mã thủ tục “1.5384” không đúng dạng (ví dụ: 1.005384).",
        "Dòng 7: thủ tục 1.001078 thiếu tên thủ tục.",
        "Dòng 8: thủ tục 1.001090 thiếu lĩnh vực.",
        "Dòng 9: mức độ “Mức 9” của thủ tục 1.001091 không rõ (dùng: Toàn trình, Một phần, Cung cấp thông tin).",
        "Dòng 10: thủ tục 1.001092: Đường dẫn Cổng Dịch vụ công tỉnh phải là địa chỉ trên dichvucong.kontum.gov.vn.",
        "Dòng 11: mã thủ tục 1.005384 đã có ở dòng 2; bỏ qua dòng này.",
    ]
    first = Procedure.objects.get(code="1.005384")
    assert first.field.name == "Công chức, viên chức" and first.level == "mot-phan"
    assert first.national_url.endswith("ma_thu_tuc=1.005384")
    assert Procedure.objects.get(code="1.001055").level == "thong-tin"
    assert Procedure.objects.get(code="1.000775").level == "toan-trinh"
    assert ProcedureField.objects.count() == 3

    # The same file again changes nothing; a changed name is an update.
    again = import_file(csv_bytes(GOOD + BAD), "danh-sach.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [GOOD[0].replace("Thủ tục thi tuyển công chức", "Thủ tục thi tuyển công chức (sửa đổi)"), *GOOD[1:]]
    third = import_file(csv_bytes(changed), "danh-sach.csv")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Procedure.objects.count() == 3


def test_xlsx_export_with_a_title_row_and_semicolon_csv(db):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ NỘI VỤ"])
    sheet.append([])
    sheet.append(["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Mức độ DVC"])
    sheet.append([1, "1.005388", "Thủ tục thi tuyển viên chức", "Công chức, viên chức", "DVC trực tuyến một phần"])
    sheet.append([2, "2.000346", "Thủ tục tặng Bằng khen theo chuyên đề", "Thi đua, khen thưởng", "Toàn trình"])
    sheet.append([3, 1.5, "Mã là số", "Tôn giáo", "Một phần"])
    data = io.BytesIO()
    book.save(data)
    report = import_file(data.getvalue(), "export.xlsx")
    assert (report.created, len(report.errors)) == (2, 1)
    assert report.errors == [(6, "mã thủ tục “1.5” không đúng dạng (ví dụ: 1.005384).")]

    semicolon = "Mã thủ tục;Tên thủ tục;Lĩnh vực\n1.001109;Thủ tục đề nghị giảng đạo;Tôn giáo\n".encode()
    assert import_file(semicolon, "a.csv").created == 1


def test_unreadable_files_get_one_clear_message(db):
    assert (
        import_file(b"not a zip", "x.xlsx").fatal == "Không đọc được tệp Excel (XLSX): tệp hỏng hoặc không phải XLSX."
    )
    assert import_file("Mã;Tên\n".encode("utf-16"), "x.csv").fatal == "Tệp CSV phải được lưu với bảng mã UTF-8."
    assert import_file(b"a,b\n1,2\n", "x.csv").fatal.startswith("Không tìm thấy dòng tiêu đề có cột “Mã thủ tục”")
    assert import_file(b"x", "x.pdf").fatal == "Chỉ nhận tệp CSV hoặc Excel (XLSX) xuất từ Cổng Dịch vụ công."
    assert Procedure.objects.count() == 0


def test_the_command_imports_prints_errors_and_dry_runs(db, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes(GOOD + BAD[:2]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_procedures", str(path), "--dry-run", stdout=out, stderr=err)
    assert "(Chạy thử, chưa lưu) Thêm mới 3" in out.getvalue() and Procedure.objects.count() == 0
    assert "Dòng 5: thiếu mã thủ tục." in err.getvalue()
    call_command("import_procedures", str(path), stdout=out, stderr=err)
    assert Procedure.objects.count() == 3
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_procedures", str(tmp_path / "khong-co.csv"))


def test_admin_upload(admin_client, index):
    url = reverse("procedures_import")
    page = admin_client.get(url).content.decode()
    assert "Nhập thủ tục hành chính từ tệp" in page
    listing = admin_client.get(reverse("wagtailsnippets_procedures_procedure:list")).content.decode()
    assert "Nhập từ tệp CSV/XLSX" in listing
    response = admin_client.post(url, {"file": SimpleUploadedFile("ds.csv", csv_bytes(GOOD + BAD[:1]))})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thêm mới 3, cập nhật 0, không đổi 0 thủ tục; 1 dòng lỗi." in html
    assert "Dòng 5: thiếu mã thủ tục." in html
    assert Procedure.objects.count() == 3
    wrong = admin_client.post(url, {"file": SimpleUploadedFile("ds.pdf", b"%PDF-1.4")})
    assert "Chỉ nhận tệp CSV hoặc Excel (XLSX)" in wrong.content.decode()


def test_admin_edit_refuses_a_link_to_another_site(admin_client, demo):
    procedure = Procedure.objects.get(code="1.005384")
    url = reverse("wagtailsnippets_procedures_procedure:edit", args=[procedure.pk])
    data = {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field_id,
        "level": "toan-trinh",
        "agency": procedure.agency,
        "provincial_url": "https://example.com/x",
        "national_url": "",
        "active": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "phải là địa chỉ trên dichvucong.kontum.gov.vn" in response.content.decode()
    data["provincial_url"] = "https://dichvucong.kontum.gov.vn/tthc/1"
    assert admin_client.post(url, data).status_code == 302
    assert Procedure.objects.get(pk=procedure.pk).level == "toan-trinh"


def test_demo_is_idempotent(demo, home):
    load_demo(home, io.StringIO())
    assert Procedure.objects.count() == 12
    assert sorted(ProcedureField.objects.values_list("slug", flat=True)) == [
        "cong-chuc-vien-chuc",
        "thi-dua-khen-thuong",
        "ton-giao",
    ]
