"""One middleware in front of the admin views that can publish or change what the public
sees, and the request's user for the model-level guards.

Wagtail checks the publish right in its own page views (edit, bulk actions, copy, move,
unpublish, privacy, scheduling), but wagtail-localize's "sync translated pages" and
"convert to alias", and the deletion and file replacement of documents and images, rely
on weaker rights. The guards of ``publish_guard`` and ``media_guard`` are looked up here
by URL name (``request.resolver_match.view_name``) and run before the view; a guard
answers with a redirect and a message, or adjusts the request, or lets it pass.

The model-level guards (signals on documents and images) need the user behind a save or a
delete: ``acting_user()`` gives it for the current request, ``None`` outside one
(management commands, the demo loader: trusted code).
"""

from contextvars import ContextVar

from django.shortcuts import redirect
from django.utils import translation

_current_request = ContextVar("portal_admin_request", default=None)


def acting_user():
    """The authenticated user of the request being handled, or ``None``."""
    request = _current_request.get()
    user = getattr(request, "user", None) if request is not None else None
    if user is None or not user.is_authenticated:
        return None
    return user


def refuse(request, message, to):
    """Redirect to ``to`` with an error ``message`` in the user's admin language."""
    from wagtail.admin import messages

    with translation.override(admin_language(request.user)):
        messages.error(request, str(message))
    return redirect(to)


def admin_language(user):
    from wagtail.users.models import UserProfile

    try:
        return UserProfile.get_for_user(user).get_preferred_language()
    except Exception:  # a user without a profile row: the site's language
        return translation.get_language()


def _guards():
    from portal.editorial import media_guard, publish_guard

    return {**publish_guard.VIEW_GUARDS, **media_guard.VIEW_GUARDS}


class AdminGuardMiddleware:
    guards = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
            if getattr(request, "_portal_staged_files", None):
                from portal.editorial.file_history import discard_unused_copies

                discard_unused_copies(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        if AdminGuardMiddleware.guards is None:
            AdminGuardMiddleware.guards = _guards()
        guard = AdminGuardMiddleware.guards.get(match.view_name)
        if guard is None or not request.user.is_authenticated:
            return None
        return guard(request, **view_kwargs)
