"""The campaigns demo content: the source page's plan reproduced, and idempotent."""

import io
import re

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from hitcount.models import HitCount
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from campaigns.demo import SOURCE_ATTACHMENT_TITLE, SOURCE_ITEMS, SOURCE_TITLE
from campaigns.models import CampaignPage, PlanAttachment, PlanIndexPage, PlanPage, RewardForm


def _load():
    # wagtail-localize publishes the demo's English pages on commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def _counts():
    return {
        "pages": Page.objects.count(),
        "plans": PlanPage.objects.filter(locale__language_code="vi").count(),
        "campaigns": CampaignPage.objects.count(),
        "documents": get_document_model().objects.count(),
        # One file per plan (other apps' demo content brings its own files too).
        "plan_files": PlanAttachment.objects.filter(page__locale__language_code="vi")
        .values("document")
        .distinct()
        .count(),
        "hitcounts": HitCount.objects.count(),
        "rewards": RewardForm.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_twice_creates_nothing_new_and_keeps_a_changed_view_count(db):
    _load()
    first = _counts()
    assert first["plans"] >= 6 and first["campaigns"] == 2 and first["rewards"] == 4
    assert first["plan_files"] == first["plans"]
    source = PlanPage.objects.get(document_number="57/KH-SNV", locale__language_code="vi")
    ct = ContentType.objects.get_for_model(PlanPage)
    HitCount.objects.filter(content_type=ct, object_pk=source.pk).update(hits=3200)
    _load()
    assert _counts() == first
    assert HitCount.objects.get(content_type=ct, object_pk=source.pk).hits == 3200


def test_demo_reproduces_the_source_plan(db, client):
    _load()
    plan = PlanPage.objects.get(document_number="57/KH-SNV", locale__language_code="vi")
    assert plan.title == SOURCE_TITLE
    assert timezone.localtime(plan.first_published_at).strftime("%d/%m/%Y %H:%M") == "11/11/2021 07:53"
    assert plan.get_parent().specific_class is PlanIndexPage and plan.get_parent().show_in_menus
    assert plan.campaign.title.startswith("Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum")
    hit = HitCount.objects.get(content_type=ContentType.objects.get_for_model(PlanPage), object_pk=plan.pk)
    assert hit.hits == 3134

    response = client.get(plan.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="article__title">{SOURCE_TITLE}</h1>' in html
    assert "11/11/2021  07:53</time>" in html
    assert "Lượt xem: <span data-views>3.134</span>" in html
    for text in [
        "Thực hiện Kế hoạch số 3510/KH-UBND ngày 30 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh",
        "Với mục đích: Phát huy tính chủ động, sáng tạo",
        # The source's "- Về …:" lines as real headings and lists.
        "<h2>Về nội dung thi đua</h2><ul><li>",
        *(f"<li>{item}</li>" for item in SOURCE_ITEMS),
        "<h2>Thời gian phát động thi đua</h2><p>Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát",
        "<h2>Hình thức khen thưởng</h2><ul><li>Huân chương Lao động</li><li>Bằng khen của Thủ tướng Chính phủ</li>",
    ]:
        assert text in html, text
    link = re.search(
        rf'Link xem: <a href="([^"]+)" type="application/pdf">{re.escape(SOURCE_ATTACHMENT_TITLE)}</a>', html
    )
    assert link, "the attachment line is missing"

    served = client.get(link.group(1))
    data = b"".join(served.streaming_content) if served.streaming else served.content
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("inline")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(data) > 5000


def test_demo_plans_are_valid_span_several_years_and_show_in_the_listing(db, client):
    _load()
    plans = list(PlanPage.objects.filter(locale__language_code="vi"))
    for plan in plans:
        plan.full_clean()  # document numbers, types and dates as an editor would have to enter them
    assert {p.issue_date.year for p in plans} >= {2021, 2022, 2023, 2024, 2025}
    assert {p.issuing_body for p in plans} == {"Sở Nội vụ tỉnh Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"}
    index = PlanIndexPage.objects.get(locale__language_code="vi")
    html = client.get(index.url).content.decode()
    assert html.count('class="plan-row__title"') == len(plans)
    home = client.get("/").content.decode()
    assert "Kế hoạch mới" in home
    menu = home.split('class="main-nav__list"')[1].split("</ul>")[0]
    assert ">Thi đua - Khen thưởng</a>" in menu and ">Kế hoạch</a>" in menu
    assert menu.rstrip().endswith("Liên hệ</a></li>") or menu.rfind("Liên hệ") > menu.rfind("Kế hoạch")
