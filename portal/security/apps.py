from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "portal.security"
    label = "portal_security"
    verbose_name = "An toàn thông tin"

    def ready(self):
        from . import login_throttle  # noqa: F401  (connects the login signals)
