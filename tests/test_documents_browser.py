"""The register and a document's page in Chromium: axe finds no violation at 360 px and on
a desktop, and nothing but the results table (a scrollable region) is wider than a phone."""

import io

import pytest
from django.core.management import call_command

from tests.reading_support import demo_server

pytestmark = [pytest.mark.browser]


def _prepare():
    from documents.models import DocumentIndexPage
    from portal.core.page_tree import get_home
    from tests.documents_factories import attach, make_doc, pdf_file
    from tests.reading_support import ensure_baseline

    ensure_baseline()
    call_command("setup_site", stdout=io.StringIO())
    home = get_home()
    register = DocumentIndexPage.objects.live().filter(locale=home.locale).first()
    old = make_doc(
        register, 1, year=2020, title="Quyết định ban hành Quy chế làm việc (2020)", topics=["to-chuc-bo-may"]
    )
    new = make_doc(
        register,
        2,
        year=2024,
        title="Quyết định ban hành Quy chế làm việc (2024)",
        topics=["to-chuc-bo-may"],
        signer_name="Nguyễn Văn Hùng",
        signer_title="Giám đốc",
    )
    from documents.models import DocumentPageRelation, RelationKind

    DocumentPageRelation.objects.create(page=new, target=old, kind=RelationKind.REPLACES)
    attach(
        new,
        pdf_file("Quy chế làm việc", ["Điều 5. Lãnh đạo Sở tiếp công dân vào sáng thứ năm hằng tuần."]),
        "Văn bản số 2/QĐ-SNV",
    )
    for n in range(3, 30):
        make_doc(register, n, kind="TB" if n % 2 else "QĐ", year=2019 + n % 8)
    return {"register": register.url, "document": new.specific.url}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        yield data


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", [360, 1280])
def test_register_and_document_page_pass_axe(browser, site, axe, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    found = []
    try:
        for path in [
            site["register"],
            site["register"] + "?q=s%C3%A1ng+th%E1%BB%A9+n%C4%83m+h%E1%BA%B1ng+tu%E1%BA%A7n",
            site["register"] + "?loai=QĐ&nam=2024&sap_xep=cu-nhat",
            site["register"] + "?nam=abc",
            site["document"],
        ]:
            page.goto(site["base"] + path)
            if "loai=" in path:
                assert page.locator("details.register-search__advanced").get_attribute("open") is not None
            results = axe.run(page, options={"resultTypes": ["violations"]})
            found += [
                f"{path}: {v['id']} {v['help']} " + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
                for v in results.response["violations"]
            ]
            width_used = page.evaluate("document.documentElement.scrollWidth")
            assert width_used <= width, (path, width_used)
        page.goto(site["base"] + site["register"] + "?q=s%C3%A1ng+th%E1%BB%A9+n%C4%83m")
        assert "Tìm thấy trong tệp" in page.locator(".register-table").inner_text()
    finally:
        context.close()
    assert found == [], "\n".join(found)


def test_register_answers(client, home):
    """An ordinary database test, so the test database exists when this module runs alone."""
    assert client.get("/").status_code in (200, 404)
