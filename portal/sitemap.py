"""sitemap.xml for every language, each URL with its ``hreflang`` alternates."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page, Site

from portal.cache.wagtail_internals import EntriesSitemap
from portal.core.public_url import absolute_url


class PortalSitemap(EntriesSitemap):
    def items(self):
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        roots = site.root_page.get_translations(inclusive=True).only("path")
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree, alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def entries(self, pages):
        by_key = defaultdict(list)
        entries = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = absolute_url(url_info["location"])
                entries.append((item, url_info))
                by_key[item.translation_key].append((item.locale.language_code, url_info["location"]))
        urls = []
        for item, url_info in entries:
            versions = by_key[item.translation_key]
            if len(versions) > 1:
                url_info["alternates"] = [{"lang_code": code, "location": location} for code, location in versions]
            urls.append(url_info)
        return urls
