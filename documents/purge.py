"""URLs beyond a document's page and its ancestors that show it (``purge_urls``)."""

from documents.models import DocumentIndexPage, DocumentMetadata


def urls_for(page):
    """The register's feed and first page in the page's language, when a document (or a
    plan) is published or unpublished: plans live outside the register's subtree."""
    page = page.specific
    if not isinstance(page, DocumentMetadata):
        return []
    urls = []
    for index in DocumentIndexPage.objects.live().filter(locale_id=page.locale_id):
        url = index.get_url()
        if url:
            urls += [url, index.feed_url()]
    return urls
