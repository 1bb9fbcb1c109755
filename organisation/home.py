"""What the app adds to the home page and to the footer of every page (declared in
``OrganisationConfig.portal``; the core caches both per site and language until the next
publication or edit)."""

from django.template.loader import render_to_string
from wagtail.models import Locale, Page

from portal.cache.fragments import public

#: The app's pages linked from the home page's quick links, in this order.
QUICK_LINKS = ("leadershippage", "organisationpage", "spokespersonpage", "informationaccesspage", "sitemappage")
#: The app's pages linked from the footer.
FOOTER_LINKS = ("spokespersonpage", "informationaccesspage", "sitemappage")


def _locale_id(context):
    page = context.get("page")
    if getattr(page, "locale_id", None):
        return page.locale_id
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None


def _pages(context, locale_id, names):
    """The app's live, public pages of the types ``names`` in ``locale_id``, in that order.
    One query per request for every block of the app (the view restrictions are the
    core's cached ones)."""
    request = context.get("request")
    memo = getattr(request, "_organisation_pages", None) if request is not None else None
    if memo is None or memo[0] != locale_id:
        pages = list(
            public(Page.objects.live())
            .filter(locale_id=locale_id, content_type__app_label="organisation")
            .select_related("content_type")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "content_type__model")
        )
        memo = (locale_id, pages)
        if request is not None:
            request._organisation_pages = memo
    found = [page for page in memo[1] if page.content_type.model in names]
    return sorted(found, key=lambda p: names.index(p.content_type.model))


def quick_links(context):
    """``home_sections``: a row of links to the department's pages (Lãnh đạo Sở, Cơ cấu
    tổ chức, Người phát ngôn, Tiếp cận thông tin, Sơ đồ cổng)."""
    pages = _pages(context, _locale_id(context), QUICK_LINKS)
    if not pages:
        return ""
    return render_to_string(
        "organisation/includes/quick_links.html", {"pages": pages, "request": context.get("request")}
    )


def footer_spokesperson(context):
    """``footer_blocks``: the spokesperson (NĐ 09/2017) and links to Người phát ngôn,
    Tiếp cận thông tin and Sơ đồ cổng."""
    from organisation.models import OrganisationSettings

    request = context.get("request")
    locale_id = _locale_id(context)
    settings = OrganisationSettings.for_request(request) if request is not None else None
    officers = settings.people(locale_id, photos=False) if settings is not None else {}
    pages = _pages(context, locale_id, FOOTER_LINKS)
    if not officers.get("spokesperson") and not pages:
        return ""
    return render_to_string(
        "organisation/includes/footer_block.html",
        {"spokesperson": officers.get("spokesperson"), "pages": pages, "request": request},
    )
