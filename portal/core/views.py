from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from portal.cache.fragments import CountCachingPaginator
from portal.core.params import parse_int
from portal.core.public_url import absolute_url


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    sitemap_url = absolute_url("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /en/search/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def paginate(request, queryset, per_page, cache_key=None):
    """Return the requested page; a missing, malformed or out-of-range ``?page=``
    gives the first page (or the last, when the number is beyond the end). The total and
    the rows are kept until the next publication (``cache_key``: see CountCachingPaginator)."""
    paginator = CountCachingPaginator(queryset, per_page, cache_key=cache_key)
    number = parse_int(request.GET.get("page"), minimum=1, default=1)
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(paginator.num_pages if number > 1 else 1)


def frontend_login(request):
    """Wagtail's front-end login (``/_util/login/``) is replaced by the admin login, which
    is rate-limited and asks for the two-step code; ``?next=`` is kept, nothing is posted."""
    target = settings.WAGTAIL_FRONTEND_LOGIN_URL
    next_url = request.GET.get("next", "")
    return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
