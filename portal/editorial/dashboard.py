"""Panels on the admin dashboard (Wagtail's ``construct_homepage_panels`` hook).

The core never imports a content app: the page types listed come from the apps'
declarations (``portal.registry``: ``approval`` and ``publications``), and view counts are
read from hitcount's generic rows (content type + object id).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from hitcount.models import HitCount
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from portal import registry
from portal.stats.admin_views import PERMISSION


def content_types(kind):
    """ContentTypes of the page types the apps declare under ``kind`` ("approval" or
    "publications")."""
    models = registry.page_models(kind)
    if not models:
        return ContentType.objects.none()
    return ContentType.objects.filter(pk__in=[ct.pk for ct in ContentType.objects.get_for_models(*models).values()])


def type_label(content_type):
    model = content_type.model_class()
    return model._meta.verbose_name if model is not None else content_type.model


def views_for(pages):
    """``{page id: hits}`` for specific pages, read from hitcount in one query."""
    query = Q()
    for page in pages:
        query |= Q(content_type_id=page.content_type_id, object_pk=page.pk)
    if not query:
        return {}
    return dict(HitCount.objects.filter(query).values_list("object_pk", "hits"))


def workflow_rows(states, user=None):
    """One row per workflow state whose page exists (the pages read in one query): the
    page, its type and who sent it; only pages ``user`` may edit, when a user is given."""
    pages = Page.objects.in_bulk([int(s.object_id) for s in states])
    rows = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None:
            continue
        if user is not None and not user.is_superuser and not page.permissions_for_user(user).can_edit():
            continue
        task_state = state.current_task_state
        rows.append(
            {
                "page": page,
                "type": type_label(ContentType.objects.get_for_id(page.content_type_id)),
                "requested_by": state.requested_by,
                "mine": user is not None and state.requested_by_id == user.pk,
                "state": state,
                "task_state": task_state,
            }
        )
    return rows


def changes_requested(user=None, limit=None):
    """Pages a reviewer sent back ("Yêu cầu chỉnh sửa"), with who sent them back, when and
    the comment: the pages of ``user`` (who sent them for approval) first, newest first.
    Only pages ``user`` may edit, when a user is given."""
    states = list(
        WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("requested_by", "current_task_state__finished_by", "current_task_state__task")
        .order_by("-current_task_state__finished_at", "-pk")
    )
    rows = workflow_rows(states, user)
    for row in rows:
        task_state = row["task_state"]
        row["reviewer"] = task_state.finished_by if task_state else None
        row["when"] = task_state.finished_at if task_state else row["state"].created_at
        row["comment"] = task_state.comment if task_state else ""
    rows.sort(key=lambda row: not row["mine"])  # stable: newest first within each group
    return rows[:limit] if limit else rows


class ChangesRequestedPanel(Component):
    """Pages sent back for changes, above everything else: the editor who must act sees
    their own first, with the reviewer's comment."""

    name = "editorial_changes_requested"
    template_name = "editorial/panels/workflow_pages.html"
    order = 85

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = changes_requested(request.user)
        return {"sent_back": True, "rows": rows[: settings.PORTAL_DASHBOARD_ROWS], "count": len(rows)}


class AwaitingApprovalPanel(Component):
    """Pages of the declared types submitted to the approval workflow and waiting for a
    reviewer, oldest request first (pages sent back are in ``ChangesRequestedPanel``)."""

    name = "editorial_awaiting_approval"
    template_name = "editorial/panels/workflow_pages.html"
    order = 90

    def get_context_data(self, parent_context):
        cts = {ct.pk: ct for ct in content_types("approval")}
        waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, content_type_id__in=cts)
        states = list(
            waiting.select_related("requested_by", "current_task_state__task").order_by("created_at")[
                : settings.PORTAL_DASHBOARD_ROWS
            ]
        )
        rows = workflow_rows(states)
        for row in rows:
            row["when"] = row["state"].created_at
            row["task"] = row["task_state"].task.name if row["task_state"] else ""
        counts = {}
        for ct_id in waiting.values_list("content_type_id", flat=True):
            counts[ct_id] = counts.get(ct_id, 0) + 1
        return {"rows": rows, "totals": [(type_label(cts[ct_id]), n) for ct_id, n in counts.items()]}


class LatestPublicationsPanel(Component):
    """The department's latest publications (plans, news, videos), with their views."""

    name = "editorial_latest_publications"
    template_name = "editorial/panels/latest_publications.html"
    order = 95

    def get_context_data(self, parent_context):
        cts = {ct.pk: ct for ct in content_types("publications")}
        pages = list(
            Page.objects.live()
            .filter(content_type_id__in=cts)
            .order_by("-first_published_at", "-pk")
            .only("id", "title", "first_published_at", "content_type_id", "url_path", "live")[
                : settings.PORTAL_DASHBOARD_ROWS
            ]
        )
        hits = views_for(pages)
        rows = [{"page": p, "type": type_label(cts[p.content_type_id]), "views": hits.get(p.pk, 0)} for p in pages]
        return {"rows": rows}


class StatisticsSummaryPanel(Component):
    """A few numbers and the most read pages; links to the full statistics report."""

    name = "editorial_statistics"
    template_name = "editorial/panels/statistics.html"
    order = 97

    def get_context_data(self, parent_context):
        page_cts = [ct.pk for ct in content_types("publications")]
        counted = HitCount.objects.filter(content_type_id__in=page_cts)
        total = counted.aggregate(total=Sum("hits"))["total"] or 0
        top = list(counted.order_by("-hits").values_list("object_pk", "hits")[:5])
        titles = dict(Page.objects.filter(pk__in=[pk for pk, _hits in top]).values_list("pk", "title"))
        since = timezone.now() - datetime.timedelta(days=30)
        published = Page.objects.live().filter(content_type_id__in=page_cts)
        return {
            "total_views": total,
            "live_count": published.count(),
            "recent_count": published.filter(first_published_at__gte=since).count(),
            "top": [(pk, titles[pk], hits) for pk, hits in top if pk in titles],
            # portal.stats is part of the core; the link only for those who may open it
            "report_url": reverse("stats_report") if parent_context["request"].user.has_perm(PERMISSION) else None,
        }


def panels():
    return [ChangesRequestedPanel(), AwaitingApprovalPanel(), LatestPublicationsPanel(), StatisticsSummaryPanel()]
