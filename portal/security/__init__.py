"""Security for a public government portal: response headers (CSP and friends), the
real client address behind the proxy, admin login throttling, optional two-factor
authentication and upload checks. Settings live in the ``# --- security ---`` block of
``portal/settings/base.py`` and in ``portal/settings/production.py``."""
