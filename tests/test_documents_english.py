"""The English register: translated documents, their relations in English on both sides."""

import pytest

from documents.models import DocumentPageRelation, RelationKind
from portal.core.translation import translate
from tests.documents_factories import make_doc, make_register

pytestmark = pytest.mark.django_db


def _english(page, title, slug):
    return translate(page, "en", {page.title: title, page.summary: title, page.slug: slug})


def test_relations_of_translated_documents_link_the_english_pages_both_ways(
    client, home, django_capture_on_commit_callbacks
):
    register = make_register(home)
    old = make_doc(register, 1, year=2020, title="Quyết định về quy chế tiếp công dân năm 2020")
    new = make_doc(register, 2, year=2024, title="Quyết định về quy chế tiếp công dân năm 2024")
    DocumentPageRelation.objects.create(page=new, target=old, kind=RelationKind.REPLACES)
    new.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translate(home, "en", {"Trang chủ": "Home", "trang-chu": "home"})
        english_register = translate(register, "en", {"Văn bản": "Documents", "van-ban": "documents"})
        old_en = _english(old, "Decision on receiving citizens, 2020", "decision-2020")
        new_en = _english(new, "Decision on receiving citizens, 2024", "decision-2024")
    for page in (english_register, old_en, new_en):
        page.refresh_from_db()

    new_html = client.get(new_en.url).content.decode()
    assert "Replaces" in new_html
    assert f'href="{old_en.url}"' in new_html and "Decision on receiving citizens, 2020" in new_html
    assert f'href="{old.url}"' not in new_html  # never the Vietnamese page from the English one
    old_html = client.get(old_en.url).content.decode()
    assert "Replaced by" in old_html
    assert f'href="{new_en.url}"' in old_html

    # The Vietnamese pages keep their Vietnamese relations.
    vi_html = client.get(old.url).content.decode()
    assert "Bị thay thế bởi" in vi_html and f'href="{new.url}"' in vi_html and new_en.url not in vi_html

    # The English register lists the English documents only.
    listing = client.get(english_register.url).content.decode()
    assert "Decision on receiving citizens, 2024" in listing and "Decision on receiving citizens, 2020" in listing
    assert "Quyết định về quy chế tiếp công dân" not in listing
