"""Search over the real page types: plans (document numbers), news, campaigns.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL (full-text search there). Skips
cleanly where the content apps do not define their page types yet.
"""

import datetime
import importlib
import unicodedata

import pytest
from django.utils import timezone
from wagtail.models import Page

from portal.search.models import SearchEntry
from tests.search_helpers import any_backend, frame_queries, publish, result_titles, search  # noqa: F401

campaigns_models = importlib.import_module("campaigns.models")
news_models = importlib.import_module("news.models")
PlanIndexPage = getattr(campaigns_models, "PlanIndexPage", None)
PlanPage = getattr(campaigns_models, "PlanPage", None)
NewsIndexPage = getattr(news_models, "NewsIndexPage", None)
NewsPage = getattr(news_models, "NewsPage", None)

pytestmark = pytest.mark.skipif(
    None in (PlanIndexPage, PlanPage, NewsIndexPage, NewsPage),
    reason="campaigns.PlanPage / news.NewsPage are not defined on this branch yet",
)

PLAN_57 = "Kế hoạch triển khai Phong trào thi đua đặc biệt phòng, chống dịch Covid-19"


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def add_plan(index, title, number, issued, *, summary="", text=""):
    return publish(
        index,
        title,
        model=PlanPage,
        document_number=number,
        issue_date=issued,
        issuing_body="Sở Nội vụ tỉnh Kon Tum",
        summary=summary or f"Trích yếu {title.lower()}.",
        body=[("paragraph", f"<p>{text}</p>")] if text else [],
    )


def add_news(index, title, *, sapo="", text="", when=None):
    return publish(
        index,
        title,
        model=NewsPage,
        sapo=sapo,
        body=[("paragraph", f"<p>{text}</p>")] if text else [],
        published_at=when or aware(2023, 5, 1, 8, 0),
    )


@pytest.fixture
def indexes(home):
    plans = publish(home, "Kế hoạch", model=PlanIndexPage)
    news = publish(home, "Tin tức - Sự kiện", model=NewsIndexPage)
    return plans, news


@pytest.fixture
def site(indexes):
    plans, news = indexes
    return {
        "plan57": add_plan(
            plans,
            PLAN_57,
            "57/KH-SNV",
            datetime.date(2021, 11, 11),
            summary="Triển khai Phong trào thi đua đặc biệt theo Kế hoạch số 3510/KH-UBND của UBND tỉnh.",
            text="Về nội dung thi đua: các cơ quan, đơn vị đẩy mạnh chuyển đổi số.",
        ),
        "plan58": add_plan(plans, "Kế hoạch cải cách hành chính năm 2022", "58/KH-SNV", datetime.date(2022, 2, 3)),
        "ubnd": add_plan(plans, "Kế hoạch thi đua của UBND tỉnh", "57/KH-UBND", datetime.date(2021, 9, 30)),
        "mention": add_news(
            news,
            "Sở Nội vụ triển khai Kế hoạch 57/KH-SNV",
            sapo="Ngày 11/11/2021, Sở ban hành Kế hoạch số 57/KH-SNV về Phong trào thi đua đặc biệt.",
            when=aware(2021, 11, 12, 9, 0),
        ),
        "news": add_news(
            news,
            "Hội nghị tổng kết công tác thi đua, khen thưởng",
            sapo="Đánh giá kết quả thực hiện kế hoạch thi đua năm 2023.",
            text="Đồng chí Giám đốc Sở chủ trì hội nghị.",
            when=aware(2023, 12, 20, 14, 0),
        ),
    }


def test_the_databases_own_full_text_search_is_used():
    from django.db import connection

    from portal.search import query

    expected = {"sqlite": "sqlite-fts5", "postgresql": "postgresql"}.get(connection.vendor, "like")
    assert query.backend() == expected


@pytest.mark.parametrize("typed", ["57/KH-SNV", "57/kh-snv", "57 KH SNV", "57/KH–SNV", " số 57/KH-SNV "])
@pytest.mark.usefixtures("any_backend")
def test_a_plan_is_found_first_by_its_document_number(client, site, typed):
    titles = result_titles(search(client, typed))
    assert titles[0] == PLAN_57
    # The news item that merely mentions the number follows; 57/KH-UBND is another plan.
    assert titles.index("Sở Nội vụ triển khai Kế hoạch 57/KH-SNV") == 1
    assert "Kế hoạch thi đua của UBND tỉnh" not in titles[:2]
    assert "Kế hoạch cải cách hành chính năm 2022" not in titles


def test_the_beginning_of_a_number_finds_the_plan_too(client, site):
    assert result_titles(search(client, "57/KH"))[0] in {PLAN_57, "Kế hoạch thi đua của UBND tỉnh"}
    assert result_titles(search(client, "58/KH-SNV"))[0] == "Kế hoạch cải cách hành chính năm 2022"


def test_higher_level_plan_numbers_in_the_text_are_found(client, site):
    assert result_titles(search(client, "3510/KH-UBND")) == [PLAN_57]


@pytest.mark.parametrize(
    "typed",
    ["ke hoach thi dua", "Kế hoạch thi đua", unicodedata.normalize("NFD", "Kế hoạch thi đua"), "kế HOẠCH thi ĐUA"],
)
@pytest.mark.usefixtures("any_backend")
def test_diacritics_case_and_normal_form_do_not_matter(client, site, typed):
    expected = result_titles(search(client, "ke hoach thi dua"))
    assert len(expected) >= 4
    assert result_titles(search(client, typed)) == expected
    assert expected[0] == "Kế hoạch thi đua của UBND tỉnh"  # the only title with the phrase


@pytest.mark.parametrize("typed", ["dong chi giam doc", "Đồng chí Giám đốc", "đồng chí giám đốc"])
@pytest.mark.usefixtures("any_backend")
def test_d_bar_matches_d(client, site, typed):
    assert result_titles(search(client, typed)) == ["Hội nghị tổng kết công tác thi đua, khen thưởng"]


def test_results_show_the_type_and_the_documents_own_date(client, site):
    html = search(client, "57/KH-SNV").content.decode()
    assert (
        '<span class="search-result__type">Kế hoạch</span> · <time datetime="2021-11-11T00:00:00+07:00">11/11/2021</time>'
        in html
    )
    assert (
        '<span class="search-result__type">Tin tức</span> · <time datetime="2021-11-12T09:00:00+07:00">12/11/2021</time>'
        in html
    )


@pytest.mark.usefixtures("any_backend")
def test_filter_by_type(client, site):
    everything = search(client, "thi dua")
    html = everything.content.decode()
    assert '<option value="campaigns.planpage">Kế hoạch (2)</option>' in html
    assert '<option value="news.newspage">Tin tức (2)</option>' in html
    plans = result_titles(search(client, "thi dua", type="campaigns.planpage"))
    assert set(plans) == {PLAN_57, "Kế hoạch thi đua của UBND tỉnh"}
    news = result_titles(search(client, "thi dua", type="news.newspage"))
    assert set(news) == {"Sở Nội vụ triển khai Kế hoạch 57/KH-SNV", "Hội nghị tổng kết công tác thi đua, khen thưởng"}


@pytest.mark.usefixtures("any_backend")
def test_filter_by_year_uses_the_issue_and_publication_dates(client, site):
    # Every page here was published today; the years come from issue_date / published_at.
    html = search(client, "thi dua").content.decode()
    assert '<option value="2021">2021 (3)</option>' in html and '<option value="2023">2023 (1)</option>' in html
    assert result_titles(search(client, "thi dua", year="2023")) == ["Hội nghị tổng kết công tác thi đua, khen thưởng"]
    in_2021 = result_titles(search(client, "thi dua", year="2021", type="campaigns.planpage"))
    assert set(in_2021) == {PLAN_57, "Kế hoạch thi đua của UBND tỉnh"}


@pytest.mark.usefixtures("any_backend")
def test_newest_first_follows_the_documents_dates(client, site):
    titles = result_titles(search(client, "thi dua", order="newest"))
    assert titles == [
        "Hội nghị tổng kết công tác thi đua, khen thưởng",  # 20/12/2023
        "Sở Nội vụ triển khai Kế hoạch 57/KH-SNV",  # 12/11/2021
        PLAN_57,  # 11/11/2021
        "Kế hoạch thi đua của UBND tỉnh",  # 30/09/2021
    ]


def test_index_follows_publish_edit_unpublish_and_delete(client, site, indexes):
    news = site["news"]
    news.title = "Hội nghị sơ kết công tác thi đua"
    news.save_revision().publish()
    assert "Hội nghị sơ kết công tác thi đua" in result_titles(search(client, "so ket"))
    assert result_titles(search(client, "tong ket")) == []
    news.unpublish()
    assert result_titles(search(client, "so ket")) == []
    plan = Page.objects.get(pk=site["plan57"].pk)
    plan.delete()
    assert PLAN_57 not in result_titles(search(client, "57/KH-SNV"))
    assert not SearchEntry.objects.filter(page_id=site["plan57"].pk).exists()
    fresh = add_news(indexes[1], "Tin mới về chuyển đổi số")
    assert result_titles(search(client, "chuyen doi so")) == [fresh.title]


@pytest.mark.parametrize(
    "typed",
    ["", "a" * 10_000, "?!.,;:-–—()[]{}", "<script>alert(1)</script>", "%", "_", "\\", "57/%_\\", "' OR ''='"],
)
@pytest.mark.usefixtures("any_backend")
def test_hostile_queries_give_a_clear_escaped_page(client, site, typed):
    response = search(client, typed, type="campaigns.planpage", year="2021")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert "<script>alert(1)" not in html
    assert (
        "Nhập từ khóa" in html
        or "không có chữ hoặc số" in html
        or "Không tìm thấy kết quả nào" in html
        or "Tìm thấy " in html
    )
    if typed == "%" or typed == "_":
        assert result_titles(response) == []


# --- Scale: 2,000 news items and 200 plans ----------------------------------------------


@pytest.fixture
def big_site(indexes):
    from bench.bulk_pages import bulk_pages

    plans, news = indexes
    topics = ["cải cách hành chính", "thi đua khen thưởng", "tuyển dụng công chức", "chuyển đổi số", "văn thư lưu trữ"]
    bulk_pages(
        news,
        NewsPage,
        [
            {
                "title": f"Hội nghị về {topics[i % 5]} lần {i}",
                "date": aware(2020 + i % 6, 1 + i % 12, 1 + i % 28, 8, 0),
                "published_at": aware(2020 + i % 6, 1 + i % 12, 1 + i % 28, 8, 0),
                "sapo": f"Sở Nội vụ tổ chức hội nghị về {topics[i % 5]}, thực hiện Kế hoạch số {i % 150 + 1}/KH-SNV.",
                "body": [("paragraph", f"<p>Nội dung hội nghị {i} về {topics[i % 5]}.</p>")],
            }
            for i in range(2000)
        ],
    )
    bulk_pages(
        plans,
        PlanPage,
        [
            {
                "title": f"Kế hoạch thực hiện {topics[i % 5]} đợt {i + 1}",
                "document_number": f"{i + 1}/KH-SNV",
                "issue_date": datetime.date(2020 + i % 6, 1 + i % 12, 1 + i % 28),
                "issuing_body": "Sở Nội vụ tỉnh Kon Tum",
                "summary": f"Kế hoạch về {topics[i % 5]}.",
            }
            for i in range(200)
        ],
    )
    assert SearchEntry.objects.filter(live=True).count() >= 2200


@pytest.mark.usefixtures("any_backend")
def test_search_over_2000_news_and_200_plans_within_a_query_budget(
    client, big_site, django_assert_max_num_queries, registry_blocks_kept
):
    search(client, "thi dua")  # warm the site and settings lookups
    frame = frame_queries(client)
    assert frame <= 10
    for typed, params in [
        ("57/KH-SNV", {}),
        ("thi đua khen thưởng", {}),
        ("hoi nghi", {"order": "newest", "page": "50"}),
        ("hoi nghi", {"type": "news.newspage", "year": "2023"}),
        ("cải cách", {"type": "campaigns.planpage"}),
    ]:
        # The search's own: the locale, one ranked query (ids, types, years), the page shown.
        with django_assert_max_num_queries(frame + 3):
            response = search(client, typed, **params)
        assert result_titles(response), typed
    titles = result_titles(search(client, "57/KH-SNV"))
    assert titles[0].startswith("Kế hoạch thực hiện") and titles[0].endswith(" đợt 57")  # the plan 57/KH-SNV
    assert all(t.startswith("Hội nghị") for t in titles[1:])  # news mentioning 57/KH-SNV
    html = search(client, "hoi nghi").content.decode()
    assert "Tìm thấy 2.000 kết quả" in html and "Trang 1/200" in html
