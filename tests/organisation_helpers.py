"""The site with the directory and the agency links (``setup_site`` plus the two apps'
demo content, no news): shared by the organisation tests and their browser tests."""

import io

from django.core.management import call_command
from wagtail.models import Site


def build_directory_site(capture):
    """Run in a test with ``django_capture_on_commit_callbacks`` as ``capture``
    (wagtail-localize publishes translations on commit). Returns the home page."""
    from links.demo import load as load_links
    from organisation.demo import load as load_organisation
    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    out = io.StringIO()
    with capture(execute=True):
        call_command("setup_site", stdout=out)
    home = Site.objects.get(is_default_site=True).root_page.specific
    with capture(execute=True):
        load_organisation(home, out)
        load_links(home, out)
    return home


def module_site_fixture():
    """A module-scoped fixture building the site once, inside a transaction rolled back
    when the module ends; each test (``db``) runs in a savepoint inside it, so what a
    test writes is undone and the next test sees the site as built."""
    import pytest
    from django.db import transaction
    from django.test import TestCase

    @pytest.fixture(scope="module")
    def directory_site(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                home = build_directory_site(TestCase.captureOnCommitCallbacks)
                yield home.pk
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return directory_site
