"""Content apps declare what the core needs from them (portal.registry)."""

import pytest
from django.apps import apps
from wagtail.models import Page

from portal import registry

KINDS = ("site_sections", "demo", "home_sections", "sidebar_blocks", "purge_urls", "translations")


def test_every_declared_callable_imports_and_every_model_exists():
    assert registry.declarations(), "no installed app declares itself"
    for kind in KINDS:
        for fn in registry.callables(kind):
            assert callable(fn), (kind, fn)
    for kind in ("approval", "publications"):
        for model in registry.page_models(kind):
            assert issubclass(model, Page)
    for spec in [*registry.legacy_import_mapping().values(), *registry.generate_kinds().values()]:
        apps.get_model(spec["model"])
        if not spec["parent"].startswith("/"):
            apps.get_model(spec["parent"])


def test_parts_keep_their_declared_order(declare):
    declare(sidebar_blocks=[registry.Part("portal.registry.declarations", order=5), "portal.registry.page_models"])
    assert registry.callables("sidebar_blocks") == [registry.page_models, registry.declarations]


@pytest.mark.parametrize("name", ["StandardPage", "portal.HomePage"])
def test_model_names_are_the_apps_own_unless_dotted(name):
    assert apps.get_model(registry.model_label("portal", name))
