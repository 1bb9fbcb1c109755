"""Plans (Kế hoạch) and emulation campaigns (Phong trào thi đua): models, public pages, admin."""

import re
import unicodedata

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hitcount.models import HitCount
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.document_numbers import MALFORMED, validate_document_number
from campaigns.models import (
    CampaignContentItem,
    CampaignIndexPage,
    CampaignPage,
    PlanAttachment,
    PlanIndexPage,
    PlanPage,
    RewardForm,
)
from portal.cache import fragments
from portal.cache.generation import clear_local_caches, generation
from portal.models import HomePage, StandardPage
from tests.campaigns_factories import (
    docx_bytes,
    make_campaign,
    make_campaign_index,
    make_document,
    make_plan,
    make_plan_index,
    pdf_bytes,
)

MALFORMED_TEXT = str(MALFORMED)


# --- Page-type rules ----------------------------------------------------------------------


class PageTypeRules(WagtailPageTestCase):
    def test_indexes_sit_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, PlanIndexPage)
        self.assertCanCreateAt(HomePage, CampaignIndexPage)
        self.assertCanNotCreateAt(StandardPage, PlanIndexPage)
        self.assertCanNotCreateAt(Page, CampaignIndexPage)

    def test_plans_only_under_the_plan_index_and_campaigns_under_theirs(self):
        self.assertCanCreateAt(PlanIndexPage, PlanPage)
        self.assertCanCreateAt(CampaignIndexPage, CampaignPage)
        self.assertCanNotCreateAt(HomePage, PlanPage)
        self.assertCanNotCreateAt(CampaignIndexPage, PlanPage)
        self.assertCanNotCreateAt(PlanIndexPage, CampaignPage)
        self.assertAllowedSubpageTypes(PlanIndexPage, {PlanPage})
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})
        self.assertAllowedSubpageTypes(PlanPage, set())
        self.assertAllowedSubpageTypes(CampaignPage, set())


class Renderable(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-campaigns"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home})
        campaigns = make_campaign_index(cls.home)
        cls.campaign = make_campaign(campaigns)
        cls.plans = make_plan_index(cls.home)
        cls.plan = make_plan(cls.plans, 57, campaign=cls.campaign)

    def test_every_page_type_renders(self):
        for page in [self.plans, self.plan, self.campaign.get_parent().specific, self.campaign]:
            self.assertPageIsRenderable(page)


# --- Document numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["57/KH-SNV", "3510/KH-UBND", "42/2022/NĐ-CP", "4836/SNV-TCBC", "06/2022/QH15", "15/CT-TTg", "  57/KH-SNV "],
)
def test_well_formed_document_numbers_pass(number):
    validate_document_number(number)


@pytest.mark.parametrize(
    "number",
    ["57-KH-SNV", "KH-SNV/57", "57/KH SNV", "57/kh-snv", "57//KH-SNV", "57/KH-", "abc", "57/2022/", "57/22/NĐ-CP"],
)
def test_malformed_document_numbers_get_the_vietnamese_message(number):
    with pytest.raises(ValidationError) as raised:
        validate_document_number(number)
    assert raised.value.messages == [MALFORMED_TEXT]
    assert "Số ký hiệu không đúng định dạng" in MALFORMED_TEXT


def test_numbers_are_compared_after_nfc_normalisation(home):
    index = make_plan_index(home)
    decomposed = unicodedata.normalize("NFD", "42/2022/NĐ-CP Ủy ban")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    validate_document_number(unicodedata.normalize("NFD", "42/2022/NĐ-CP"))
    plan = PlanPage(
        title="Nghị quyết",
        slug="nq",
        document_number=unicodedata.normalize("NFD", " 15/NQ-HĐND "),
        document_type="NQ",
        summary="Trích yếu.",
        issuing_body=unicodedata.normalize("NFD", "Hội đồng nhân dân tỉnh Kon Tum"),
    )
    plan.full_clean(exclude=["path", "depth"])
    assert plan.document_number == "15/NQ-HĐND"
    assert plan.issuing_body == unicodedata.normalize("NFC", "Hội đồng nhân dân tỉnh Kon Tum")
    index.add_child(instance=plan)


def test_type_code_must_match_the_document_type(db):
    plan = PlanPage(title="X", slug="x", document_number="57/QĐ-SNV", document_type="KH", summary="Trích yếu.")
    with pytest.raises(ValidationError) as raised:
        plan.clean()
    assert "mã loại “KH”" in raised.value.message_dict["document_number"][0]
    plan.document_type = "QĐ"
    plan.clean()
    cong_van = PlanPage(title="Y", slug="y", document_number="4836/SNV-TCBC", document_type="CV", summary="Trích yếu.")
    cong_van.clean()


# --- Admin: create, edit, publish with two attachments --------------------------------------


def _plan_form(index_campaign, documents, **overrides):
    data = {
        "title": "Kế hoạch triển khai Phong trào thi đua đặc biệt phòng, chống Covid-19",
        "slug": "ke-hoach-57-kh-snv",
        "document_number": "57/KH-SNV",
        "document_type": "KH",
        "issue_date": "2021-11-11",
        "issuing_body": "Sở Nội vụ tỉnh Kon Tum",
        "signer_name": "Trần Văn Bình",
        "signer_title": "Giám đốc",
        "summary": "Triển khai Phong trào thi đua đặc biệt của Sở Nội vụ.",
        "implements": "Kế hoạch số 3510/KH-UBND ngày 30/9/2021 của Ủy ban nhân dân tỉnh",
        "campaign": index_campaign.pk if index_campaign else "",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Thực hiện Kế hoạch số 3510/KH-UBND của Ủy ban nhân dân tỉnh.</p>")),
                ("paragraph", rich_text("<p>- Về Nội dung thi đua:</p><ul><li>Thi đua phát huy sáng kiến.</li></ul>")),
            ]
        ),
        "attachments": inline_formset(
            [
                {"document": documents[0].pk, "title": "Kế hoạch số 57/KH-SNV về triển khai Phong trào", "ORDER": 1},
                {"document": documents[1].pk, "title": "Phụ lục: mẫu đăng ký thi đua", "ORDER": 2},
            ]
        ),
        "content_items": inline_formset([]),
        "document_relations": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def plan_setup(home):
    campaign = make_campaign(make_campaign_index(home))
    index = make_plan_index(home)
    index.save_revision().publish()
    documents = [
        make_document("Kế hoạch 57", "ke-hoach-57.pdf", pdf_bytes()),
        make_document("Phụ lục", "phu-luc.docx", docx_bytes()),
    ]
    return index, campaign, documents


def test_editor_creates_edits_and_publishes_a_plan_with_two_attachments(admin_client, plan_setup):
    index, campaign, documents = plan_setup
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "planpage", index.pk))
    response = admin_client.post(url, _plan_form(campaign, documents))
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = PlanPage.objects.get(slug="ke-hoach-57-kh-snv")
    assert plan.live
    assert [a.title for a in plan.attachments.all()] == [
        "Kế hoạch số 57/KH-SNV về triển khai Phong trào",
        "Phụ lục: mẫu đăng ký thi đua",
    ]

    html = admin_client.get(plan.url).content.decode()
    assert (
        '<h1 class="article__title">Kế hoạch triển khai Phong trào thi đua đặc biệt phòng, chống Covid-19</h1>' in html
    )
    assert re.search(r"Ngày đăng: <time [^>]*>\d\d/\d\d/\d{4}  \d\d:\d\d</time>", html)
    assert "Lượt xem:" in html and "Mặc định" in html and "Cỡ chữ" in html
    body = html.split("data-article-body>")[1].split('<section class="plan-meta"')[0]
    assert "Thực hiện Kế hoạch số 3510/KH-UBND" in body and "Thi đua phát huy sáng kiến." in body
    # Each attachment: "Link xem: <title>" for the PDF that opens in the browser, "Tải về" for the Word file.
    pdf_line = re.search(
        r"Link xem: <a href=\"([^\"]+)\" type=\"application/pdf\">Kế hoạch số 57/KH-SNV về triển khai", body
    )
    assert pdf_line, body
    assert re.search(r'Tải về: <a href="[^"]+phu-luc.docx" download>Phụ lục: mẫu đăng ký thi đua</a>', body)
    assert "(PDF, " in body and "KB, 0 lượt tải)" in body and "(DOCX, " in body
    assert body.index("Kế hoạch số 57/KH-SNV về") < body.index("Phụ lục: mẫu đăng ký")
    # Metadata table.
    for label, value in [
        ("Số ký hiệu", "57/KH-SNV"),
        ("Loại văn bản", "Kế hoạch"),
        ("Ngày ban hành", "11/11/2021"),
        ("Cơ quan ban hành", "Sở Nội vụ tỉnh Kon Tum"),
        ("Người ký", "Giám đốc: Trần Văn Bình"),
        ("Trích yếu", "Triển khai Phong trào thi đua đặc biệt của Sở Nội vụ."),
        ("Thực hiện", "Kế hoạch số 3510/KH-UBND ngày 30/9/2021 của Ủy ban nhân dân tỉnh"),
    ]:
        assert re.search(rf"<th scope=\"row\">{label}</th><td>(<time[^>]*>)?{re.escape(value)}", html), label
    assert f'<a href="{campaign.url}">{campaign.title}</a>' in html
    # The PDF link serves the PDF inline.
    served = admin_client.get(pdf_line.group(1))
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("inline")

    # Edit: new summary, drop the second attachment, publish again.
    edit = reverse("wagtailadmin_pages:edit", args=(plan.pk,))
    first, second = plan.attachments.all()
    data = _plan_form(
        campaign,
        documents,
        summary="Trích yếu đã sửa.",
        attachments=inline_formset(
            [
                {"id": first.pk, "document": documents[0].pk, "title": first.title, "ORDER": 1},
                {"id": second.pk, "document": documents[1].pk, "title": second.title, "ORDER": 2, "DELETE": "on"},
            ],
            initial=2,
        ),
    )
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = admin_client.get(plan.url).content.decode()
    assert "Trích yếu đã sửa." in html
    assert "Phụ lục: mẫu đăng ký" not in html and "Kế hoạch số 57/KH-SNV về triển khai Phong trào" in html


def test_admin_rejects_a_malformed_number_with_the_vietnamese_message(admin_client, plan_setup):
    index, campaign, documents = plan_setup
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "planpage", index.pk))
    response = admin_client.post(url, _plan_form(campaign, documents, document_number="57-KH-SNV"))
    assert response.status_code == 200
    assert "Số ký hiệu không đúng định dạng" in response.content.decode()
    assert not PlanPage.objects.filter(slug="ke-hoach-57-kh-snv").exists()

    response = admin_client.post(url, _plan_form(campaign, documents, document_number="57/QĐ-SNV"))
    assert response.status_code == 200
    assert "Số ký hiệu phải có mã loại “KH”" in response.content.decode()
    assert not PlanPage.objects.filter(slug="ke-hoach-57-kh-snv").exists()


def test_admin_creates_a_campaign_with_content_items_and_reward_forms(admin_client, home):
    index = make_campaign_index(home)
    index.save_revision().publish()
    rewards = [
        RewardForm.objects.create(name="Huân chương Lao động", rank=1),
        RewardForm.objects.create(name="Giấy khen của Giám đốc Sở", rank=9),
    ]
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", index.pk))
    data = nested_form_data(
        {
            "title": "Phong trào thi đua văn hóa công sở",
            "slug": "van-hoa-cong-so",
            "summary": "Xây dựng văn hóa công sở.",
            "kind": "topical",
            "purpose": rich_text("<p>Nâng cao ý thức trách nhiệm.</p>"),
            "content_items": inline_formset(
                [
                    {"text": "Thi đua thực hiện quy định về trang phục.", "ORDER": 1},
                    {"text": "Thi đua xây dựng công sở xanh.", "ORDER": 2},
                ]
            ),
            "launch_start": "2022-06-01",
            "launch_end": "2022-01-01",
            "launch_period_text": "",
            "status": "active",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    data["reward_forms"] = [r.pk for r in rewards]  # a multiple choice (nested_form_data would split a list)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu phát động." in response.content.decode()
    data["launch_end"] = "2025-12-31"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = admin_client.get("/thi-dua-khen-thuong/van-hoa-cong-so/").content.decode()
    assert "<li>Thi đua thực hiện quy định về trang phục.</li><li>Thi đua xây dựng công sở xanh.</li>" in html
    assert "Từ 01/06/2022 đến 31/12/2025" in html
    assert "<li>Huân chương Lao động</li><li>Giấy khen của Giám đốc Sở</li>" in html
    assert "Đang phát động" in html


def test_admin_plan_listing_filters_by_number_year_and_campaign(admin_client, home):
    campaign = make_campaign(make_campaign_index(home))
    index = make_plan_index(home)
    a = make_plan(index, 57, year=2021, campaign=campaign, title="Kế hoạch A Covid")
    b = make_plan(index, 12, year=2022, title="Kế hoạch B thi đua năm 2022")
    c = make_plan(index, 31, year=2023, title="Kế hoạch C cải cách")
    url = reverse("ke_hoach:index")
    html = admin_client.get(url).content.decode()
    assert all(p.title in html for p in (a, b, c))
    assert "57/KH-SNV" in html and "Số ký hiệu" in html
    assert campaign.title in html  # the campaign column
    assert a.issue_date.strftime("%d/%m/%Y") in html
    for params, expected in [
        ({"document_number": "57/KH"}, {a}),
        ({"year": "2022"}, {b}),
        ({"campaign": campaign.pk}, {a}),
        ({"document_number": "999/QĐ"}, set()),
    ]:
        response = admin_client.get(url, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert {p for p in (a, b, c) if p.title in html} == expected, params
    assert admin_client.get(url, {"year": "abc", "campaign": "xyz", "document_number": "%"}).status_code == 200
    assert admin_client.get(url, {"year": "1999"}).status_code == 200

    # The campaign column costs no query per row (wagtail-localize's row buttons still do, upstream).
    def campaign_queries(captured):
        return sum('FROM "campaigns_campaignpage"' in q["sql"] for q in captured.captured_queries)

    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for n in range(100, 130):
        make_plan(index, n, year=2024, campaign=campaign)
    with CaptureQueriesContext(connection) as many:
        assert "129/KH-SNV" in admin_client.get(url).content.decode()
    assert campaign_queries(many) == campaign_queries(few)
    # It is in the admin menu as "Kế hoạch".
    assert f'"{url}"' in admin_client.get(reverse("wagtailadmin_home")).content.decode()


# --- Public pages -----------------------------------------------------------------------


@pytest.fixture
def site_plans(home):
    campaigns = make_campaign_index(home)
    covid = make_campaign(
        campaigns,
        status=CampaignPage.Status.ENDED,
        launch_period_text="Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát.",
    )
    culture = make_campaign(campaigns, title="Văn hóa công sở", slug="van-hoa-cong-so")
    index = make_plan_index(home)
    plans = {
        "2021": make_plan(index, 57, year=2021, campaign=covid),
        "2022": make_plan(index, 12, year=2022, campaign=culture),
        "2023": make_plan(index, 31, year=2023, issuing_body="Ủy ban nhân dân tỉnh Kon Tum"),
        "2024": make_plan(index, 19, year=2024, campaign=culture),
        "draft": make_plan(index, 99, year=2025, campaign=covid, live=False, title="Bản nháp chưa xuất bản"),
    }
    return index, covid, culture, plans


def _rows(html):
    return re.findall(r'class="plan-row__title" href="[^"]+">([^<]+)</a>', html)


def test_plan_index_lists_newest_first_with_number_and_date(client, site_plans):
    index, covid, culture, plans = site_plans
    response = client.get(index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == [plans[y].title for y in ["2024", "2023", "2022", "2021"]]
    assert "Bản nháp chưa xuất bản" not in html
    assert "Số: 57/KH-SNV" in html and f'Ngày ban hành: <time datetime="{plans["2021"].issue_date:%Y-%m-%d}">' in html
    assert not response.cookies, "an anonymous listing must not set a cookie"
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2022"}, ["2022"]),
        ({"issuing_body": "Ủy ban nhân dân tỉnh Kon Tum"}, ["2023"]),
        ({"issuing_body": unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Kon Tum")}, ["2023"]),
        ({"campaign": "culture"}, ["2024", "2022"]),
        ({"campaign": "covid", "year": "2021"}, ["2021"]),
        ({"year": "1990"}, []),
        ({"campaign": "999999"}, []),
        ({"issuing_body": "Bộ Nội vụ"}, []),
    ],
)
def test_plan_index_filters(client, site_plans, params, expected):
    index, covid, culture, plans = site_plans
    params = {k: {"covid": covid.pk, "culture": culture.pk}.get(v, v) for k, v in params.items()}
    response = client.get(index.url, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == [plans[y].title for y in expected]
    if not expected:
        assert "Không có kế hoạch nào phù hợp với điều kiện lọc." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Năm “abc” không hợp lệ"),
        ("year=%27%3B+DROP+TABLE", "không hợp lệ"),
        ("campaign=abc", "Phong trào thi đua “abc” không hợp lệ"),
        ("campaign=-1", "không hợp lệ"),
        ("year=2021&campaign=1e9", "không hợp lệ"),
        ("year=" + "9" * 400, "không hợp lệ"),
        ("year=%00", "không hợp lệ"),
    ],
)
def test_hostile_filter_values_give_a_clear_empty_result(client, site_plans, query, message):
    index = site_plans[0]
    response = client.get(f"{index.url}?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert _rows(html) == []
    assert "Không có kế hoạch nào phù hợp với điều kiện lọc." in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "1.5", ""])
def test_bad_page_numbers_never_fail(client, home, page):
    index = make_plan_index(home)
    for n in range(1, 20):
        make_plan(index, n)
    response = client.get(index.url, {"page": page})
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) in (PlanIndexPage.PER_PAGE, 19 - PlanIndexPage.PER_PAGE)


def test_pagination_keeps_the_filters(client, home):
    index = make_plan_index(home)
    for n in range(1, 20):
        make_plan(index, n, year=2022)
    make_plan(index, 5, year=2021)
    html = client.get(index.url, {"year": "2022"}).content.decode()
    assert 'href="?year=2022&amp;page=2"' in html
    html2 = client.get(index.url, {"year": "2022", "page": "2"}).content.decode()
    assert len(_rows(html2)) == 19 - PlanIndexPage.PER_PAGE


def test_plan_page_shows_views_and_other_plans_newest_first_without_itself(client, site_plans):
    index, covid, culture, plans = site_plans
    plan = plans["2022"]
    HitCount.objects.create(content_type=ContentType.objects.get_for_model(PlanPage), object_pk=plan.pk, hits=3134)
    response = client.get(plan.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lượt xem: <span data-views>3.134</span>" in html
    others = html.split("Các kế hoạch khác")[1]
    assert _rows(others) == [plans[y].title for y in ["2024", "2023", "2021"]]
    assert plan.title not in others and "Bản nháp" not in others
    assert html.index("Thông tin văn bản") < html.index("Các kế hoạch khác")
    assert not response.cookies


def test_campaign_page_lists_its_live_plans_automatically(client, site_plans):
    index, covid, culture, plans = site_plans
    CampaignContentItem.objects.create(page=covid, text="Thi đua phát huy sáng kiến.", sort_order=0)
    html = client.get(covid.url).content.decode()
    section = html.split("Các kế hoạch triển khai")[1]
    assert _rows(section) == [plans["2021"].title]
    assert "Bản nháp chưa xuất bản" not in html
    assert "Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát." in html
    assert "Đã kết thúc" in html
    # A new plan appears without touching the campaign.
    new = make_plan(index, 80, year=2025, campaign=covid, title="Kế hoạch sơ kết phong trào")
    section = client.get(covid.url).content.decode().split("Các kế hoạch triển khai")[1]
    assert _rows(section) == [new.title, plans["2021"].title]
    listing = client.get(covid.get_parent().url).content.decode()
    assert covid.title in listing and "Văn hóa công sở" in listing


def test_home_page_shows_the_latest_plans(client, site_plans):
    index, covid, culture, plans = site_plans
    html = client.get("/").content.decode()
    section = html.split("Kế hoạch mới")[1].split("</section>")[0]
    assert _rows(section) == [plans[y].title for y in ["2024", "2023", "2022", "2021"]]
    assert f'href="{index.url}">Xem tất cả kế hoạch' in section
    # Publishing a plan refreshes the cached section; unpublishing removes it again.
    new = make_plan(index, 3, year=2025, live=False, title="Kế hoạch sơ kết năm 2025")
    new.save_revision().publish()
    section = client.get("/").content.decode().split("Kế hoạch mới")[1].split("</section>")[0]
    assert _rows(section)[0] == "Kế hoạch sơ kết năm 2025"
    new.refresh_from_db()
    new.unpublish()
    section = client.get("/").content.decode().split("Kế hoạch mới")[1].split("</section>")[0]
    assert "Kế hoạch sơ kết năm 2025" not in section


# --- Query budgets: the same cost with 5 plans and with 200 ---------------------------------


def _forget_home_sections():
    """The home page's sections computed again (the plans section not kept), the rest of
    the frame still kept."""
    store = fragments.shared_store
    for key in list(store.data):
        if key[2][:2] == ("hook", "home_sections"):
            store.pop(key)


def _count_queries(client, url, cold=False):
    client.get(url)  # warm the per-process caches (site root paths, content types)
    if cold:
        _forget_home_sections()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _attach_two(plan):
    for i, (title, name, data) in enumerate(
        [("Kế hoạch", f"kh-{plan.pk}.pdf", b"%PDF-1.4\n%%EOF\n"), ("Phụ lục", f"pl-{plan.pk}.docx", docx_bytes())]
    ):
        PlanAttachment.objects.create(page=plan, document=make_document(title, name, data), title=title, sort_order=i)


# +3 on every page: the sidebar's "Lịch công tác hôm nay" (schedule app), uncached in tests; the
# home page also shows the register's "Văn bản mới" (documents/): one query more when computed.
BUDGETS = {"index": 24, "filtered": 24, "detail": 25, "campaign": 25, "home": 17, "home (cold)": 20}


def test_query_budgets_do_not_grow_with_the_number_of_plans(client, home, settings, django_assert_max_num_queries):
    # As in production: the frame and the home sections are kept until the next publication.
    settings.PORTAL_FRAGMENT_CACHE = True
    settings.PORTAL_CACHE_CHECK_SECONDS = 3600
    clear_local_caches()
    generation.expire()
    campaign = make_campaign(make_campaign_index(home))
    index = make_plan_index(home)
    plans = [make_plan(index, n, year=2021 + n % 5, campaign=campaign) for n in range(1, 6)]
    detail = plans[2]
    _attach_two(detail)
    urls = {
        "index": index.url,
        "filtered": f"{index.url}?year=2022&campaign={campaign.pk}&issuing_body=S%E1%BB%9F+N%E1%BB%99i+v%E1%BB%A5+t%E1%BB%89nh+Kon+Tum&page=1",
        "detail": detail.url,
        "campaign": campaign.url,
        "home": "/",
        "home (cold)": "/",
    }

    def measure():
        return {name: _count_queries(client, url, cold="cold" in name) for name, url in urls.items()}

    with_5 = measure()
    for n in range(6, 201):
        make_plan(index, n, year=2021 + n % 5, campaign=campaign)
    generation.expire()  # the plans were added in bulk here, not published: see them
    with_200 = measure()
    print("queries with 5 plans:", with_5, "with 200:", with_200)
    assert with_200 == with_5
    for name, url in urls.items():
        if "cold" in name:
            _forget_home_sections()
        with django_assert_max_num_queries(BUDGETS[name]):
            assert client.get(url).status_code == 200
    assert PlanPage.objects.count() == 200


def test_site_search_finds_a_plan_by_its_document_number(client, site_plans):
    index, covid, culture, plans = site_plans
    for query in ["57/KH-SNV", "57/KH", unicodedata.normalize("NFD", "57/KH-SNV")]:
        html = client.get(reverse("search"), {"q": query}).content.decode()
        assert plans["2021"].title in html, query
        assert plans["2024"].title not in html, query
    found = list(PlanPage.objects.live().autocomplete("57/KH"))
    assert plans["2021"] in [p.specific for p in found]
