"""The addresses besides a page and its ancestors that show news (declared as
``purge_urls`` in ``news/apps.py``; ``portal.cache.purge`` refreshes them in nginx and a
CDN after a publication, an unpublication, a move or a deletion)."""


def urls_for(page):
    """Absolute URLs of the listings and feeds that show ``page``: for a news item, the
    category listings and feeds of its language (a category may have been added or
    removed), the listings of its tags and the news feed; for a news listing, all of them."""
    from django.utils.encoding import iri_to_uri

    from news.models import NewsIndexPage, NewsPage

    if isinstance(page, NewsPage):
        index = NewsIndexPage.objects.filter(path=page.path[: -page.steplen]).first()
        tags = list(page.tags.all())
    elif isinstance(page, NewsIndexPage):
        index, tags = page, []
    else:
        return []
    if index is None:
        return []
    base = index.get_full_url()
    if not base:
        return []
    urls = [base + index.reverse_subpage("feed"), base + index.reverse_subpage("feeds")]
    for category in index.categories():
        urls.append(base + index.reverse_subpage("category", kwargs={"slug": category.slug}))
        urls.append(base + index.reverse_subpage("category_feed", kwargs={"slug": category.slug}))
    urls.extend(base + index.reverse_subpage("tag", kwargs={"slug": tag.slug}) for tag in tags)
    return [iri_to_uri(url) for url in urls]
