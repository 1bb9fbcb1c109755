"""Security headers on every response.

Django's ``SecurityMiddleware`` already sends HSTS (production), ``X-Content-Type-Options``,
``Referrer-Policy`` and ``Cross-Origin-Opener-Policy``, and ``XFrameOptionsMiddleware``
sends ``X-Frame-Options``. This adds what Django 5.2 lacks:

- ``Content-Security-Policy``: the strict ``PORTAL_CSP_PUBLIC`` on the public site (scripts
  only from our own origin: no inline script, no ``eval``) and ``PORTAL_CSP_ADMIN`` under the
  admin prefixes, because Wagtail's admin still ships a few inline scripts.
  A page preview (Wagtail renders it through the middleware with a dummy request for the
  page's public path, ``request.is_dummy``) gets the public policy with ``frame-ancestors
  'self'``: the editor shows it in an iframe of the admin, while the live page keeps
  refusing every frame.
- ``Permissions-Policy``: no camera, microphone, location, payment … for any page.
"""

from django.conf import settings


def _policy(directives):
    if isinstance(directives, str):
        return directives
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = _policy(settings.PORTAL_CSP_PUBLIC)
        public = settings.PORTAL_CSP_PUBLIC
        if isinstance(public, dict):
            public = {**public, "frame-ancestors": ["'self'"]}
        self.preview_policy = _policy(public)
        self.admin_policy = _policy(settings.PORTAL_CSP_ADMIN)
        self.admin_prefixes = tuple(settings.PORTAL_CSP_ADMIN_PREFIXES)
        self.permissions_policy = settings.PORTAL_PERMISSIONS_POLICY
        directives = settings.PORTAL_CSP_PUBLIC
        self._public_directives = directives if isinstance(directives, dict) else None
        self._monitoring_policies = {}

    def with_monitoring(self, request, policy):
        """The public policy plus exactly the monitoring script's origin, when one is set
        (portal/core/monitoring.py: script-src for the script, connect-src for its reports)."""
        from portal.core.monitoring import origin_for

        source = origin_for(request)
        if not source or self._public_directives is None:
            return policy
        if source not in self._monitoring_policies:
            directives = {name: list(values) for name, values in self._public_directives.items()}
            for name in ("script-src", "connect-src"):
                directives.setdefault(name, ["'self'"]).append(source)
            self._monitoring_policies[source] = _policy(directives)
        return self._monitoring_policies[source]

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path_info.startswith(self.admin_prefixes)
        if is_admin:
            policy = self.admin_policy
        elif getattr(request, "is_dummy", False):  # a preview, served inside the admin
            policy = self.preview_policy
        else:
            policy = self.public_policy
            if "text/html" in response.get("Content-Type", ""):
                policy = self.with_monitoring(request, policy)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response
