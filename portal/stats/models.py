"""Compact storage for visitor statistics.

Per-page totals live in dj-hitcount's ``HitCount`` rows (authoritative, editable in
the admin). This app keeps what hitcount has no place for: the site-wide total, daily
totals, views per page per day, and short-lived rows for de-duplication, visits and
"online now" (keyed by a salted hash, never a raw IP address).

The hot-path tables use integer Unix timestamps so that the upserts in
``portal.stats.stores.db`` are plain, portable SQL on SQLite and PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteTotal(models.Model):
    """One row (id=1): total visits = the imported starting value + visits counted here."""

    imported = models.BigIntegerField(_("số lượt truy cập nhập từ trang cũ"), default=0)
    counted = models.BigIntegerField(_("số lượt truy cập đã đếm"), default=0)

    class Meta:
        verbose_name = _("tổng lượt truy cập")
        verbose_name_plural = _("tổng lượt truy cập")

    def __str__(self):
        return f"{self.total}"

    @property
    def total(self):
        return self.imported + self.counted


class DailyTotal(models.Model):
    day = models.DateField(_("ngày"), primary_key=True)
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)
    views = models.PositiveIntegerField(_("lượt xem trang"), default=0)
    visitors = models.PositiveIntegerField(_("người truy cập"), default=0)

    class Meta:
        verbose_name = _("thống kê ngày")
        verbose_name_plural = _("thống kê ngày")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.visits}"


class DailyPageViews(models.Model):
    """Views of one page (content type + object id, as hitcount) on one day."""

    day = models.DateField(_("ngày"))
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_pk = models.PositiveIntegerField(_("mã đối tượng"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang theo ngày")
        verbose_name_plural = _("lượt xem trang theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["day", "content_type", "object_pk"], name="stats_page_day_unique"),
        ]

    def __str__(self):
        return f"{self.day} {self.content_type_id}:{self.object_pk}: {self.views}"


class RecentVisitor(models.Model):
    """A visitor (salted hash) seen today: for visits, daily visitors and online now."""

    visitor = models.CharField(max_length=32, primary_key=True)
    hits = models.PositiveIntegerField(default=1)  # beacons seen from this visitor
    last_seen = models.BigIntegerField(db_index=True)
    visit_hit = models.PositiveIntegerField(default=1)  # the beacon that started the current visit

    def __str__(self):
        return self.visitor


class RecentView(models.Model):
    """When a visitor's view of a page was last counted (de-duplication window)."""

    key = models.CharField(max_length=48, primary_key=True)
    counted_at = models.BigIntegerField(db_index=True)

    def __str__(self):
        return self.key


class RateBucket(models.Model):
    """A per-source token bucket (GCRA, see ``portal.stats.limits``): its key is a salted
    hash of the source, ``tat`` its theoretical arrival time in Unix milliseconds."""

    bucket = models.CharField(max_length=48, primary_key=True)
    tat = models.BigIntegerField(db_index=True, default=0)

    def __str__(self):
        return self.bucket


class DailySalt(models.Model):
    """A random salt per day; dropped after two days so old hashes cannot be linked."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class FlushBatch(models.Model):
    """A batch of Redis increments already applied (makes ``flush_stats`` idempotent)."""

    token = models.CharField(max_length=64, primary_key=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.token
