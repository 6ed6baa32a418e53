"""Sending a batch of outbox rows over one SMTP connection, each row at most once.

For each row: claim it with a conditional UPDATE (queued/retrying -> sending, committed
durably before it goes out), send it, mark it sent (in the next row's claim statement,
or on its own after the batch's last row). A row another task has claimed or
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
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from programme.models import Material, Session
from programme.selectors import set_kind_total

from .models import Email
from .rendering import Rendered, Renderer, build_message

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
    doubling: int = 2 ** max(attempts - 1, 0)  # int ** int is typed Any (it may be a float)
    return settings.NOTIFICATIONS_RETRY_BACKOFF * doubling


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
    totals: dict[
        tuple[int, str], int
    ] = {}  # «3 av 8», counted as the web pages count it: one query per kind
    for row in rows:
        session = row.session
        if session is None:
            continue
        if session.number is not None:
            key = (session.programme_id, session.kind)
            if key not in totals:
                set_kind_total(session)
                totals[key] = session.kind_total
            session.kind_total = totals[key]
        if row.registration is not None:
            row.registration.session = session
    return rows


def claim(email: Email, now: dt.datetime, *, sent: tuple[Email, Rendered] | None = None) -> bool:
    """queued/retrying -> sending, atomically; False if another task has it or sent it.

    Committed durably before the email goes out, so a crash can never make the row look
    unsent after it was delivered. `sent` is the batch's previous email, accepted by the
    server: it is marked sent in the same statement and commit (one round trip, one disk
    flush per email), so at any moment a worker process has at most one row in 'sending'.
    """
    if sent is None:
        attempts = _claim(email, now)
    elif db_connection.vendor == "postgresql":
        attempts = _mark_sent_and_claim(sent, email, now)
    else:
        with transaction.atomic():
            _mark_sent(*sent)
            attempts = _claim(email, now)
    if attempts is None:
        return False
    email.attempts = attempts
    return True


def _claim(email: Email, now: dt.datetime) -> int | None:
    """The row's attempts after this claim, or None if it was not queued or retrying."""
    claimed = Email.objects.filter(pk=email.pk, status__in=ACTIVE).update(
        status=Email.Status.SENDING, attempts=F("attempts") + 1, sending_started_at=now
    )
    return email.attempts + 1 if claimed == 1 else None


def _mark_sent_and_claim(
    sent: tuple[Email, Rendered], email: Email, now: dt.datetime
) -> int | None:
    """PostgreSQL: the previous row -> sent and this row -> sending in one statement."""
    previous, rendered = sent
    table = db_connection.ops.quote_name(Email._meta.db_table)
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH sent AS (
                UPDATE {table}
                SET status = %s, sent_at = %s, last_error = '',
                    subject = %s, body_text = %s, body_html = %s
                WHERE id = %s
            )
            UPDATE {table}
            SET status = %s, attempts = attempts + 1, sending_started_at = %s
            WHERE id = %s AND status IN %s
            RETURNING attempts
            """,  # noqa: S608 - the table name is the model's, every value is a parameter
            [
                Email.Status.SENT.value,
                timezone.now(),
                rendered.subject[:300],
                rendered.text,
                rendered.html,
                previous.pk,
                Email.Status.SENDING.value,
                now,
                email.pk,
                tuple(status.value for status in ACTIVE),
            ],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def send_batch(ids: list[int]) -> BatchResult:
    result = BatchResult()
    rows = load(ids)
    result.skipped = sorted(set(ids) - {row.pk for row in rows})
    renderer = Renderer()
    connection: BaseEmailBackend | None = None
    accepted: tuple[Email, Rendered] | None = (
        None  # the last email the server accepted, until it is marked sent
    )
    try:
        for email in rows:
            claimed, accepted = claim(email, timezone.now(), sent=accepted), None
            if not claimed:
                result.skipped.append(email.pk)
                continue
            try:
                rendered = renderer.render(email)
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
            accepted = (email, rendered)
            result.sent.append(email.pk)
    finally:
        if accepted is not None:
            mark_sent(*accepted)
        if connection is not None:
            _close_quietly(connection)
    return result


def mark_sent(email: Email, rendered: Rendered) -> None:
    """sending -> sent, without waiting for the disk (the batch's last email).

    The claim (queued -> sending) is committed durably before the email goes out; this
    UPDATE uses PostgreSQL's asynchronous commit. If the database server itself crashed
    in the next few hundred milliseconds, the row would fall back to 'sending' and be
    reported as interrupted: never sent twice.
    """
    with transaction.atomic():
        if db_connection.vendor == "postgresql":
            with db_connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        _mark_sent(email, rendered)


def _mark_sent(email: Email, rendered: Rendered) -> None:
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        subject=rendered.subject[:300],
        body_text=rendered.text,
        body_html=rendered.html,
    )


def _close_quietly(connection: BaseEmailBackend) -> None:
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
