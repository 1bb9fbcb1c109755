"""Copying recurring items from one week to the next (the editors' "chép tuần trước").

Both actions work on drafts (a new revision), never publish: the week then goes through
the approval workflow like any page.
"""

import datetime

from django.db import transaction
from wagtail.log_actions import log

from schedule import weeks


def latest(page):
    """The page as the editors last saved it (its newest revision)."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def week_page(index, monday):
    from schedule.models import WeekSchedulePage

    return (
        WeekSchedulePage.objects.child_of(index)
        .filter(week_start=monday)
        .order_by("-latest_revision_created_at", "-pk")
        .first()
    )


def previous_week_page(index, monday):
    return week_page(index, monday - datetime.timedelta(weeks=1))


def next_monday(index):
    """The week an editor most likely wants to add: the one after the newest schedule, or
    the current week when the newest is older."""
    from schedule.models import WeekSchedulePage

    newest = WeekSchedulePage.objects.child_of(index).order_by("-week_start").values_list("week_start", flat=True)
    newest = newest.first()
    current = weeks.current_monday()
    if newest is None or newest < current:
        return current
    return newest + datetime.timedelta(weeks=1)


def add_recurring(target, source):
    """Add ``source``'s recurring items to ``target`` (in memory) unless ``target`` already
    has the same item (day, time, content). Returns how many were added."""
    from schedule.models import ScheduleItem

    existing = list(target.items.all())
    added = 0
    order = max((item.sort_order or 0 for item in existing), default=-1)
    for item in source.items.all():
        if not item.recurring or any(item.same_as(other) for other in existing):
            continue
        order += 1
        copy = ScheduleItem(sort_order=order, **item.copy_fields())
        target.items.add(copy)
        existing.append(copy)
        added += 1
    return added


@transaction.atomic
def copy_into(page, user=None):
    """Copy the previous week's recurring items into ``page``'s newest draft.
    Returns ``(added, source_page or None)``."""
    index = page.get_parent().specific
    source = previous_week_page(index, page.week_start)
    if source is None:
        return 0, None
    draft = latest(page)
    added = add_recurring(draft, latest(source))
    if added:
        draft.save_revision(user=user, log_action=True)
    return added, source


@transaction.atomic
def create_week(index, monday, user=None):
    """A draft schedule for the week of ``monday`` under ``index``, with the previous
    week's recurring items. Returns ``(page, added)``."""
    from schedule.models import WeekSchedulePage

    page = WeekSchedulePage(
        title=WeekSchedulePage.default_title(monday),
        slug=WeekSchedulePage.default_slug(monday),
        week_start=monday,
        live=False,
        has_unpublished_changes=True,
        owner=user,
        locale_id=index.locale_id,
    )
    source = previous_week_page(index, monday)
    added = add_recurring(page, latest(source)) if source is not None else 0
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user)
    return page, added
