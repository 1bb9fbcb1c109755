"""manage.py generate_content: bulk pages that Wagtail serves like any other."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.models import StandardPage

KINDS = {"pages": {"model": "portal.StandardPage", "parent": "portal.HomePage", "fields": {"intro": "Tóm tắt {i}"}}}


@pytest.fixture
def kinds(declare):
    declare(generate=KINDS)


def generate(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_content", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_generates_live_pages_that_render(client, home, kinds):
    out, err = generate(pages=1200)
    assert "1200" in out or "1.200" in out
    assert "1.200/1.200" in err  # the progress bar reached the end
    assert StandardPage.objects.live().filter(slug__startswith="gen-pages-").count() == 1200
    page = StandardPage.objects.get(slug="gen-pages-1200")
    assert page.intro == "Tóm tắt 1200"
    assert page.get_parent().specific == home
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    # The tree is consistent: treebeard agrees, and the parent counts its children.
    assert Page.find_problems() == ([], [], [], [], [])
    home.refresh_from_db()
    assert home.numchild == home.get_children().count() == 1200


def test_second_run_tops_up_and_never_duplicates(home, kinds):
    generate(pages=30)
    generate(pages=30)
    assert StandardPage.objects.filter(slug__startswith="gen-pages-").count() == 30
    generate(pages=45)
    assert StandardPage.objects.filter(slug__startswith="gen-pages-").count() == 45
    assert Page.find_problems() == ([], [], [], [], [])


def test_new_pages_go_after_existing_children(home, kinds):
    existing = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=existing)
    generate(pages=5)
    children = list(home.get_children().values_list("slug", flat=True))
    assert children[0] == "gioi-thieu" and len(children) == 6
    assert Page.find_problems() == ([], [], [], [], [])


def test_missing_parent_is_a_clear_error(db, kinds):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_demo"):
        generate(pages=3)
