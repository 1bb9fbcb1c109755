"""What a content app gives the core, declared in one place: its ``AppConfig``.

The core never imports a content app and names none, not even as a string. A content app
(news, video, campaigns, and every app added later) declares what the core needs from it
as a ``portal = ContentApp(...)`` attribute of its ``AppConfig``::

    class NoticesConfig(AppConfig):          # a content app "notices" (Thông báo)
        name = "notices"
        portal = ContentApp(
            approval=["NoticePage"],
            publications=["NoticePage"],
            site_sections="notices.demo.ensure_section",
            demo=Part("notices.demo.load", order=10),
            home_sections=[Part("notices.home.section", order=-10)],
            legacy_import={"notice": {"model": "NoticePage", "parent": "NoticeIndexPage", ...}},
            generate={"notices": {"model": "NoticePage", "parent": "NoticeIndexPage"}},
            purge_urls="notices.purge.urls_for",
            public_media=["notices"],
        )

Model names without a dot are the app's own; ``"other_app.Model"`` names another app's.
Callables are dotted paths, imported on first use (an ``AppConfig`` is read before the
models are ready). What each callable receives and returns:

- ``site_sections(home, stdout)``: create the app's empty sections under the home page
  (``manage.py setup_site`` and ``load_demo``).
- ``demo(home, stdout)``: the app's demo content (``manage.py load_demo``), after every
  app's sections exist.
- ``home_sections`` / ``sidebar_blocks``: ``fn(context) -> str`` (HTML) for the home page
  and the sidebar of every page; cached per site and language until the next publication
  unless the function has ``portal_cache = False`` (a block that depends on the page). A
  block that also depends on something else gives it as ``portal_cache_vary(context)``,
  added to the key (the schedule's "today" block: the date, so a new day is a new entry).
- ``footer_blocks``: ``fn(context) -> str`` (HTML) shown in the footer of every page (the
  spokesperson, the "Liên kết website" chooser). The footer is one cached fragment per site
  and language (``frame_include``), so a footer block must not depend on the page.
- ``purge_urls(page) -> iterable of URLs`` beyond the page and its ancestors that show a
  published page (feeds, tag and category listings) and must leave the HTTP caches.
- ``legacy_import``: old-site record kind -> mapping for ``manage.py import_legacy``.
- ``generate``: kind -> spec for ``manage.py generate_content``.
- ``approval`` / ``publications``: page types listed on the editors' dashboard (waiting
  for approval; newly published and most read).
- ``translations() -> [(slug, {Vietnamese segment: English})]``: English versions of the
  app's pages (found by slug, in that order, once they exist), made after the site's own
  (``setup_site``, ``load_demo``).
- ``public_media``: folders of MEDIA_ROOT holding the app's public uploads (``upload_to``),
  served by the app when no web server does (``portal/core/media_view.py``).

The core reads the declarations through the functions below, in ``INSTALLED_APPS`` order
and then by each part's ``order``.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Part:
    """A callable given as a dotted path, with its place among the other apps' parts."""

    path: str
    order: int = 0

    def resolve(self):
        return import_string(self.path)


def _part(value):
    return value if isinstance(value, Part) else Part(value)


@dataclass(frozen=True)
class ContentApp:
    approval: tuple = ()
    publications: tuple = ()
    site_sections: object = None
    demo: object = None
    home_sections: tuple = ()
    sidebar_blocks: tuple = ()
    footer_blocks: tuple = ()
    purge_urls: object = None
    legacy_import: dict = field(default_factory=dict)
    generate: dict = field(default_factory=dict)
    public_media: tuple = ()
    translations: object = None


def public_media_folders():
    """Every MEDIA_ROOT folder a content app declares public."""
    return [folder for _config, decl in declarations() for folder in decl.public_media]


def declarations():
    """``[(app_config, ContentApp)]`` of the installed apps that declare one."""
    return [
        (config, config.portal)
        for config in apps.get_app_configs()
        if isinstance(getattr(config, "portal", None), ContentApp)
    ]


def model_label(app_label, name):
    """``"NoticePage"`` in app ``notices`` -> ``"notices.NoticePage"``; a dotted name is kept."""
    return name if "." in name else f"{app_label}.{name}"


def page_models(kind):
    """The page models every app lists under ``kind`` ("approval" or "publications")."""
    return [
        apps.get_model(model_label(config.label, name))
        for config, decl in declarations()
        for name in getattr(decl, kind)
    ]


def _parts(kind):
    found = []
    for _config, decl in declarations():
        value = getattr(decl, kind)
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        found.extend(_part(v) for v in values)
    return sorted(found, key=lambda part: part.order)  # stable: INSTALLED_APPS order within an order


@cache
def callables(kind):
    """The callables every app declares under ``kind``, in order (resolved once)."""
    return [part.resolve() for part in _parts(kind)]


def _qualified(app_label, spec):
    spec = dict(spec)
    for key in ("model", "parent"):
        if key in spec and not spec[key].startswith("/"):  # a parent may be a URL path
            spec[key] = model_label(app_label, spec[key])
    return spec


def legacy_import_mapping():
    """Old-site record kind -> mapping, with model names made ``app.Model``."""
    return {
        kind: _qualified(config.label, spec)
        for config, decl in declarations()
        for kind, spec in decl.legacy_import.items()
    }


def generate_kinds():
    """``generate_content`` kind -> spec, with model names made ``app.Model``."""
    return {
        kind: _qualified(config.label, spec) for config, decl in declarations() for kind, spec in decl.generate.items()
    }
