"""The week's admin form: the title and address fill themselves in, one schedule per week."""

from django.utils.translation import gettext as _

from portal.editorial.page_form import PortalPageForm
from schedule import weeks


class WeekSchedulePageForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        from schedule.models import WeekSchedulePage

        cleaned = self.cleaned_data
        start = cleaned.get("week_start")
        if start:
            monday = weeks.monday_of(start)
            cleaned["week_start"] = monday
            if not cleaned.get("title"):
                cleaned["title"] = WeekSchedulePage.default_title(monday)
            if "slug" in self.fields and not cleaned.get("slug"):
                cleaned["slug"] = WeekSchedulePage.default_slug(monday)
            parent = getattr(self, "parent_page", None)
            if parent is not None:
                others = WeekSchedulePage.objects.child_of(parent).filter(week_start=monday)
                if self.instance.pk:
                    others = others.exclude(pk=self.instance.pk)
                if others.exists():
                    self.add_error(
                        "week_start",
                        _("Tuần %(week)s đã có lịch công tác; hãy sửa lịch đó thay vì tạo lịch mới.")
                        % {"week": weeks.week_param(monday)},
                    )
        elif not cleaned.get("title"):
            self.add_error("title", _("Cần nhập tiêu đề hoặc chọn tuần để tiêu đề tự điền."))
        return super().clean()
