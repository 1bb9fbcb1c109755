import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from portal.models import AgencyProfile, AgencySettings, HomePage

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _idle_connections_time_out():
    """Live servers drop a kept-alive connection after 5 idle seconds. Chromium keeps up to
    six open per server; without a timeout their request threads (each holding a database
    connection) wait for the browser forever, and stopping a server waited on them for a
    minute. The browser simply opens a new connection for its next request."""
    from django.test.testcases import QuietWSGIRequestHandler

    QuietWSGIRequestHandler.timeout = 5


_idle_connections_time_out()


# --- Running in parallel (pytest-xdist: `make test PYTEST_XDIST="-n 2 --dist loadgroup"`) ----
# Each worker is a process of its own: its own test database (pytest-django suffixes the
# name with gw0, gw1…), MEDIA_ROOT (.test-media/<pid>), Redis db (portal/settings/test.py),
# live servers and app servers on free ports, temporary folders. What workers must not do is
# build a module's expensive fixture twice (the demo site of a module-scoped fixture): the
# tests using a module- or class-scoped fixture are kept together in one worker. Tests that
# must not run beside each other otherwise: ``@pytest.mark.xdist_group("name")`` (one worker).

_SHARED_SCOPES = {"module", "class", "package"}


def _database_kind(item):
    """As pytest-django orders the tests: ``db`` first, ``transactional`` next, ``none`` last."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return "db" if issubclass(cls, TestCase) else "transactional"
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "transactional_db" in names or "live_server" in names or (marker and marker.kwargs.get("transaction")):
        return "transactional"
    return "db" if "db" in names or item.get_closest_marker("django_db") else "none"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Marks ``xdist_group`` (read by ``--dist loadgroup``; harmless without xdist): the
    tests of a module that share a module-scoped fixture run in one worker, one after the
    other. The group is per kind of database use too, so that a group never carries a
    transactional test (which empties the database) in among plain database tests:
    pytest-django's order (database tests, transactional ones, then the rest) holds in
    each worker, as each worker runs its part of the suite in that order."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None or item.get_closest_marker("xdist_group"):
            continue
        shared = any(  # the project's own fixtures (a plugin's have no baseid)
            defs and defs[-1].scope in _SHARED_SCOPES and defs[-1].baseid
            for name, defs in info.name2fixturedefs.items()
            if name in item.fixturenames
        )
        if shared:
            item.add_marker(pytest.mark.xdist_group(f"{item.module.__name__}:{_database_kind(item)}"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's test database; on SQLite, a copy of it as the migrations left it is
    kept for ``migrated_sqlite`` (taken before any test wrote to it)."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    # Only a test database pytest-django made (none when no test in the run uses one).
    if connection.vendor == "sqlite" and (name.startswith("test_") or "memory" in name):
        with django_db_blocker.unblock():
            connection.ensure_connection()
            path = tmp_path_factory.mktemp("migrated-sqlite") / "migrated.sqlite3"
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            target.close()
            _migrated_sqlite_template.append(path)
    return django_db_setup


_migrated_sqlite_template = []


@pytest.fixture
def migrated_sqlite(request, tmp_path_factory):
    """``migrated_sqlite(path)``: writes at ``path`` a SQLite database as ``manage.py migrate``
    leaves it, for app servers a test starts (``SQLITE_PATH``), without migrating again
    (~25 s of CPU each time): a copy of the test database's snapshot on SQLite, or of a file
    migrated once per worker on PostgreSQL runs."""

    def make(path):
        if not _migrated_sqlite_template and _sqlite_tests():
            request.getfixturevalue("django_db_setup")  # takes the snapshot
        if not _migrated_sqlite_template:
            from bench.servers import manage, server_env

            template = tmp_path_factory.mktemp("migrated-sqlite") / "migrated.sqlite3"
            manage(server_env(SQLITE_PATH=template, DATABASE_URL="", REDIS_URL=""), "migrate", "-v0")
            _migrated_sqlite_template.append(template)
        with sqlite3.connect(_migrated_sqlite_template[0]) as source, sqlite3.connect(path) as target:
            source.backup(target)
        source.close()
        target.close()
        return path

    return make


def _sqlite_tests():
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language, as manage.py and a new request do: Django
    leaves the language of the last request (an English page) active in the thread, and
    a command called after it would speak English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def ensure_migration_data():
    """What migrations create and a transactional test's flush removes: the locales, the
    root page and the root collection, the document types. Later transactional tests need them back.
    Django's cache of content types may still name the rows a flush deleted: drop it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection

    ContentType.objects.clear_cache()

    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="vi")))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    # wagtail-localize creates its "submit translations" permission in a data migration
    # (post_migrate does not bring it back after a flush); the editorial roles grant it.
    from django.contrib.auth.models import Permission

    content_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    # The document types (and first fields) the register validates against: seeded by the
    # documents app's migration 0002.
    from documents.models import DocumentKind

    if not DocumentKind.objects.exists():
        from documents.demo import ensure_lists

        ensure_lists()


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    """A transactional test (``live_server``, ``transactional_db``) starts with what the
    migrations created, whatever the flush of the transactional test before it removed."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        ensure_migration_data()


@pytest.fixture
def home(db):
    """A published HomePage as the default site's root, with the agency facts."""
    ensure_migration_data()
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    home = HomePage(title="Trang chủ", slug="trang-chu", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    agency = AgencySettings.for_site(site)
    agency.profile = AgencyProfile.objects.create(locale=locale, address="90 Trần Phú, thành phố Kon Tum")
    agency.phone = "0260 3862 517"
    agency.email = "sonoivu@kontum.gov.vn"
    agency.save()
    return home


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.invalid", "mật-khẩu-thử-nghiệm")
    client.force_login(user)
    client.user = user
    return client


# --- Browser tests -------------------------------------------------------------------


def chromium_available():
    return Path(CHROMIUM).exists()


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        pytest.skip(f"Chromium not found at {CHROMIUM} (.ci/run installs it)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


# --- users in the editorial roles (portal/editorial/roles.py) ---
ROLE_USER_PASSWORD = "mật-khẩu-thử-nghiệm"


@pytest.fixture
def make_user(django_user_model):
    """``make_user(username, *group_names)``: a user in those groups."""
    from django.contrib.auth.models import Group

    def make(username, *group_names):
        user = django_user_model.objects.create_user(username, f"{username}@example.invalid", ROLE_USER_PASSWORD)
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def editor(make_user):
    from portal.editorial import roles

    return make_user("bientap", roles.EDITOR)


@pytest.fixture
def reviewer(make_user):
    from portal.editorial import roles

    return make_user("nguoiduyet", roles.MODERATOR)


@pytest.fixture
def administrator(make_user):
    from portal.editorial import roles

    return make_user("quantri", roles.ADMINISTRATOR)


@pytest.fixture
def declare(monkeypatch):
    """``declare(approval=[...], legacy_import={...}, ...)``: the only content app is one
    declared by the test, on the core's own page types (``portal.registry``)."""
    from django.apps import apps

    from portal import registry

    def _declare(**fields):
        declaration = registry.ContentApp(**fields)
        monkeypatch.setattr(registry, "declarations", lambda: [(apps.get_app_config("portal"), declaration)])
        registry.callables.cache_clear()
        return declaration

    yield _declare
    registry.callables.cache_clear()


@pytest.fixture
def registry_blocks_kept(monkeypatch, settings):
    """The home sections and sidebar blocks the apps declare and the parts of the page frame
    shared by every page (the footer with its blocks) are kept until the next publication
    (as in production), everything else rendered afresh (the page cache and
    the other fragments off, as in the test settings): query budgets of a page's own work."""
    from portal.cache.generation import generation
    from portal.cache.memo import Memo
    from portal.templatetags import portal_tags

    settings.PORTAL_CACHE_CHECK_SECONDS = 3600  # re-read after a publication made here
    generation.expire()
    kept = Memo()

    def cached(key, compute, per_page=False):
        if key[0] not in ("hook", "include") or per_page:
            return compute()
        return kept.get_or_set((generation.get(), key), compute)

    monkeypatch.setattr(portal_tags, "cached", cached)
    monkeypatch.setattr(portal_tags, "fragment_cache_enabled", lambda: True)  # frame_include goes through ``cached``
    yield
    generation.expire()
