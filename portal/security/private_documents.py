"""Private stays private: a document is not served to a visitor who could not see any live
page that uses it.

Wagtail protects a document only through its collection's privacy setting; a document in
a public collection is served to anyone who knows its URL, even when the only page that
links it is restricted to logged-in users or protected by a password. The
``before_serve_document`` hook closes that:

- Where a document is used is read from Wagtail's ``ReferenceIndex`` (inline attachments,
  document blocks in StreamFields, links in rich text, on pages and on snippets).
- If a live page that uses it is public, or something other than a page uses it, or
  nothing uses it, it is served as before.
- If every live page that uses it is restricted (by itself or an ancestor: login, groups,
  password), it is served only to a request that passes the restrictions of one of those
  pages (a logged-in user, a member of the groups, a visitor who entered the password in
  this session) and to admin users; anyone else gets a 403 page in Vietnamese that links
  the page where they can log in or enter the password.

The verdict per document ("public" or the ids of the restricted pages) is kept per content
generation (``portal.cache``), which changes with every publication, unpublication,
move and privacy edit: a public document costs no query after the first request.
"""

from django.template.response import TemplateResponse

PUBLIC = ("public",)


def _verdict(document):
    """``PUBLIC``, or ``("restricted", (page ids…))`` when every live page using the
    document is restricted."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from portal.cache.fragments import public

    page_type = ContentType.objects.get_for_model(Page)
    sources = ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id").distinct()
    page_ids = set()
    for base_type, object_id in sources:
        if base_type != page_type.pk:
            return PUBLIC  # used by a snippet or a setting: shown wherever that appears
        page_ids.add(int(object_id))
    if not page_ids:
        return PUBLIC
    live = Page.objects.filter(pk__in=page_ids, live=True)
    if not live.exists() or public(live).exists():
        return PUBLIC
    return ("restricted", tuple(live.order_by("path").values_list("pk", flat=True)))


def verdict(document):
    from portal.cache.fragments import cached

    return cached(("document_access", document.pk), lambda: _verdict(document), per_page=True)


def _passes(request, page):
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def before_serve_document(document, request):
    decision = verdict(document)
    if decision == PUBLIC:
        return None
    user = request.user
    if user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return None
    from wagtail.models import Page

    pages = list(Page.objects.filter(pk__in=decision[1]))
    if any(_passes(request, page) for page in pages):
        return None
    response = TemplateResponse(
        request,
        "security/document_restricted.html",
        {"document": document, "restricted_page": pages[0] if pages else None},
        status=403,
    )
    response["Cache-Control"] = "private, no-store"
    return response
