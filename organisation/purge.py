"""Keeping the pages that show a person or a unit in step with the directory.

The people and units are snippets: editing one starts a new publication generation (the
core's page and fragment caches), and the pages built from them must also leave the HTTP
caches (nginx, a CDN). ``directory_changed`` is the one place the app asks the core's
caching (``portal.cache.purge.purge_urls_after_commit``) to do both.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

#: The page types built from the directory (model names of this app).
DIRECTORY_PAGES = ("leadershippage", "organisationpage", "spokespersonpage", "informationaccesspage")
#: The page types that list the site's sections (their lists change when a section does).
SECTION_PAGES = ("informationaccesspage", "sitemappage")


def _pages(model_names):
    return list(
        Page.objects.live()
        .filter(content_type__app_label="organisation", content_type__model__in=model_names)
        .specific(defer=True)
    )


def directory_changed(sender, created=False, **kwargs):
    from organisation.models import OrganisationSettings
    from portal.cache.purge import purge_urls_after_commit, urls_for_pages

    if created and sender is OrganisationSettings:
        # The empty row Wagtail makes on a site's first read (``for_request``): the pages
        # already show "not set", and purging from inside that visitor's request would make
        # it wait for nginx to fetch the pages again from the same app.
        return
    pages = _pages(DIRECTORY_PAGES)
    # The home pages too: their footer shows the spokesperson.
    pages += list(Page.objects.live().filter(depth=2).specific(defer=True))
    purge_urls_after_commit(urls_for_pages(pages))


def urls_for(page):
    """``purge_urls`` declaration: a published section changes Sơ đồ cổng and the list
    on Tiếp cận thông tin in its language."""
    if page.depth > 5 or not (page.depth == 3 or page.show_in_menus or page.numchild):
        return []
    found = []
    for shown in _pages(SECTION_PAGES):
        if shown.locale_id == page.locale_id and shown.pk != page.pk:
            found.append(shown.full_url)
    return [url for url in found if url]


def connect():
    from organisation.models import OrganisationSettings, Person, Unit

    for model in (Person, Unit, OrganisationSettings):
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"organisation-save-{model.__name__}")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"organisation-delete-{model.__name__}")
