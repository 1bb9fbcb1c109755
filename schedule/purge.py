"""URLs beyond a page and its ancestors that show a published week (``purge_urls``)."""


def urls_for(page):
    from schedule.models import ScheduleIndexPage, WeekSchedulePage
    from schedule.weeks import week_param

    page = page.specific_deferred if type(page).__name__ == "Page" else page
    if isinstance(page, WeekSchedulePage):
        index = ScheduleIndexPage.objects.filter(path=page.path[: -page.steplen]).first()
        if index is None:
            return []
        base = index.get_full_url()
        if not base:
            return []
        return [base + index.reverse_subpage("ical"), f"{base}?tuan={week_param(page.week_start)}"]
    if isinstance(page, ScheduleIndexPage):
        base = page.get_full_url()
        return [base + page.reverse_subpage("ical")] if base else []
    return []
