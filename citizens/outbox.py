"""E-mail that is never lost and never sent twice.

A mail is a row of :class:`~citizens.models.OutgoingMail`, written in the same
transaction as what caused it (a submission, an approved answer, an assignment). After
that transaction commits, :func:`send_soon` tries to send it at once; whatever could
not be sent (SMTP down, refused) stays in the table and ``manage.py send_outbox`` (the
shipped ``portal-send-outbox.timer``) tries again.

Sending a row first *claims* it with one conditional ``UPDATE`` (not sent, not claimed
by someone else in the last ``CLAIM_SECONDS``), so two workers or a worker and the timer
never send the same row; the row is marked sent right after the SMTP server accepted it.
"""

import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger("citizens.mail")

CLAIM_SECONDS = 300


def queue(to, subject, template, context, submission=None):
    """Add a mail to the outbox (call inside the transaction that causes it) and send it
    after the commit. ``template`` names ``<template>.txt`` and ``<template>.html``."""
    from citizens.models import OutgoingMail

    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    mail = OutgoingMail.objects.create(
        to=to, subject=" ".join(str(subject).split())[:255], body=text, html_body=html, submission=submission
    )
    transaction.on_commit(lambda: send_soon([mail.pk]))
    return mail


def send_soon(ids):
    """Try to send these mails now; failures are left for the timer."""
    try:
        send_pending(ids=ids)
    except Exception:  # the submission is saved whatever happens here
        logger.exception("Sending mails %s failed; the timer will retry", ids)


def _claim(pk, now):
    from citizens.models import OutgoingMail

    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return (
        OutgoingMail.objects.filter(free, pk=pk, sent_at__isnull=True).update(
            claimed_until=now + timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1
        )
        == 1
    )


def _message(mail, connection):
    text, html = mail.body, mail.html_body
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated"},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send_pending(ids=None, limit=200):
    """Send the unsent mails (only ``ids`` if given). Returns ``(sent, failed)``."""
    from citizens.models import OutgoingMail

    # An address emptied by the retention command is never sent to.
    pending = OutgoingMail.objects.filter(sent_at__isnull=True).exclude(to="").order_by("created_at", "pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    connection = None
    try:
        for mail in pending[:limit]:
            now = timezone.now()
            if not _claim(mail.pk, now):
                continue
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                _message(mail, connection).send()
            except Exception as error:  # SMTP refused, down, timed out…
                failed += 1
                OutgoingMail.objects.filter(pk=mail.pk).update(
                    claimed_until=None, last_error=f"{type(error).__name__}: {error}"[:2000]
                )
                logger.warning("Mail %s not sent (%s); will retry", mail.pk, error)
                if connection is not None:
                    with contextlib.suppress(Exception):  # a broken connection is dropped
                        connection.close()
                    connection = None
                continue
            OutgoingMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
            sent += 1
    finally:
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()
    return sent, failed
