"""Taking in what a citizen sends: guards, limits, one transaction, then the mails.

Form pages are served fresh to everyone (``Cache-Control: private, no-store``) with
Django's CSRF token and a signed timestamp made for that view: the listings and articles
stay cacheable, and only the few form views are rendered per visitor. See
docs/hoi-dap.md ("Bộ nhớ đệm và biểu mẫu").

A POST goes through, in order:

1. the guards of the form (honeypot, minimum fill time, expiry) → 400;
2. the form's own validation (lengths, e-mail/phone, attachment checks) → 400;
3. in ONE transaction: the source's row is locked, the submissions from that source in
   the last window are counted (over the limit → 429, nothing stored), the yearly
   reference number is taken, the submission is saved and its mails are queued;
4. after the commit, the mails are sent (or left for the timer), and the visitor is
   redirected to the page with the reference number.

Every refusal shows the form again with what the person typed and a Vietnamese message.
"""

import hashlib
import hmac
import logging
import math
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens import outbox
from citizens.forms import Refused
from citizens.models import CitizensSettings, Kind, ReferenceCounter, SourceBudget, Submission
from portal.core.public_url import absolute_url
from portal.security.client_ip import get_client_source

logger = logging.getLogger("citizens")

DONE_PARAM = "ma-so"
DONE_SALT = "citizens.done"


class Limited(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def limit():
    return (
        int(getattr(settings, "PORTAL_CITIZENS_LIMIT_PER_SOURCE", 5)),
        int(getattr(settings, "PORTAL_CITIZENS_LIMIT_WINDOW_SECONDS", 3600)),
    )


def source_hash(source):
    return hmac.new(settings.SECRET_KEY.encode(), f"citizens:{source}".encode(), hashlib.sha256).hexdigest()[:40]


def next_number(kind, year):
    """The next number of ``kind`` in ``year``; call inside a transaction. The UPDATE locks
    the counter's row (PostgreSQL) or the database (SQLite) until the commit, so two
    submissions at once get different numbers and a rolled-back one gives its number back."""
    if not ReferenceCounter.objects.filter(kind=kind, year=year).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(kind=kind, year=year, last=1)
                return 1
        except IntegrityError:  # created meanwhile by another submission
            ReferenceCounter.objects.filter(kind=kind, year=year).update(last=F("last") + 1)
    return ReferenceCounter.objects.values_list("last", flat=True).get(kind=kind, year=year)


def format_reference(kind, year, number):
    return f"{kind}-{year}-{number:06d}"


def _check_budget(key, now):
    """Lock the source's row and raise :class:`Limited` when it is over the limit."""
    most, window = limit()
    try:
        with transaction.atomic():
            SourceBudget.objects.get_or_create(key=key)
    except IntegrityError:
        pass
    SourceBudget.objects.filter(key=key).update(touched_at=now)  # the lock, held to the commit
    since = now - timedelta(seconds=window)
    recent = Submission.objects.filter(source_hash=key, created_at__gt=since)
    count = recent.count()
    if count >= most:
        oldest = recent.order_by("created_at").values_list("created_at", flat=True)[count - most]
        raise Limited(max(1, math.ceil((oldest - since).total_seconds())))


def save_submission(form, request, page):
    """Save ``form``'s submission and queue its mails, in one transaction."""
    data = form.cleaned_data
    now = timezone.now()
    key = source_hash(get_client_source(request))
    with transaction.atomic():
        _check_budget(key, now)
        year = timezone.localtime(now).year
        submission = Submission(
            kind=form.kind,
            reference=format_reference(form.kind, year, next_number(form.kind, year)),
            created_at=now,
            name=data["name"],
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            address=data.get("address") or "",
            topic=data.get("topic"),
            title=data.get("title") or "",
            content=data["content"],
            consent_at=now,
            source_hash=key,
            consultation=page if form.kind == Kind.COMMENT else None,
        )
        if submission.consultation is not None and not submission.title:
            submission.title = page.title[:200]
        attachment = data.get("attachment")
        if attachment:
            attachment.name = f"{submission.reference}.{attachment.portal_extension}"
            submission.attachment = attachment
        submission.refresh_search_text()
        submission.save()
        queue_received_mails(submission, request)
    return submission


def queue_received_mails(submission, request):
    context = {"submission": submission, "site_name": _site_name(), "admin_url": _admin_url(submission)}
    if submission.email:
        outbox.queue(
            submission.email,
            _("[%(site)s] Đã nhận thư của bạn – Mã số: %(reference)s")
            % {"site": context["site_name"], "reference": submission.reference},
            "citizens/mail/received",
            context,
            submission,
        )
    notify = CitizensSettings.load(request_or_site=request).notify_email
    if notify:
        outbox.queue(
            notify,
            _("Thư mới của người dân: %(reference)s – %(title)s")
            % {"reference": submission.reference, "title": submission.title or submission.get_kind_display()},
            "citizens/mail/new_submission",
            context,
            submission,
        )


def _site_name():
    return "Sở Nội vụ tỉnh Kon Tum"


def _admin_url(submission):
    from django.urls import reverse

    try:
        return absolute_url(reverse("citizens_submission:edit", args=[submission.pk]))
    except Exception:
        return ""


# --- The view ------------------------------------------------------------------------


def done_reference(request):
    token = request.GET.get(DONE_PARAM)
    if not token:
        return None
    try:
        return signing.loads(token, salt=DONE_SALT, max_age=3600)
    except signing.BadSignature:
        return None


def _render(page, request, form, template, extra, status=200, message=None):
    context = page.get_context(request)
    context.update(extra)
    context.update(
        {
            "form": form,
            "refusal": message,
            "privacy_url": privacy_url(request),
            "done_reference": done_reference(request) if request.method == "GET" else None,
        }
    )
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def privacy_url(request):
    page = CitizensSettings.load(request_or_site=request).privacy_page
    return page.url if page is not None else ""


def handle(page, request, form_class, template, extra):
    if request.method != "POST":
        return _render(page, request, form_class(), template, extra)
    form = form_class(request.POST, request.FILES)
    try:
        form.check_guards()
    except Refused as refusal:
        logger.info("Refused a %s form from %s: %s", form.kind, get_client_source(request), refusal.message)
        form.renew_started()
        form.is_valid()  # show the field errors too, if any
        return _render(page, request, form, template, extra, status=400, message=refusal.message)
    if not form.is_valid():
        return _render(
            page,
            request,
            form,
            template,
            extra,
            status=400,
            message=_("Chưa gửi được: vui lòng sửa các ô được đánh dấu bên dưới."),
        )
    try:
        submission = save_submission(form, request, page)
    except Limited as limited:
        minutes = max(1, math.ceil(limited.retry_after / 60))
        response = _render(
            page,
            request,
            form,
            template,
            extra,
            status=429,
            message=_(
                "Từ địa chỉ mạng của bạn đã có nhiều thư được gửi trong thời gian ngắn. Nội dung bạn nhập vẫn "
                "còn dưới đây; vui lòng gửi lại sau %(minutes)s phút hoặc gọi điện cho Sở."
            )
            % {"minutes": minutes},
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    target = request.path + "?" + DONE_PARAM + "=" + signing.dumps(submission.reference, salt=DONE_SALT)
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "private, no-store"
    return response
