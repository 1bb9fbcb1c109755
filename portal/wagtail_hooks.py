"""Portal hooks.

Content apps add their blocks to the shared page frame by registering functions on
these hooks in their own ``wagtail_hooks.py``; the portal never imports them:

- ``portal_sidebar_blocks``: ``fn(context) -> str`` (HTML), shown in the sidebar of
  every page, in hook order.
- ``portal_home_sections``: ``fn(context) -> str`` (HTML), shown on the home page.
- ``portal_load_demo``: ``fn(home, stdout)``, called by ``manage.py load_demo`` after the
  portal's own pages exist; must be idempotent.
"""

from wagtail.snippets.models import register_snippet  # noqa: E402

from portal.models import AgencyProfile  # noqa: E402

register_snippet(AgencyProfile)
