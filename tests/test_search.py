"""Public search over every page type: diacritics, ranking, filters, index upkeep."""

import datetime
import io
import unicodedata

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from portal.models import StandardPage
from portal.search import indexing
from portal.search.models import SearchEntry
from portal.search.text import document_numbers, fold, parse_query
from tests.search_helpers import any_backend, frame_queries, publish, result_titles, result_urls, search  # noqa: F401

PLAN_TITLE = "Kế hoạch triển khai Phong trào thi đua đặc biệt năm 2021"


@pytest.fixture
def pages(home):
    section = publish(home, "Thi đua - Khen thưởng", intro="Chuyên mục thi đua, khen thưởng.")
    return {
        "section": section,
        "plan": publish(
            section, PLAN_TITLE, intro="Sở Nội vụ ban hành kế hoạch.", body="Về nội dung thi đua: hoàn thành nhiệm vụ."
        ),
        "project": publish(section, "Đề án đổi mới công tác thi đua", body="Đổi mới hình thức khen thưởng."),
        "result": publish(home, "Kết quả hoạt động của Sở", body="Tổng kết công tác năm."),
        "contact": publish(home, "Liên hệ", body="Địa chỉ: 90 Trần Phú, thành phố Kon Tum."),
    }


# --- Text folding -----------------------------------------------------------------------


def test_folding_removes_marks_and_d_bar_whatever_the_normal_form():
    composed = "Kế hoạch thi đua Đề án"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "ke hoach thi dua de an"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch số 57/KH-SNV ngày 11/11/2021", ["57 kh snv"]),
        ("theo Nghị định 42/2022/NĐ-CP và 30/2020/NĐ-CP", ["42 2022 nd cp", "30 2020 nd cp"]),
        ("Luật 06/2022/QH15; công văn 4836/SNV-TCBC", ["06 2022 qh15", "4836 snv tcbc"]),
        ("ngày 30/9/2021, lúc 07:53, tăng 5/7 so với", []),
    ],
)
def test_document_numbers_are_recognised_and_dates_are_not(text, expected):
    assert document_numbers(text) == expected


@pytest.mark.parametrize("typed", ["57/KH-SNV", "57/kh-snv", "57 KH SNV", "số 57/KH–SNV"])
def test_every_way_of_typing_a_document_number_reads_the_same(typed):
    assert parse_query(typed).document_number == "57 kh snv"


def test_long_queries_are_cut_to_a_few_words():
    query = parse_query("kế hoạch " * 5000)
    assert query.cut and len(query.text) <= 200 and query.words == ["ke", "hoach"]
    many = parse_query(" ".join(f"tu{i}" for i in range(50)))
    assert many.cut and len(many.words) == 10


# --- Finding pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["ke hoach thi dua", "Kế hoạch thi đua", unicodedata.normalize("NFD", "Kế hoạch thi đua"), "KẾ HOẠCH THI ĐUA"],
)
@pytest.mark.usefixtures("any_backend")
def test_with_or_without_diacritics_or_decomposed_the_plan_comes_first(client, pages, typed):
    titles = result_titles(search(client, typed))
    assert titles[0] == PLAN_TITLE
    # "ke hoach" must not match "Kết quả hoạt động": words are matched whole.
    assert "Kết quả hoạt động của Sở" not in titles


def test_the_same_query_typed_three_ways_gives_the_same_results(client, pages):
    results = {
        typed: result_titles(search(client, typed))
        for typed in ("thi dua", "thi đua", unicodedata.normalize("NFD", "thi đua"))
    }
    assert len(set(map(tuple, results.values()))) == 1
    assert set(results["thi dua"]) >= {PLAN_TITLE, "Đề án đổi mới công tác thi đua", "Thi đua - Khen thưởng"}


@pytest.mark.parametrize("typed", ["de an doi moi", "đề án đổi mới", "ĐỀ ÁN", "dổi mới"])
@pytest.mark.usefixtures("any_backend")
def test_d_and_d_bar_match(client, pages, typed):
    assert result_titles(search(client, typed))[0] == "Đề án đổi mới công tác thi đua"


def test_all_words_must_be_found(client, pages):
    assert result_titles(search(client, "thi đua Trần Phú")) == []
    assert result_titles(search(client, "Trần Phú")) == ["Liên hệ"]


@pytest.mark.usefixtures("any_backend")
def test_title_matches_rank_above_text_matches(client, pages):
    publish(pages["section"], "Thông báo lịch làm việc", body="Họp bàn về kế hoạch thi đua năm sau.")
    titles = result_titles(search(client, "kế hoạch thi đua"))
    assert titles[0] == PLAN_TITLE
    assert titles[-1] == "Thông báo lịch làm việc"


@pytest.mark.usefixtures("any_backend")
def test_own_document_number_ranks_first(client, pages):
    # A page whose field is exactly a document number owns it; mentions of it rank lower.
    owner = publish(pages["section"], "Kế hoạch tổ chức hội nghị", intro="57/KH-SNV")
    publish(pages["section"], "Triển khai Kế hoạch 57/KH-SNV", body="Thực hiện Kế hoạch số 57/KH-SNV của Sở.")
    for typed in ("57/KH-SNV", "57/kh-snv", "57 KH SNV"):
        titles = result_titles(search(client, typed))
        assert titles[:2] == [owner.title, "Triển khai Kế hoạch 57/KH-SNV"], typed


def test_results_show_type_date_and_highlighted_snippet(client, pages):
    when = timezone.make_aware(datetime.datetime(2021, 11, 11, 7, 53))
    Page.objects.filter(pk=pages["plan"].pk).update(first_published_at=when)
    indexing.index_page(Page.objects.get(pk=pages["plan"].pk))
    html = search(client, "noi dung").content.decode()
    assert PLAN_TITLE in html
    assert '<span class="search-result__type">Trang nội dung</span>' in html
    assert '<time datetime="2021-11-11T' in html and "11/11/2021" in html
    assert "Về <mark>nội</mark> <mark>dung</mark> thi đua" in html


def test_snippet_words_are_highlighted_whatever_was_typed(client, pages):
    html = search(client, "doi moi hinh thuc").content.decode()
    assert "<mark>Đổi</mark> <mark>mới</mark> <mark>hình</mark> <mark>thức</mark> khen thưởng" in html
    # Titles stay plain text (exactly as published), so they read and copy cleanly.
    assert ">Đề án đổi mới công tác thi đua</a>" in html


def test_pagination_keeps_the_query_and_filters(client, home):
    for i in range(13):
        publish(home, f"Thông báo tuyển dụng số {i + 1}")
    first = search(client, "tuyen dung", order="newest")
    assert len(result_titles(first)) == 10
    html = first.content.decode()
    assert "Tìm thấy 13 kết quả" in html
    assert 'href="?q=tuyen+dung&amp;order=newest&amp;page=2"' in html
    second = search(client, "tuyen dung", order="newest", page="2")
    assert len(result_titles(second)) == 3
    assert set(result_titles(first)).isdisjoint(result_titles(second))


def test_newest_first_order(client, home):
    old = publish(home, "Hội nghị cán bộ năm 2019")
    new = publish(home, "Hội nghị cán bộ công chức năm 2024")
    for page, year in ((old, 2019), (new, 2024)):
        Page.objects.filter(pk=page.pk).update(first_published_at=timezone.make_aware(datetime.datetime(year, 1, 5)))
        indexing.index_page(Page.objects.get(pk=page.pk))
    # By relevance the shorter, exact title could come either way; newest-first is by date.
    assert result_titles(search(client, "hoi nghi can bo", order="newest")) == [new.title, old.title]
    assert result_titles(search(client, "hoi nghi can bo", order="oldest-or-nonsense"))  # falls back, no error


def test_filter_by_year_and_type(client, home):
    a = publish(home, "Báo cáo tổng kết 2022")
    b = publish(home, "Báo cáo sơ kết 2023")
    for page, year in ((a, 2022), (b, 2023)):
        Page.objects.filter(pk=page.pk).update(first_published_at=timezone.make_aware(datetime.datetime(year, 6, 1)))
        indexing.index_page(Page.objects.get(pk=page.pk))
    home.title = "Trang chủ báo cáo"
    home.save_revision().publish()

    everything = search(client, "bao cao")
    assert set(result_titles(everything)) == {a.title, b.title, "Trang chủ báo cáo"}
    html = everything.content.decode()
    assert '<option value="2023">2023 (1)</option>' in html
    assert '<option value="portal.standardpage">Trang nội dung (2)</option>' in html
    assert '<option value="portal.homepage">Trang chủ (1)</option>' in html

    assert result_titles(search(client, "bao cao", year="2022")) == [a.title]
    by_type = search(client, "bao cao", type="portal.standardpage")
    assert set(result_titles(by_type)) == {a.title, b.title}
    assert 'value="portal.standardpage" selected' in by_type.content.decode()
    assert result_titles(search(client, "bao cao", type="portal.standardpage", year="2023")) == [b.title]


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"type": "news.nothing"}, "Loại nội dung cần lọc không có trên cổng"),
        ({"type": "x" * 5000}, "Loại nội dung cần lọc không có trên cổng"),
        ({"year": "hai nghìn"}, "Năm cần lọc không hợp lệ"),
        ({"year": "99999999999999999999"}, "Năm cần lọc không hợp lệ"),
        ({"year": "-1"}, "Năm cần lọc không hợp lệ"),
    ],
)
def test_bad_filters_are_ignored_with_a_message(client, pages, params, notice):
    response = search(client, "thi dua", **params)
    assert notice in response.content.decode()
    assert PLAN_TITLE in result_titles(response)


# --- Hostile and odd queries -------------------------------------------------------------

HOSTILE = [
    "",
    "   ",
    "a" * 10_000,
    "kế hoạch " * 1_250,
    "!!! ??? ... ---",
    "%",
    "_",
    "\\",
    "%_%\\%",
    "' OR 1=1 --",
    '"; DROP TABLE portal_search_searchentry; --',
    "<script>alert('xss')</script>",
    "\x00",
    "ke\x00hoach",
    "thi:* & ! | (dua)",
    "\ufffd\ufffd",
    "ke hoach\r\n<b>thi</b>",
]

CLEAR_ANSWERS = ("Nhập từ khóa để tìm", "Từ khóa không có chữ hoặc số", "Không tìm thấy kết quả nào", "Tìm thấy ")


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_queries_get_a_clear_page(client, pages, typed):
    response = search(client, typed)
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert any(answer in html for answer in CLEAR_ANSWERS)
    assert "<script>alert" not in html and "<b>thi</b>" not in html
    if "DROP" in typed:
        assert 'value="&quot;; DROP TABLE' in html
    assert SearchEntry.objects.count() == 6  # nothing was dropped or deleted


def test_script_in_the_query_is_escaped_everywhere(client, pages):
    publish(home_of(pages), "Hướng dẫn phòng chống mã độc", body="Không chạy mã script lạ.")
    html = search(client, "<script>").content.decode()
    assert "<script>" not in html
    assert "Kết quả tìm kiếm “&lt;script&gt;”" in html  # the title
    assert 'value="&lt;script&gt;"' in html  # both search boxes
    assert "Không chạy mã <mark>script</mark> lạ." in html
    html = search(client, "<script>alert('x')</script>").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def home_of(pages):
    return pages["section"].get_parent()


@pytest.mark.parametrize("typed", ["%", "_", "\\", "%%", "__", "!!!"])
@pytest.mark.usefixtures("any_backend")
def test_wildcards_and_punctuation_alone_match_nothing(client, pages, typed):
    response = search(client, typed)
    assert result_titles(response) == []
    assert "Từ khóa không có chữ hoặc số nào để tìm" in response.content.decode()


@pytest.mark.usefixtures("any_backend")
def test_wildcards_inside_words_are_not_wildcards(client, pages):
    assert result_titles(search(client, "k_ ho%ch")) == []
    assert result_titles(search(client, "thi%dua")) == result_titles(search(client, "thi dua"))


def test_an_empty_query_invites_the_visitor_to_type(client, home):
    html = search(client, "").content.decode()
    assert "Nhập từ khóa để tìm" in html
    assert 'class="search-result' not in html


def test_a_very_long_query_says_it_was_cut(client, pages):
    response = search(client, "thi đua " * 2000)
    assert "Từ khóa quá dài" in response.content.decode()
    assert PLAN_TITLE in result_titles(response)


def test_no_results_is_said_plainly(client, pages):
    html = search(client, "xyzzy").content.decode()
    assert "Không tìm thấy kết quả nào cho “xyzzy”" in html


# --- The page itself ----------------------------------------------------------------------


def test_results_are_noindex_and_the_box_is_labelled(client, pages):
    response = search(client, "thi dua")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<label for="search-page-q">Từ khóa</label>' in html and 'id="search-page-q"' in html
    assert '<label for="search-type">' in html and '<label for="search-year">' in html
    assert '<label for="site-search"' in html  # the header box too
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "csrfmiddlewaretoken" not in html


def test_search_answers_within_a_query_budget(client, pages, django_assert_max_num_queries):
    search(client, "thi dua")  # warm site and settings lookups
    frame = frame_queries(client)
    # The search itself: the locale, the ranked ids with types and years, the shown page.
    with django_assert_max_num_queries(frame + 3):
        response = search(client, "thi dua", type="portal.standardpage", order="newest")
    assert PLAN_TITLE in result_titles(response)


# --- Only live, public pages of the visitor's language --------------------------------------


def test_unpublished_pages_leave_the_results_and_come_back(client, pages):
    plan = pages["plan"]
    plan.unpublish()
    assert PLAN_TITLE not in result_titles(search(client, "ke hoach"))
    plan.save_revision().publish()
    assert PLAN_TITLE in result_titles(search(client, "ke hoach"))


def test_deleted_pages_leave_the_results(client, pages):
    pages["section"].delete()  # with its children
    assert result_titles(search(client, "thi dua")) == []
    assert not SearchEntry.objects.filter(title=PLAN_TITLE).exists()


def test_drafts_are_not_searchable_until_published(client, pages):
    plan = StandardPage.objects.get(pk=pages["plan"].pk)
    plan.title = "Kế hoạch bí mật chưa duyệt"
    plan.save_revision()
    assert result_titles(search(client, "bi mat")) == []
    assert PLAN_TITLE in result_titles(search(client, "ke hoach"))
    plan.get_latest_revision().publish()
    assert result_titles(search(client, "bi mat")) == ["Kế hoạch bí mật chưa duyệt"]
    assert PLAN_TITLE not in result_titles(search(client, "ke hoach"))


def test_never_published_drafts_are_not_indexed(client, home):
    draft = StandardPage(title="Bản nháp kế hoạch", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    assert result_titles(search(client, "ban nhap")) == []


def test_restricted_pages_are_hidden_and_moves_follow_restrictions(client, pages, home):
    private = publish(home, "Nội bộ")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    inside = publish(private, "Kế hoạch nội bộ về thi đua")
    assert "Kế hoạch nội bộ về thi đua" not in result_titles(search(client, "thi dua"))
    # Moving a public page into the restricted section hides it too.
    Page.objects.get(pk=pages["plan"].pk).move(private, pos="last-child")
    assert PLAN_TITLE not in result_titles(search(client, "thi dua"))
    # Lifting the restriction shows both.
    restriction.delete()
    titles = result_titles(search(client, "thi dua"))
    assert PLAN_TITLE in titles and inside.title in titles


def test_moved_pages_keep_working_links(client, pages, home):
    Page.objects.get(pk=pages["plan"].pk).move(home, pos="last-child")
    urls = result_urls(search(client, PLAN_TITLE))
    assert urls[0] == Page.objects.get(pk=pages["plan"].pk).url
    assert client.get(urls[0]).status_code == 200


def test_results_come_from_the_visitors_language_only(client, pages, home):
    english = Locale.objects.create(language_code="en")
    home_en = home.copy_for_translation(english)
    home_en.save_revision().publish()
    section_en = pages["section"].copy_for_translation(english)
    section_en.title = "Emulation and awards"
    section_en.save_revision().publish()
    plan_en = pages["plan"].copy_for_translation(english)
    plan_en.title = "Plan for the special emulation campaign"
    plan_en.save_revision().publish()

    assert PLAN_TITLE in result_titles(search(client, "ke hoach"))
    assert plan_en.title not in result_titles(search(client, "campaign"))
    english_titles = result_titles(search(client, "campaign", language="en"))
    assert english_titles == [plan_en.title]
    assert result_titles(search(client, "trien khai", language="en")) == []  # only in the Vietnamese title


def test_rebuild_command_recreates_the_index(client, pages):
    SearchEntry.objects.all().delete()
    assert result_titles(search(client, "thi dua")) == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert PLAN_TITLE in result_titles(search(client, "thi dua"))


def test_pages_created_live_in_code_are_indexed(client, home):
    home.add_child(instance=StandardPage(title="Trang tạo bằng mã nguồn", slug="tao-bang-ma"))
    assert result_titles(search(client, "tao bang ma nguon")) == ["Trang tạo bằng mã nguồn"]
