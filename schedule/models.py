"""Lịch công tác: the weekly work schedule of the department's leaders.

A ``ScheduleIndexPage`` (the section) holds one ``WeekSchedulePage`` per week; a week's
items (day, time, content, who chairs, who attends, where, who prepares) are edited on
the week's one admin screen (an ``InlinePanel``). The section shows the current week,
``?tuan=2026-W49`` another week, ``ical/`` the iCalendar feed.
"""

import datetime

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.cache.fragments import public
from schedule import weeks
from schedule.forms import WeekSchedulePageForm

DAY_CHOICES = [
    (0, pgettext_lazy("weekday", "Thứ 2")),
    (1, pgettext_lazy("weekday", "Thứ 3")),
    (2, pgettext_lazy("weekday", "Thứ 4")),
    (3, pgettext_lazy("weekday", "Thứ 5")),
    (4, pgettext_lazy("weekday", "Thứ 6")),
    (5, pgettext_lazy("weekday", "Thứ 7")),
    (6, pgettext_lazy("weekday", "Chủ nhật")),
]
#: Weeks the iCalendar feed covers, before and after the current week.
FEED_WEEKS_BEFORE = 4
FEED_WEEKS_AFTER = 8


def sort_items(items):
    """Day, then all-day items first, then by time (an editor may enter them in any order)."""
    return sorted(
        items, key=lambda i: (i.day, i.start_time is not None, i.start_time or datetime.time(), i.sort_order or 0)
    )


class ScheduleItemsField(serializers.Field):
    """A week's items in the API (``/api/v2/pages/?type=schedule.WeekSchedulePage&fields=items``),
    in the order the public page shows them, with their dates."""

    def to_representation(self, manager):
        page = manager.instance
        return [
            {
                "date": item.date_in(page.week_start).isoformat(),
                "start_time": item.start_time.strftime("%H:%M") if item.start_time else None,
                "end_time": item.end_time.strftime("%H:%M") if item.end_time else None,
                "content": item.content,
                "chair": item.chair,
                "participants": item.participants,
                "location": item.location,
                "preparation": item.preparation,
            }
            for item in sort_items(manager.all())
        ]


class ScheduleIndexPage(RoutablePageMixin, Page):
    """Lịch công tác: the current week, other weeks by ``?tuan=``, the iCalendar feed."""

    intro = models.TextField(
        _("giới thiệu"),
        blank=True,
        help_text=_("Một câu giới thiệu ở đầu trang lịch công tác (có thể để trống)."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["schedule.WeekSchedulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang lịch công tác")
        verbose_name_plural = _("trang lịch công tác")

    # --- queries ----------------------------------------------------------------------

    def weeks(self):
        return public(WeekSchedulePage.objects.live()).child_of(self)

    def week_page(self, monday):
        """The published schedule of the week starting ``monday`` (one query), or None."""
        return self.weeks().filter(week_start=monday).order_by("-last_published_at", "-pk").first()

    # --- addresses --------------------------------------------------------------------

    def week_url(self, monday, request=None):
        return f"{self.get_url(request) or '/'}?tuan={weeks.week_param(monday)}"

    def ical_url(self, request=None):
        return (self.get_url(request) or "/") + self.reverse_subpage("ical")

    # --- views ------------------------------------------------------------------------

    @path("")
    def week_view(self, request):
        raw = request.GET.get("tuan", "")
        monday, bad_week, status = weeks.current_monday(), None, 200
        if raw:
            parsed = weeks.parse_week(raw)
            if parsed is None:
                bad_week, status = raw[:40], 400
            else:
                monday = parsed
        week = self.week_page(monday)
        items = list(week.items.all()) if week is not None else []
        context = self.get_context(request)
        context.update(week_context(self, monday, week, items, request))
        context["bad_week"] = bad_week
        return TemplateResponse(request, "schedule/schedule_index_page.html", context, status=status)

    @path("ical/", name="ical")
    def ical(self, request):
        from schedule.ical import calendar_response

        first = weeks.current_monday() - datetime.timedelta(weeks=FEED_WEEKS_BEFORE)
        last = weeks.current_monday() + datetime.timedelta(weeks=FEED_WEEKS_AFTER)
        pages = (
            self.weeks()
            .filter(week_start__range=(first, last))
            .order_by("week_start", "-last_published_at")
            .prefetch_related("items")
        )
        return calendar_response(self, pages, request)


def week_context(index_page, monday, week, items, request=None):
    """What the week table needs: the seven days with their items, the navigation."""
    by_day = {day: [] for day in range(7)}
    for item in sort_items(items):
        by_day[item.day].append(item)
    current = weeks.today()
    days = [
        {"date": date, "items": by_day[date.weekday()], "is_today": date == current} for date in weeks.days_of(monday)
    ]
    previous, following = monday - datetime.timedelta(weeks=1), monday + datetime.timedelta(weeks=1)
    context = {
        "week": week,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week_number": weeks.week_number(monday),
        "week_param": weeks.week_param(monday),
        "days": days,
        "has_items": bool(items),
        "is_current_week": monday == weeks.monday_of(current),
        "schedule_index": index_page,
    }
    if index_page is not None:
        context.update(
            {
                "previous_url": index_page.week_url(previous, request),
                "next_url": index_page.week_url(following, request),
                "current_url": index_page.get_url(request),
                "ical_url": index_page.ical_url(request),
                "previous_param": weeks.week_param(previous),
                "next_param": weeks.week_param(following),
            }
        )
    return context


class WeekSchedulePage(Page):
    """Lịch công tác của một tuần: mọi việc trong tuần trên một màn hình."""

    week_start = models.DateField(
        _("tuần bắt đầu từ"),
        db_index=True,
        help_text=_("Ngày thứ Hai đầu tuần (ngày/tháng/năm). Nếu chọn ngày khác, lịch được xếp vào tuần có ngày đó."),
    )
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        help_text=_("Ghi chú chung cho cả tuần, hiển thị dưới bảng lịch (có thể để trống)."),
    )

    base_form_class = WeekSchedulePageForm

    content_panels = [
        FieldPanel("week_start"),
        FieldPanel("title", help_text=_("Để trống: tự đặt là “Lịch công tác tuần N (từ … đến …)”.")),
        InlinePanel(
            "items",
            heading=_("Các việc trong tuần"),
            label=_("Việc"),
            help_text=_(
                "Mỗi việc một dòng; trang công khai tự xếp theo ngày và giờ. "
                "Đánh dấu “Lặp lại hằng tuần” để việc được chép sang tuần sau."
            ),
        ),
        FieldPanel("note"),
    ]
    search_fields = Page.search_fields + [
        index.FilterField("week_start"),
        index.RelatedFields(
            "items",
            [index.SearchField("content"), index.SearchField("chair"), index.SearchField("location")],
        ),
    ]
    api_fields = [
        APIField("week_start"),
        APIField("note"),
        APIField("items", serializer=ScheduleItemsField(read_only=True)),
    ]

    parent_page_types = ["schedule.ScheduleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")

    @staticmethod
    def default_title(monday):
        sunday = monday + datetime.timedelta(days=6)
        # In the content's language (Vietnamese), whatever language the editor's admin is in.
        return f"Lịch công tác tuần {weeks.week_number(monday)} (từ {monday:%d/%m/%Y} đến {sunday:%d/%m/%Y})"

    @staticmethod
    def default_slug(monday):
        return f"tuan-{weeks.week_number(monday):02d}-{monday.isocalendar()[0]}"

    def save(self, *args, **kwargs):
        if self.week_start:
            self.week_start = weeks.monday_of(self.week_start)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = ScheduleIndexPage.objects.filter(path=self.path[: -self.steplen]).first()
        monday = weeks.monday_of(self.week_start) if self.week_start else weeks.current_monday()
        context.update(week_context(index_page, monday, self, list(self.items.all()), request))
        return context

    def recurring_items(self):
        return [item for item in self.items.all() if item.recurring]


class ScheduleItem(Orderable):
    """Một việc trong lịch tuần."""

    page = ParentalKey(WeekSchedulePage, on_delete=models.CASCADE, related_name="items")
    day = models.PositiveSmallIntegerField(
        pgettext_lazy("schedule", "ngày"), choices=DAY_CHOICES, help_text=_("Ngày trong tuần.")
    )
    start_time = models.TimeField(
        _("giờ bắt đầu"), null=True, blank=True, help_text=_("HH:MM, ví dụ 07:30; để trống nếu là việc cả ngày.")
    )
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True, help_text=_("HH:MM (có thể để trống)."))
    content = models.TextField(_("nội dung"), help_text=_("Nội dung công việc, cuộc họp, chuyến công tác."))
    chair = models.CharField(
        _("chủ trì"), max_length=255, blank=True, help_text=_("Lãnh đạo chủ trì, ví dụ: Giám đốc Sở.")
    )
    participants = models.TextField(
        _("thành phần"), blank=True, help_text=_("Thành phần tham dự, ví dụ: Lãnh đạo Sở, Trưởng các phòng.")
    )
    location = models.CharField(
        _("địa điểm"), max_length=255, blank=True, help_text=_("Nơi diễn ra, ví dụ: Phòng họp tầng 2, Sở Nội vụ.")
    )
    preparation = models.CharField(
        _("chuẩn bị"), max_length=255, blank=True, help_text=_("Đơn vị chuẩn bị nội dung, ví dụ: Văn phòng Sở.")
    )
    recurring = models.BooleanField(
        _("lặp lại hằng tuần"),
        default=False,
        help_text=_("Việc định kỳ (chào cờ, giao ban, tiếp công dân…): được chép sang lịch tuần sau."),
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair"), FieldPanel("location")]),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("preparation")]),
        FieldPanel("recurring"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("việc trong lịch")
        verbose_name_plural = _("việc trong lịch")

    def __str__(self):
        return self.content[:80]

    @property
    def date(self):
        return self.page.week_start + datetime.timedelta(days=self.day)

    def date_in(self, monday):
        return monday + datetime.timedelta(days=self.day)

    def copy_fields(self):
        names = ("day", "start_time", "end_time", "content", "chair", "participants", "location", "preparation")
        return {name: getattr(self, name) for name in names} | {"recurring": self.recurring}

    def same_as(self, other):
        return (self.day, self.start_time, self.content.strip()) == (other.day, other.start_time, other.content.strip())
