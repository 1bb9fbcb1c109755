from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import api as portal_api
from portal.core import views
from portal.search import views as search_views
from portal.sitemap import PortalSitemap

handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("_stats/", include("portal.stats.urls")),
    path("api/v2/", portal_api.api_router.urls),  # open data (portal/core/api.py, docs/api.md)
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.PORTAL_SERVE_MEDIA:
    from portal.core.media_view import public_media

    urlpatterns += [re_path(r"^media/(?P<path>.+)$", public_media, name="public_media")]

urlpatterns += i18n_patterns(
    path(_("tim-kiem/"), search_views.search, name="search"),
    # Wagtail's second login form is not offered: one throttled login (see login_throttle).
    path("_util/login/", views.frontend_login, name="portal_frontend_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
