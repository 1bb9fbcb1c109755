from django.db import models
from django.utils.translation import gettext_lazy as _


class ThrottleFailure(models.Model):
    """One failed attempt at a guarded form (see ``portal.security.login_throttle``).

    One row per failure and per thing it counts against (the account and the client's
    address), so every worker and app server reads the same counts from the database,
    and a count is exactly the rows of the last window (no reset at a window's edge)."""

    scope = models.CharField(_("form"), max_length=16)
    kind = models.CharField(_("kind"), max_length=8)
    key = models.CharField(_("key"), max_length=64)
    at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("failed attempt")
        verbose_name_plural = _("failed attempts")
        indexes = [models.Index(fields=["scope", "kind", "key", "at"], name="portal_sec_throttle_lookup")]

    def __str__(self):
        return f"{self.scope}/{self.kind} {self.at:%Y-%m-%d %H:%M:%S}"
