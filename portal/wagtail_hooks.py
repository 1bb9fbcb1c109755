"""Portal hooks.

Content apps add their blocks to the shared page frame by registering functions on
these hooks in their own ``wagtail_hooks.py``; the portal never imports them:

- ``portal_sidebar_blocks``: ``fn(context) -> str`` (HTML), shown in the sidebar of
  every page, in hook order.
- ``portal_home_sections``: ``fn(context) -> str`` (HTML), shown on the home page.
- ``portal_site_sections``: ``fn(home, stdout)``, the app's sections of the department's
  site (listings, categories; no content), created by ``manage.py setup_site`` and
  ``manage.py load_demo`` (``portal/site_structure.py``); must be idempotent.
- ``portal_load_demo``: ``fn(home, stdout)``, called by ``manage.py load_demo`` after the
  structure exists, to add demo content; must be idempotent.
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
