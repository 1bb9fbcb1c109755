"""Open data (Thông tư 22/2023: information shared as web services): Wagtail's API v2 at
``/api/v2/`` — ``pages``, ``documents``, ``images`` — read-only and public content only.

- Pages: live and public only (Wagtail's own rule: no drafts, nothing under a login,
  group or password restriction); the fields each page type lists in ``api_fields``.
- Documents: none in a private collection, and none that ``portal.security.private_documents``
  would refuse to serve (every live page using it is restricted).
- Images: none in a private collection.
- JSON only (no browsable HTML API), ``Access-Control-Allow-Origin: *`` so that other
  agencies' pages may read it; anonymous answers get the public pages' cache headers
  (``portal.cache``); each source (``portal.security.client_ip``) may make at most
  ``PORTAL_API_RATE`` requests (429 in Vietnamese with ``Retry-After`` past it).
"""

import math

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.security.client_ip import get_client_source


class SourceRateThrottle(SimpleRateThrottle):
    """Requests per source (an IPv4 address or an IPv6 /64), counted in the shared cache."""

    scope = "portal_api"

    def get_rate(self):
        return getattr(settings, "PORTAL_API_RATE", "120/min")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": get_client_source(request)}


class TooManyRequests(exceptions.Throttled):
    def __init__(self, wait=None):
        self.wait = math.ceil(wait) if wait is not None else None
        exceptions.APIException.__init__(
            self,
            _("Quá nhiều yêu cầu từ cùng một địa chỉ; vui lòng thử lại sau %(seconds)s giây.")
            % {"seconds": self.wait or 60},
        )


class PortalAPIMixin:
    renderer_classes = [JSONRenderer]
    throttle_classes = [SourceRateThrottle]
    http_method_names = ["get", "head", "options"]

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class PortalPagesAPIViewSet(PortalAPIMixin, PagesAPIViewSet):
    pass


def refused_document_ids():
    """Ids of documents every live page using them is restricted (the documents
    ``portal.security.private_documents`` refuses), kept per publication generation."""
    from portal.cache.fragments import cached

    return cached(("api_refused_documents",), _refused_document_ids)


def _refused_document_ids():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.models import Page, ReferenceIndex

    from portal.cache.fragments import public

    page_type = ContentType.objects.get_for_model(Page)
    refs = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model())
    ).values_list("to_object_id", "base_content_type_id", "object_id")
    by_document, shown_elsewhere = {}, set()
    for document_id, base_type, object_id in refs:
        if base_type != page_type.pk:
            shown_elsewhere.add(document_id)
        else:
            by_document.setdefault(document_id, set()).add(int(object_id))
    page_ids = set().union(*by_document.values()) if by_document else set()
    live = Page.objects.filter(pk__in=page_ids, live=True)
    live_ids = set(live.values_list("pk", flat=True))
    public_ids = set(public(live).values_list("pk", flat=True))
    refused = set()
    for document_id, pages in by_document.items():
        if document_id in shown_elsewhere:
            continue
        if pages & live_ids and not pages & public_ids:
            refused.add(int(document_id))
    return frozenset(refused)


class PortalDocumentsAPIViewSet(PortalAPIMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(pk__in=refused_document_ids())


class PortalImagesAPIViewSet(PortalAPIMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=get_restricted_collection_ids(self.request))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
