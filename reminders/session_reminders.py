"""Reminders before each session, to everyone confirmed for it.

Reminders are not scheduled at registration time: the sweep (beat, every two minutes,
reminders.tasks) selects what is due from the database and records it in the outbox,
one row per registration and reminder point (`reminder:<days>:<registration>`, never
recorded twice), then runs the outbox's safety net (notifications.dispatch.requeue_stale).

"N days before" means the same local clock time in Europe/Oslo, N calendar days
before the session starts. A training day on Monday 30 March 2026 at 09.00 (summer
time) is reminded on Sunday 29 March at 09.00 (summer time) and on Monday 23 March at
09.00 (winter time), not 24 or 168 hours earlier. Only the most recent reminder point
that has passed is sent (after an outage nobody gets the 7-day and the 1-day reminder
together), only to confirmed registrations, and only if the person was confirmed
before that point: someone registering three days ahead gets the confirmation and
then the 1-day reminder.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from notifications.dispatch import chunks, dispatch, requeue_stale
from notifications.models import Email
from participants.models import Participant, Registration
from programme.models import Session

ZONE = ZoneInfo(settings.TIME_ZONE)


def reminder_due_at(starts_at: dt.datetime, days: int) -> dt.datetime:
    """The same Europe/Oslo clock time, `days` calendar days before `starts_at`."""
    local = starts_at.astimezone(ZONE).replace(tzinfo=None) - dt.timedelta(days=days)
    return local.replace(tzinfo=ZONE)


def current_reminder(session, now: dt.datetime) -> tuple[int, dt.datetime] | None:
    """(days, due time) of the latest reminder point that has passed, if the session is ahead."""
    if now >= session.starts_at:
        return None
    days = sorted({int(d) for d in session.programme.reminder_days or [] if int(d) > 0})
    for d in days:  # smallest first: the most recent point that has passed wins
        due = reminder_due_at(session.starts_at, d)
        if due <= now:
            return d, due
    return None


def create_due_reminders(*, now: dt.datetime | None = None, dispatch_new: bool = False) -> int:
    """Record the reminders that are due now; returns how many rows were new.

    With `dispatch_new` (the sweep), each session's new rows are handed to the workers as
    soon as they are committed, so sending starts while later sessions are recorded.
    """
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=62)
    sessions = Session.objects.filter(
        is_cancelled=False, starts_at__gt=now, starts_at__lte=horizon
    ).select_related("programme")
    record = _record_reminders_sql if connection.vendor == "postgresql" else _record_reminders
    created = 0
    for session in sessions:
        point = current_reminder(session, now)
        if point is None:
            continue
        days, due = point
        ids = record(session=session, days=days, due=due, dispatched=dispatch_new)
        if dispatch_new:
            dispatch(ids)
        created += len(ids)
    return created


def _record_reminders_sql(*, session, days: int, due: dt.datetime, dispatched: bool) -> list[int]:
    """PostgreSQL: one INSERT ... SELECT ... ON CONFLICT (key) DO NOTHING RETURNING id.

    The rows never travel through Python; a key a concurrent sweep (or an earlier one)
    recorded is skipped by the unique index, and only this statement's new rows come back.
    Records what `_record_reminders` records (tests/reminders/test_session_reminders.py).
    """
    quote = connection.ops.quote_name
    email, registration = Email._meta, Registration._meta
    participant, user = Participant._meta, get_user_model()._meta
    now = timezone.now()
    sql = f"""
        INSERT INTO {quote(email.db_table)} (
            key, kind, recipient_id, to_email, registration_id, session_id, data,
            subject, body_text, body_html, status, attempts, last_error,
            created_at, dispatched_at
        )
        SELECT %s || r.id, %s, u.{quote(user.pk.column)}, u.email, r.id, r.session_id,
            CAST(%s AS jsonb), '', '', '', %s, 0, '', %s, %s
        FROM {quote(registration.db_table)} r
        JOIN {quote(participant.db_table)} p ON p.id = r.participant_id
        JOIN {quote(user.db_table)} u ON u.{quote(user.pk.column)} = p.user_id
        WHERE r.session_id = %s AND r.status = %s
            AND COALESCE(r.confirmed_at, r.created_at) < %s
        ORDER BY r.id
        ON CONFLICT (key) DO NOTHING
        RETURNING id
    """  # noqa: S608 - names come from the models' metadata, every value is a parameter
    params = [
        f"reminder:{days}:",
        Email.Kind.REMINDER.value,
        json.dumps({"days": days}),
        Email.Status.QUEUED.value,
        now,
        now if dispatched else None,
        session.pk,
        Registration.Status.CONFIRMED.value,
        due,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())


def _record_reminders(*, session, days: int, due: dt.datetime, dispatched: bool) -> list[int]:
    """Any database: the same rows through the ORM (bulk_create, ON CONFLICT DO NOTHING).

    Two sweeps at once may both count (and hand out) a row here; its send task still
    sends it once.
    """
    key = Concat(Value(f"reminder:{days}:"), Cast(OuterRef("pk"), CharField()))
    registrations = (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED)
        .annotate(since=Coalesce("confirmed_at", "created_at"))
        .filter(since__lt=due)
        .exclude(Exists(Email.objects.filter(key=key)))
        .values_list("pk", "participant__user_id", "participant__user__email")
    )
    now = timezone.now()
    rows = [
        Email(
            key=f"reminder:{days}:{registration_id}",
            kind=Email.Kind.REMINDER,
            recipient_id=user_id,
            to_email=email,
            registration_id=registration_id,
            session=session,
            data={"days": days},
            dispatched_at=now if dispatched else None,
        )
        for registration_id, user_id, email in registrations
    ]
    ids: list[int] = []
    for chunk in chunks(rows, 2000):
        Email.objects.bulk_create(chunk, ignore_conflicts=True)
        keys = [row.key for row in chunk]
        ids += Email.objects.filter(key__in=keys).values_list("pk", flat=True)
    return sorted(ids)


def sweep_reminders(*, now: dt.datetime | None = None) -> int:
    """The periodic sweep (beat, every two minutes): record due reminders and hand them
    out, then the safety net (`requeue_stale`): interrupted rows fail visibly, and every
    undispatched or lost row is handed out."""
    created = create_due_reminders(now=now, dispatch_new=True)
    return created + requeue_stale(now=now)
