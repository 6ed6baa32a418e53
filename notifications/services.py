"""Recording emails in the outbox and handing them to the workers.

Other apps call `queue_registration_email` and `queue_email` (signatures kept from
the first version) and `notify_session_changed`. Each records outbox rows in the
caller's transaction and hands them to a worker with `transaction.on_commit`: a
rolled-back change records nothing and sends nothing. The periodic jobs (reminder
sweep with its re-queue, leader digest) live here too; notifications/tasks.py only
wraps them.

Reminder timing: "N days before" means the same local clock time in Europe/Oslo,
N calendar days before the session starts. A training day on Monday 30 March 2026
at 09.00 (summer time) is reminded on Sunday 29 March at 09.00 (summer time) and on
Monday 23 March at 09.00 (winter time), not 24 or 168 hours earlier. Only the most
recent reminder point that has passed is sent (after an outage nobody gets the
7-day and the 1-day reminder together), only to confirmed registrations, and only
if the person was confirmed before that point: someone registering three days
ahead gets the confirmation and then the 1-day reminder.
"""

import datetime as dt
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Case, CharField, Count, Exists, Min, OuterRef, Q, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familiestotte import rows

from .models import Email
from .rendering import REASONS, absolute, common_context, render_templates, session_name


class RegistrationEmail:
    CONFIRMED = Email.Kind.CONFIRMED.value
    WAITLISTED = Email.Kind.WAITLISTED.value
    PROMOTED = Email.Kind.PROMOTED.value
    CANCELLED = Email.Kind.CANCELLED.value


ZONE = ZoneInfo(settings.TIME_ZONE)
DIGEST_WEEKS = 4


# -- handing rows to the workers --------------------------------------------------------------


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def dispatch(ids: list[int]) -> None:
    """Queue send tasks for these rows once the current transaction commits.

    For the rows a sweep has just claimed (dispatch_pending, the reminder sweep);
    everything else records rows undispatched and calls `dispatch_soon`.
    """
    if not ids:
        return
    ids = list(ids)

    def send():
        from .tasks import send_emails

        for chunk in _chunks(ids, settings.NOTIFICATIONS_BATCH_SIZE):
            send_emails.delay(chunk)

    transaction.on_commit(send)


DISPATCH_PENDING_KEY = "notifications:dispatch-pending"


class DispatchWindow:
    """The dispatch window, shared through the cache and remembered by each process, so
    that a rush does not ask the cache on every commit: once this process has seen the
    window's key (set by it or by another), the task that key stands for is due at least
    one window later, so commits until then leave their rows to it without asking."""

    known_until = 0.0  # time.monotonic()

    @classmethod
    def claim(cls, window: float) -> bool:
        """True for the one commit in a window (in every process) that queues the task."""
        now = time.monotonic()
        if now < cls.known_until:
            return False
        # The key, set now or up to one window ago, stands for a task due at least two
        # windows after it was set: one window from now or later.
        cls.known_until = now + window
        return cache.add(DISPATCH_PENDING_KEY, True, timeout=window)

    @classmethod
    def close(cls) -> None:
        """The task has started: a row committed from now on queues a new one."""
        cache.delete(DISPATCH_PENDING_KEY)
        cls.forget()

    @classmethod
    def forget(cls) -> None:
        cls.known_until = 0.0


def dispatch_soon() -> None:
    """After commit, make sure a worker hands out the new rows within a few seconds.

    For every email recorded with dispatched_at NULL (registration emails, `queue_email`,
    session changes, re-queued failures). During a rush every registration commits its
    own row, and a task message each cost the web process about as much CPU as the rest
    of the registration. Instead the first commit in a window of
    NOTIFICATIONS_DISPATCH_WINDOW seconds queues one dispatch_pending task, due two
    windows later; commits that find the window's cache key leave their rows to it.
    A row committed while the key stands is thus older than the task that claims it,
    even with a cache local to each process. The periodic sweep is the safety net.
    """
    window = settings.NOTIFICATIONS_DISPATCH_WINDOW

    def queue():
        from .tasks import dispatch_pending_emails

        if DispatchWindow.claim(window):
            dispatch_pending_emails.apply_async(countdown=2 * window)

    # robust: the change has committed; if the broker is down it stands, and the
    # periodic sweep sends its email.
    transaction.on_commit(queue, robust=True)


def dispatch_pending(*, now: dt.datetime | None = None, limit: int = 50_000) -> int:
    """Hand undispatched rows to workers; re-hand rows a worker never finished.

    Claimed with SELECT ... FOR UPDATE SKIP LOCKED, so two sweeps at once split the
    rows between them; even if a row were handed out twice, the send task's
    conditional UPDATE sends it once.
    """
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    never_dispatched = Q(status=Email.Status.QUEUED, dispatched_at__isnull=True)
    lost = Q(status=Email.Status.QUEUED, dispatched_at__lt=stale)
    retry_lost = Q(status=Email.Status.RETRYING, next_attempt_at__lt=stale)
    with transaction.atomic():
        ids = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(never_dispatched | lost | retry_lost)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        Email.objects.filter(pk__in=ids).update(dispatched_at=now)
        dispatch(ids)
    return len(ids)


def fail_interrupted(*, now: dt.datetime | None = None) -> int:
    """Rows left in 'sending' by a worker that died: delivery unknown, so never resent.

    A worker killed between the SMTP server's "250 OK" and its own UPDATE leaves a row
    in 'sending' that may or may not have been delivered. Sending it again could send
    it twice, so it is marked failed with a clear error instead; a coordinator sees it
    in the admin and re-queues it if the person did not get it.
    """
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)
    return Email.objects.filter(status=Email.Status.SENDING, sending_started_at__lt=stale).update(
        status=Email.Status.FAILED,
        last_error=_(
            "Interrupted while sending: the worker stopped before it knew whether the "
            "server accepted the email. Re-queue it if the person did not receive it."
        ),
    )


def requeue_stale(*, now: dt.datetime | None = None) -> int:
    """The safety net the sweep ends with: interrupted rows fail visibly, undispatched
    and lost rows are handed out."""
    fail_interrupted(now=now)
    return dispatch_pending(now=now)


def requeue_failed(*, ids: Iterable[int]) -> int:
    """A coordinator's second chance for failed emails (the admin action)."""
    with transaction.atomic():
        claimed = list(
            Email.objects.select_for_update()
            .filter(pk__in=list(ids), status=Email.Status.FAILED)
            .values_list("pk", flat=True)
        )
        Email.objects.filter(pk__in=claimed).update(
            status=Email.Status.QUEUED, attempts=0, next_attempt_at=None, dispatched_at=None
        )
        if claimed:
            dispatch_soon()
    return len(claimed)


# -- registration emails ----------------------------------------------------------------------


def queue_registration_email(*, registration, kind: str, place: int | None = None) -> None:
    """Tell the registration's participant what happened, once the transaction commits.

    kind: confirmed, waitlisted, promoted or cancelled. Recorded once per
    (registration, kind): calling it twice for the same event sends one email. The
    row is one INSERT ... ON CONFLICT DO NOTHING (no savepoint, no SELECT).
    """
    rows.insert(
        registration_email(registration=registration, kind=kind, place=place), ignore_conflicts=True
    )
    dispatch_soon()


def registration_email(*, registration, kind: str, place: int | None = None) -> Email:
    """The unsaved outbox row of queue_registration_email; its key makes it unique.

    Insert it with ignore_conflicts, then call dispatch_soon. The registration service
    calls this while it holds the session lock, so it passes what it already knows:
    `place` (waiting list, 1 = first) saves a query.
    """
    from participants.selectors import waiting_list_position

    user = registration.participant.user
    data = {}
    if kind == Email.Kind.WAITLISTED:
        data["place"] = place if place is not None else waiting_list_position(registration)
    if kind == Email.Kind.CANCELLED:
        data["late"] = bool(getattr(registration, "is_late_cancellation", False))
    return Email(
        key=f"{kind}:{registration.pk}",
        kind=kind,
        recipient=user,
        to_email=user.email,
        registration=registration,
        session_id=registration.session_id,
        data=data,
    )


def queue_email(
    *, recipient, kind: str, key: str, template_prefix: str, context: dict, concerns=None
) -> None:
    """Send one templated email to a user after commit; `key` names it uniquely.

    Templates: `<template_prefix>_subject.txt`, `<template_prefix>.txt` and
    `<template_prefix>.html`, rendered now (extend notifications/email/base.html and
    base.txt for the footer; put the reason the person gets it in context["reason"]).
    The same `key` never reaches a person twice: a second call with it does nothing.
    `concerns` (optional) is the object the email is about, shown in the admin.
    """
    if Email.objects.filter(key=key).exists():
        return
    full_context = common_context(recipient_name=_recipient_name(recipient))
    full_context.update(context)
    subject, text, html = render_templates(template_prefix, full_context)
    with transaction.atomic():
        _row, created = Email.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "recipient": recipient,
                "to_email": recipient.email,
                "subject": subject[:300],
                "body_text": text,
                "body_html": html,
                "content_type": (
                    ContentType.objects.get_for_model(concerns) if concerns is not None else None
                ),
                "object_id": concerns.pk if concerns is not None else None,
            },
        )
        if created:
            dispatch_soon()


def _recipient_name(user) -> str:
    participant = getattr(user, "participant", None)
    return participant.full_name if participant is not None else ""


# -- a coordinator's message to a session's or a programme's participants ------------------


class ProgrammeAudience(models.TextChoices):
    """Who a coordinator's message to a whole programme goes to."""

    LEADERS = "leaders", gettext_lazy("Leaders of participating units")
    REGISTERED = "registered", gettext_lazy("Everyone registered")


@dataclass(frozen=True)
class CoordinatorMessage:
    """What a coordinator writes. `message_id` names the message (the form's token):
    sending it again, after a double click or a reload, records nothing more."""

    subject: str
    body: str
    message_id: str
    sender: object  # the coordinator's user


def message_session(*, session, message: CoordinatorMessage, include_waitlisted: bool) -> int:
    """Email a coordinator's message to everyone confirmed for the session (and those on
    its waiting list, if asked); returns how many people it goes to.

    Each person's email greets them by name and names nobody else. Five queries, and one
    render per person.
    """
    from participants.models import Registration

    statuses = [Registration.Status.CONFIRMED]
    if include_waitlisted:
        statuses.append(Registration.Status.WAITLISTED)
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(session=session, status__in=statuses)
            .select_related("participant__user")
            .order_by("pk")
        )
        with translation.override(settings.LANGUAGE_CODE):
            reason = str(REASONS[Email.Kind.MESSAGE] % {"session": session_name(session)})
        key = f"{Email.Kind.MESSAGE}:{message.message_id}"
        addressees = [_Addressee(f"{key}:{r.pk}", r.participant, reason, r) for r in registrations]
        _record_messages(message, addressees, url=session.get_absolute_url(), session=session)
    return len(registrations)


def message_programme(
    *,
    programme,
    audience: ProgrammeAudience,
    message: CoordinatorMessage,
    include_waitlisted: bool,
) -> int:
    """Email a coordinator's message to a whole programme; returns how many people it
    goes to, each person once however many registrations they hold.

    `audience` LEADERS: the confirmed leaders of every organisation enrolled in the
    programme. REGISTERED: everyone confirmed for a session of the programme that has
    neither ended nor been cancelled, and, if `include_waitlisted`, those on its waiting
    lists. The email links to the programme's page. Three queries (a fourth for the
    programme's content type, once per process), and one render per person.
    """
    from participants import coordinator_selectors as selectors

    with transaction.atomic():
        if audience == ProgrammeAudience.LEADERS:
            people = selectors.programme_leaders(programme)
        else:
            people = selectors.programme_registrants(
                programme, include_waitlisted=include_waitlisted
            )
        people = list(people.select_related("user", "organisation").order_by("pk"))
        with translation.override(settings.LANGUAGE_CODE):
            addressees = [
                _Addressee(
                    # The programme too: a token replayed to another programme is a
                    # message of its own, not a repeat.
                    f"{Email.Kind.MESSAGE}:{message.message_id}:programme:{programme.pk}"
                    f":person:{person.pk}",
                    person,
                    _programme_reason(programme, audience, include_waitlisted, person),
                )
                for person in people
            ]
        _record_messages(message, addressees, url=programme.get_absolute_url(), concerns=programme)
    return len(people)


def _programme_reason(programme, audience, include_waitlisted: bool, person) -> str:
    if audience == ProgrammeAudience.LEADERS:
        return _(
            "You get this email because you are a confirmed leader of %(organisation)s, "
            "which takes part in %(programme)s in Familiestøtte."
        ) % {"organisation": person.organisation.name, "programme": programme.name}
    if include_waitlisted:
        text = _(
            "You get this email because you are registered for, or on the waiting list "
            "for, a coming session of %(programme)s in Familiestøtte."
        )
    else:
        text = _(
            "You get this email because you are registered for a coming session of "
            "%(programme)s in Familiestøtte."
        )
    return text % {"programme": programme.name}


class _Addressee(NamedTuple):
    key: str
    person: object  # a Participant with its user
    reason: str
    registration: object = None


def _record_messages(
    message: CoordinatorMessage,
    addressees: list[_Addressee],
    *,
    url: str,
    session=None,
    concerns=None,
) -> None:
    """Record a coordinator's message, one outbox row per addressee not yet sent it, in
    the caller's transaction; each email links to `url` (a path on the portal). Two
    queries (the keys already there, the INSERT)."""
    keys = [addressee.key for addressee in addressees]
    sent = set(Email.objects.filter(key__in=keys).values_list("key", flat=True))
    body = message.body.replace("\r\n", "\n")
    context = {
        "subject": message.subject,
        "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
        "url": absolute(url),
    }
    sender = message.sender
    data = {"message": message.message_id, "sender": _recipient_name(sender) or sender.email}
    concerned = (
        {"content_type": ContentType.objects.get_for_model(concerns), "object_id": concerns.pk}
        if concerns is not None
        else {}
    )
    emails = []
    for addressee in addressees:
        if addressee.key in sent:
            continue
        person = addressee.person
        rendered_subject, text, html = render_templates(
            "notifications/email/notice",
            {
                **common_context(recipient_name=person.full_name),
                **context,
                "reason": addressee.reason,
            },
        )
        emails.append(
            Email(
                key=addressee.key,
                kind=Email.Kind.MESSAGE,
                recipient=person.user,
                to_email=person.user.email,
                registration=addressee.registration,
                session=session,
                subject=rendered_subject[:300],
                body_text=text,
                body_html=html,
                data=data,
                **concerned,
            )
        )
    # ignore_conflicts: a second send of the same message racing this one records nothing.
    Email.objects.bulk_create(emails, ignore_conflicts=True)
    if emails:
        dispatch_soon()


def sent_messages(session) -> list[dict]:
    """The coordinators' messages to this session, newest first: subject, when, who sent
    it and to how many. One query."""
    return _summarise_messages(Email.objects.filter(session=session))


def sent_programme_messages(programme) -> list[dict]:
    """The coordinators' messages to the whole programme, as sent_messages. One query."""
    return _summarise_messages(
        Email.objects.filter(
            content_type__app_label="programme",
            content_type__model="programme",
            object_id=programme.pk,
        )
    )


def _summarise_messages(emails) -> list[dict]:
    return list(
        emails.filter(kind=Email.Kind.MESSAGE)
        .values("subject", message=KT("data__message"), sender=KT("data__sender"))
        .annotate(recipients=Count("pk"), sent_at=Min("created_at"))
        .order_by("-sent_at")
    )


# -- session changed or cancelled -------------------------------------------------------------

WATCHED_FIELDS = ["starts_at", "ends_at", "venue", "online_url", "is_cancelled"]


def session_changes(*, before, after) -> dict:
    """{field: (old, new)} for the fields participants must hear about."""
    changes = {}
    for name in WATCHED_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes[name] = (old, new)
    return changes


def _describe(name: str, value) -> str:
    from familiestotte.formatting import when

    if value is None or value == "":
        return "–"
    if name in {"starts_at", "ends_at"}:
        return when(value)
    if name == "venue":
        return value.full_address
    return str(value)


def notify_session_changed(*, session, changes: dict) -> int:
    """Tell everyone registered (confirmed or waiting) what changed; returns how many.

    `changes` is {field: (old, new)}, e.g. from `session_changes(before=..., after=...)`.
    Only time, venue, online link and cancellation are reported; other edits send nothing.
    """
    from participants.models import Registration

    changes = {name: change for name, change in changes.items() if name in WATCHED_FIELDS}
    if not changes:
        return 0
    cancelled = changes.get("is_cancelled", (False, False))[1] is True
    if not cancelled and session.is_cancelled:
        return 0
    kind = Email.Kind.SESSION_CANCELLED if cancelled else Email.Kind.SESSION_CHANGED
    with translation.override(settings.LANGUAGE_CODE):
        described = [
            {"field": name, "old": _describe(name, old), "new": _describe(name, new)}
            for name, (old, new) in changes.items()
            if name != "is_cancelled"
        ]
    change_id = uuid.uuid4().hex[:12]
    registrations = Registration.objects.filter(
        session=session,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    ).select_related("participant__user")
    with transaction.atomic():
        rows = Email.objects.bulk_create(
            [
                Email(
                    key=f"{kind}:{session.pk}:{registration.pk}:{change_id}",
                    kind=kind,
                    recipient=registration.participant.user,
                    to_email=registration.participant.user.email,
                    registration=registration,
                    session=session,
                    data={"changes": described, "status": registration.status},
                )
                for registration in registrations
            ]
        )
        if rows:
            dispatch_soon()
    return len(rows)


# -- reminders --------------------------------------------------------------------------------


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
    from programme.models import Session

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
    Records what `_record_reminders` records (tests/notifications/test_reminders.py).
    """
    from django.contrib.auth import get_user_model

    from participants.models import Participant, Registration

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
    from participants.models import Registration

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
    ids = []
    for chunk in _chunks(rows, 2000):
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


# -- weekly leader digest ---------------------------------------------------------------------

# Extra sections in the digest, e.g. "progress report due" (added by the leaders work):
# a function (leaders, now) -> {leader pk: {"title": str, "text": str, "url": str}},
# called once per digest run with every leader who may get a digest; a leader left out
# of the mapping gets no such section.
DIGEST_SECTIONS: list[Callable] = []


def digest_section(function: Callable) -> Callable:
    """Register a digest section: `@digest_section def report_due(leaders, now): ...`."""
    DIGEST_SECTIONS.append(function)
    return function


def create_leader_digests(*, now: dt.datetime | None = None) -> int:
    """Record this week's digest for each confirmed leader who has something in it."""
    from participants.models import Participant, Registration
    from participants.selectors import waiting_position

    now = now or timezone.now()
    year, week, _weekday = now.astimezone(ZONE).isocalendar()
    leaders = list(
        Participant.objects.filter(
            role=Participant.Role.LEADER, leader_confirmed=True, organisation__isnull=False
        ).select_related("user", "organisation")
    )
    registrations = (
        Registration.objects.filter(
            participant__organisation__in={leader.organisation_id for leader in leaders},
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
            session__is_cancelled=False,
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(weeks=DIGEST_WEEKS),
        )
        .select_related("participant", "session__venue")
        .annotate(place=Case(When(status=Registration.Status.WAITLISTED, then=waiting_position())))
        .order_by("session__starts_at", "participant__full_name")
    )
    by_organisation = defaultdict(list)
    for registration in registrations:
        by_organisation[registration.participant.organisation_id].append(registration)
    extra = [section(leaders, now) for section in DIGEST_SECTIONS] if leaders else []
    rows = []
    for leader in leaders:
        items = [
            {"registration": r, "place": r.place}
            for r in by_organisation.get(leader.organisation_id, [])
        ]
        sections = [by_leader[leader.pk] for by_leader in extra if by_leader.get(leader.pk)]
        if not items and not sections:
            continue
        context = common_context(recipient_name=leader.full_name)
        context.update(
            {"leader": leader, "items": items, "sections": sections, "weeks": DIGEST_WEEKS}
        )
        with translation.override(settings.LANGUAGE_CODE):
            context["reason"] = _(
                "You get this email because you are a confirmed leader of %(organisation)s "
                "in Familiestøtte."
            ) % {"organisation": leader.organisation.name}
        subject, text, html = render_templates("notifications/email/leader_digest", context)
        rows.append(
            Email(
                key=f"digest:{leader.pk}:{year}-W{week:02d}",
                kind=Email.Kind.LEADER_DIGEST,
                recipient=leader.user,
                to_email=leader.user.email,
                content_type=ContentType.objects.get_for_model(leader),
                object_id=leader.pk,
                subject=subject[:300],
                body_text=text,
                body_html=html,
            )
        )
    Email.objects.bulk_create(rows, ignore_conflicts=True)
    dispatch_pending(now=now)
    return len(rows)
