"""Portal hooks (Wagtail's own). What content apps give the page frame (home sections,
sidebar blocks, site sections, demo content) they declare in their ``AppConfig``
(``portal.registry``), not through hooks.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.models import AgencyProfile

register_snippet(AgencyProfile)


@hooks.register("before_serve_page")
def no_untranslated_copies(page, request, serve_args, serve_kwargs):
    """A page that exists in another language only as an alias (wagtail-localize makes
    one for an untranslated parent) is not shown as a copy of the original: 404."""
    if page.alias_of_id is not None:
        original_locale = type(page).objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
        if original_locale is not None and original_locale != page.locale_id:
            raise Http404(_("Trang này chưa được dịch."))
