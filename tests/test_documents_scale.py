"""The register and a document's page cost the same number of queries with 50 and with
50,000 documents (bulk-created by ``generate_content`` from the app's declaration)."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentPage, Topic
from portal.cache.generation import clear_local_caches
from portal.search.models import SearchEntry
from portal.search.text import folded_words
from tests.campaigns_factories import make_plan, make_plan_index
from tests.documents_factories import make_doc, make_register

pytestmark = pytest.mark.django_db


def _bulk_index(locale_id):
    """Search entries for the generated pages, as the index would hold them (cheaply)."""
    from django.contrib.contenttypes.models import ContentType

    type_id = ContentType.objects.get_for_model(DocumentPage).pk
    existing = set(SearchEntry.objects.values_list("page_id", flat=True))
    rows = DocumentPage.objects.exclude(pk__in=existing).values_list("pk", "title", "summary", "document_number")
    batch = []
    for pk, title, summary, number in rows.iterator(chunk_size=2000):
        batch.append(
            SearchEntry(
                page_id=pk,
                locale_id=locale_id,
                content_type_id=type_id,
                title=title,
                body=summary,
                title_folded=folded_words(title),
                body_folded=folded_words(f"{number} {summary}"),
                document_numbers="|" + " ".join(folded_words(number).split()) + "|",
            )
        )
        if len(batch) == 2000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)


def _queries(client, url, params=None):
    clear_local_caches()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx)


# With 50,000 documents the test takes minutes (generating them on a busy machine).
@pytest.mark.parametrize("total", [50, 50_000])
def test_register_and_document_page_queries_do_not_grow(client, home, declare, settings, total, registry_blocks_kept):
    register = make_register(home)
    plans = make_plan_index(home)
    make_plan(plans, 57, year=2025, summary="Kế hoạch thi đua năm 2025.")
    target = make_doc(register, 1, year=2025, topics=["thi-dua-khen-thuong"], signer_name="Lê A")
    started = time.monotonic()
    call_command("generate_content", documents=total, no_progress=True, stdout=io.StringIO())
    topic = Topic.objects.get(slug="thi-dua-khen-thuong")
    _bulk_index(home.locale_id)
    assert DocumentPage.objects.count() >= total
    print(f"{total} documents made in {time.monotonic() - started:.1f} s")
    budgets = [
        # Cold caches: the first request also reads the site's settings and the publication generation.
        # Measured with every app installed (the blocks computed on each view, such as the
        # schedule's "hôm nay", add 4-6 to the register's own work); the same with 50 and 50,000.
        (register.url, None, 38),
        (register.url, {"page": "3"}, 36),
        (register.url, {"loai": "QĐ", "nam": "2025", "linh_vuc": str(topic.pk), "tinh_trang": "con"}, 36),
        (register.url, {"q": "57/KH-SNV"}, 37),
        (register.url, {"q": "thi đua", "loai": "KH"}, 39),
        (target.url, None, 32),
    ]
    client.get("/")  # the blocks the apps declare are kept from here on, as in production
    counts = [_queries(client, url, params) for url, params, _budget in budgets]
    print(counts)
    for (url, params, budget), count in zip(budgets, counts, strict=True):
        assert count <= budget, (url, params, count)
    html = client.get(register.url, {"q": "57 KH SNV"}).content.decode()
    assert html.split("<tbody>")[1].split("</tr>")[0].count("57/KH-SNV")
