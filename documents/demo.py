"""Demo content of the register (``manage.py load_demo``). Running it again creates nothing."""

from documents.models import DocumentIndexPage
from portal.core.page_tree import ensure_page


def _say(stdout, page, created):
    if stdout is not None and created:
        stdout.write(f"  + {page.title}")


def ensure_lists():
    """The document types of Nghị định 30/2020 and the first fields, as the migration seeds
    them: again here, so that a database emptied after migrating (a flush) has them too."""
    import importlib

    from django.apps import apps

    importlib.import_module("documents.migrations.0002_seed_kinds_and_topics").seed(apps, None)


def ensure_section(home, stdout=None):
    ensure_lists()
    index, created = ensure_page(
        home,
        DocumentIndexPage,
        "van-ban",
        title="Văn bản",
        intro="<p>Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành do Sở Nội vụ tỉnh Kon Tum ban hành "
        "và văn bản của tỉnh liên quan đến công tác nội vụ.</p>",
        show_in_menus=True,
    )
    _say(stdout, index, created)
    return index


def load(home, stdout=None):
    from documents import demo_content

    index = ensure_section(home, stdout)
    demo_content.load(index, stdout)
