"""Sending a batch of outbox rows over one SMTP connection, each row at most once.

For each row: claim it with a conditional UPDATE (queued/retrying -> sending, in its
own committed statement), send it, mark it sent. A row another task has claimed or
sent is skipped, so running the same batch twice, or two batches holding the same
id, sends it once. A temporary SMTP failure (4xx, lost connection) puts the row in
'retrying' with exponential backoff, up to NOTIFICATIONS_MAX_ATTEMPTS; a permanent
one (5xx) or the last attempt makes it 'failed', with the error, in the admin.
"""

import datetime as dt
import logging
import smtplib
import traceback
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from programme.models import Material, Session

from .models import Email
from .rendering import build_message, render

logger = logging.getLogger(__name__)

ACTIVE = [Email.Status.QUEUED, Email.Status.RETRYING]


@dataclass
class BatchResult:
    sent: list[int] = field(default_factory=list)
    retry: dict[int, list[int]] = field(default_factory=dict)  # countdown seconds -> ids
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def backoff(attempts: int) -> int:
    """Seconds before attempt number `attempts + 1`: base, 2×base, 4×base, ..."""
    return settings.NOTIFICATIONS_RETRY_BACKOFF * 2 ** max(attempts - 1, 0)


def is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # Lost or refused connections, timeouts: the server may be back in a minute.
    return isinstance(error, smtplib.SMTPException | OSError)


def load(ids: list[int]) -> list[Email]:
    """The batch's active rows with everything rendering needs, in a fixed number of queries."""
    sessions = Session.objects.select_related("venue", "programme").prefetch_related(
        Prefetch("materials", queryset=Material.objects.order_by("title"))
    )
    rows = list(
        Email.objects.filter(pk__in=ids, status__in=ACTIVE)
        .select_related("registration__participant")
        .prefetch_related(Prefetch("session", queryset=sessions))
        .order_by("pk")
    )
    totals = {}
    for row in rows:
        session = row.session
        if session is not None:
            if (session.programme_id, session.kind) not in totals:
                totals[(session.programme_id, session.kind)] = Session.objects.filter(
                    programme_id=session.programme_id, kind=session.kind
                ).count()
            session.kind_total = totals[(session.programme_id, session.kind)]
            if row.registration is not None:
                row.registration.session = session
    return rows


def claim(email: Email, now) -> bool:
    """queued/retrying -> sending, atomically; False if another task has it or sent it."""
    claimed = Email.objects.filter(pk=email.pk, status__in=ACTIVE).update(
        status=Email.Status.SENDING, attempts=F("attempts") + 1, sending_started_at=now
    )
    email.attempts += 1
    return claimed == 1


def send_batch(ids: list[int]) -> BatchResult:
    result = BatchResult()
    rows = load(ids)
    result.skipped = sorted(set(ids) - {row.pk for row in rows})
    connection = None
    try:
        for email in rows:
            if not claim(email, timezone.now()):
                result.skipped.append(email.pk)
                continue
            try:
                rendered = render(email)
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                build_message(email, rendered, connection=connection).send()
            except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
                if connection is not None:
                    _close_quietly(connection)
                    connection = None
                _record_failure(email, error, result)
                continue
            mark_sent(email, rendered)
            result.sent.append(email.pk)
    finally:
        if connection is not None:
            _close_quietly(connection)
    return result


def mark_sent(email: Email, rendered) -> None:
    """sending -> sent, without waiting for the disk: one fsync per email is enough.

    The claim (queued -> sending) is committed durably before the email goes out; this
    UPDATE uses PostgreSQL's asynchronous commit. If the database server itself crashed
    in the next few hundred milliseconds, the row would fall back to 'sending' and be
    reported as interrupted: never sent twice.
    """
    with transaction.atomic():
        if db_connection.vendor == "postgresql":
            with db_connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Email.objects.filter(pk=email.pk).update(
            status=Email.Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            subject=rendered.subject[:300],
            body_text=rendered.text,
            body_html=rendered.html,
        )


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001, S110 - the connection is being dropped anyway
        pass


def _record_failure(email: Email, error: Exception, result: BatchResult) -> None:
    message = f"{type(error).__name__}: {error}"
    if not isinstance(error, smtplib.SMTPException | OSError):
        message += "\n" + traceback.format_exc(limit=5)
    if is_temporary(error) and email.attempts < settings.NOTIFICATIONS_MAX_ATTEMPTS:
        delay = backoff(email.attempts)
        Email.objects.filter(pk=email.pk).update(
            status=Email.Status.RETRYING,
            last_error=message,
            next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
        )
        result.retry.setdefault(delay, []).append(email.pk)
        logger.warning("Email %s will be retried in %ss: %s", email.pk, delay, message)
    else:
        Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, last_error=message)
        result.failed.append(email.pk)
        logger.error("Email %s failed: %s", email.pk, message)
