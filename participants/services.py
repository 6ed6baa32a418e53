"""Registration rules: seats, the waiting list and cancellation that never overbook.

Every write path takes the session row with SELECT ... FOR UPDATE inside one
transaction before it counts seats, so two people can never take the last seat
at the same time. The database backs that up with the partial unique constraint
`one_live_registration_per_session` (one live registration per person and session).

Each state change writes a RegistrationEvent (who, when, from and to status), and
emails are queued through notifications.services, which defers to on_commit.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, router, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familiestotte import rows
from familiestotte.formatting import when
from notifications.services import (
    RegistrationEmail,
    dispatch_soon,
    queue_registration_email,
    registration_email,
)
from programme.models import Programme, Session

from .models import Participant, Registration, RegistrationEvent
from .privacy import addresses_of, emails_to

LIVE_CONSTRAINT = "one_live_registration_per_session"


class RegistrationError(ValidationError):
    """A refused registration change, with a message the person can act on. Its code
    says why in short: "unpublished" when the session's programme is not published
    (its sessions do not exist for participants), "refused", "duplicate", and so on."""


class TrainingDayRegistrations(list):
    """The registrations made by register_for_all_training_days (a list), plus what was
    skipped: `skipped` holds (session, reason) pairs."""

    def __init__(self, registrations=(), skipped=()):
        super().__init__(registrations)
        self.skipped: list[tuple[Session, str]] = list(skipped)


def profile_is_complete(participant: Participant) -> bool:
    """Name, phone, job title and, for staff of a municipality or unit, the organisation."""
    needs_organisation = participant.role in {
        Participant.Role.SERVICE_WORKER,
        Participant.Role.LEADER,
    }
    return bool(
        participant.pk
        and participant.full_name.strip()
        and participant.phone.strip()
        and participant.job_title.strip()
        and participant.role
        and (participant.organisation_id or not needs_organisation)
    )


# The two steps the concurrency test's negative control replaces: taking the lock,
# and counting the seats. Every registration for a session waits its turn behind the
# lock, so the statements inside it are built once (familiestotte.rows): compiling them
# with the ORM cost more CPU than PostgreSQL spends running them, and that time was
# spent holding the lock.
def _lock_session(
    session_pk: int, *, for_registration: bool = False, begin: bool = False
) -> Session:
    """The session row FOR UPDATE. See _session_row."""
    return _session_row(session_pk, lock=True, for_registration=for_registration, begin=begin)


# What the registration rules read of a session, in the model's field order (rows.from_row).
SESSION_RULE_FIELDS = tuple(
    Session._meta.get_field(name)
    for name in (
        "id",
        "programme",
        "kind",
        "title",
        "capacity",
        "registration_deadline",
        "audience",
        "is_cancelled",
    )
)


@functools.cache
def _session_row_sql(alias: str, lock: bool, lock_then_count: bool) -> str:
    connection = connections[alias]
    quote = connection.ops.quote_name
    session_table = quote(Session._meta.db_table)
    columns = [f"s.{quote(f.column)}" for f in SESSION_RULE_FIELDS]
    columns.append(f"p.{quote(Programme._meta.get_field('is_published').column)}")
    lock_first = ""
    if lock_then_count:
        # PostgreSQL, in the same round trip: the lock first, then (a statement of its
        # own, so with a snapshot taken once the lock is held) the seat counts and an
        # id for the new registration, so that its three rows can be sent together.
        registrations = quote(Registration._meta.db_table)
        count = (
            f"(SELECT COUNT(*) FROM {registrations} r WHERE r.session_id = s.id AND r.status = %s)"  # noqa: S608 - names from model metadata
        )
        columns += [count, count, "nextval(pg_get_serial_sequence(%s, %s))"]
        lock_first = f"SELECT 1 FROM {session_table} WHERE id = %s FOR UPDATE;\n"  # noqa: S608
    # SQLite (the embedded demo) has no row locks: it lets one writer in at a time.
    for_update = (
        " FOR UPDATE OF s"
        if lock and not lock_then_count and connection.features.has_select_for_update
        else ""
    )
    return (
        f"{lock_first}SELECT {', '.join(columns)}"  # noqa: S608 - names from model metadata, values as parameters
        f" FROM {session_table} s"
        f" JOIN {quote(Programme._meta.db_table)} p ON p.id = s.programme_id"
        f" WHERE s.id = %s{for_update}"
    )


def _session_row(
    session_pk: int, *, lock: bool, for_registration: bool = False, begin: bool = False
) -> Session:
    """The fields the registration rules read, plus `programme_is_published` (the
    programme is joined, never locked). Other fields load on access, as with only().

    `for_registration` on PostgreSQL also reads, once the lock is held, the seat
    counts (`seat_counts`, see _seat_counts) and an id for the new registration
    (`new_registration_id`); elsewhere those are left to _seat_counts and the INSERT.
    `begin` opens the transaction of rows.transaction() with it.
    """
    alias = router.db_for_write(Session)
    connection = connections[alias]
    lock_then_count = for_registration and lock and connection.vendor == "postgresql"
    params = [session_pk]
    if lock_then_count:
        table = Registration._meta.db_table
        params = [
            session_pk,
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
            table,
            Registration._meta.pk.column,
            session_pk,
        ]
    with connection.cursor() as cursor:
        rows.execute(
            cursor,
            _session_row_sql(alias, lock, lock_then_count),
            params,
            alias=alias,
            begin=begin,
        )
        row = cursor.fetchone()
    if row is None:
        raise Session.DoesNotExist(f"No session {session_pk}")
    extra = 4 if lock_then_count else 1
    session = rows.from_row(Session, SESSION_RULE_FIELDS, row[:-extra], alias=alias)
    published = row[-extra]
    session.programme_is_published = Programme._meta.get_field("is_published").to_python(published)
    session.new_registration_id = None
    if lock_then_count:
        session.seat_counts = (row[-3], row[-2])
        session.new_registration_id = row[-1]
    return session


def _seat_counts(session: Session) -> tuple[int, int]:
    """(confirmed, waitlisted) for the session: as read with the lock, or in one query."""
    if counts := getattr(session, "seat_counts", None):
        return counts
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, COUNT(*) FROM {table}"  # noqa: S608 - name from model metadata
            " WHERE session_id = %s AND status IN (%s, %s) GROUP BY status",
            [session.pk, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        )
        counts = dict(cursor.fetchall())
    return (
        counts.get(Registration.Status.CONFIRMED, 0),
        counts.get(Registration.Status.WAITLISTED, 0),
    )


def _confirmed_count(session: Session) -> int:
    return _seat_counts(session)[0]


def _event(registration, *, action, from_status, actor, note="") -> RegistrationEvent:
    return RegistrationEvent(
        registration=registration,
        action=action,
        from_status=from_status,
        to_status=registration.status,
        actor=actor,
        note=note,
    )


def _record(registration, **event) -> RegistrationEvent:
    recorded = _event(registration, **event)
    rows.insert(recorded)
    return recorded


def _refusal_reason(*, participant: Participant, session: Session, force: bool) -> str | None:
    """Why this person may not register now, or None. The session comes from
    _lock_session (it carries programme_is_published)."""
    if not profile_is_complete(participant):
        return _(
            "Complete the profile (name, phone, organisation and job title) before "
            "registering for a session."
        )
    if session.is_cancelled:
        return _("This session is cancelled, so registration is closed.")
    if not session.programme_is_published:
        return _("This session is not open for registration.")
    if not force and timezone.now() > session.registration_deadline:
        return _("Registration for this session closed at the deadline, %(deadline)s.") % {
            "deadline": when(session.registration_deadline)
        }
    if not force and not session.is_open_to(participant.role):
        return audience_refusal(session)
    if not force and (refusal := supervision_refusal(participant=participant, session=session)):
        return refusal
    # A second live registration is refused by the partial unique constraint
    # one_live_registration_per_session when the row is inserted (see register).
    return None


def audience_refusal(session: Session) -> str:
    if session.audience == Session.Audience.LEADERS:
        return _("This session is only open to leaders.")
    return _("This session is only open to service workers and leaders.")


def supervision_refusal(*, participant: Participant, session: Session) -> str | None:
    """Why the person may not come to this supervision meeting, or None. A meeting that
    belongs to supervision groups is for their members and supervisors. One query for a
    supervision meeting; none for any other kind of session."""
    if session.kind != Session.Kind.SUPERVISION:
        return None
    mine = Q(members=participant) | Q(supervisor=participant)
    counts = session.supervision_groups.aggregate(
        groups=Count("pk", distinct=True), mine=Count("pk", distinct=True, filter=mine)
    )
    if counts["groups"] and not counts["mine"]:
        return _("This supervision meeting is for the members of its supervision group.")
    return None


def _already_registered(participant: Participant) -> str:
    return _("%(name)s is already registered or on the waiting list for this session.") % {
        "name": participant.full_name
    }


def register(
    *,
    participant: Participant,
    session: Session,
    actor=None,
    force: bool = False,
) -> Registration:
    """Give the person a seat if one is free, otherwise a place on the waiting list.

    `actor` is the user doing it (the person themself when None). `force` is for a
    coordinator adding someone by hand: it skips the deadline and the audience, never
    the capacity.
    """
    # Everything that needs no lock happens first: the person's user (the email's
    # recipient) is loaded here, not while other registrations wait for the session row.
    user = participant.user
    actor = actor or user
    try:
        with rows.transaction() as lean:
            registration = _register_locked(
                participant=participant, session=session, actor=actor, force=force, lean=lean
            )
    except IntegrityError as exc:
        if LIVE_CONSTRAINT not in str(exc):
            raise
        raise RegistrationError(_already_registered(participant), code="duplicate") from exc
    dispatch_soon()
    session.__dict__.pop("confirmed_count", None)
    return registration


def _register_locked(*, participant, session, actor, force, lean: bool) -> Registration:
    """The critical section: lock the session, count, insert. Keep it short.

    Between the lock and the commit every other registration for the session waits.
    On PostgreSQL that is two round trips: the session row FOR UPDATE (its programme
    joined) with the seat counts read after it, then the three INSERTs (registration,
    event, outbox row) sent together. When `lean` (rows.transaction) BEGIN travels
    with the first and COMMIT with the second; otherwise each costs a round trip of
    its own. The refusal checks use the locked row and the already loaded participant;
    they cost no query, except one for a supervision meeting (supervision_refusal).
    """
    locked = _lock_session(session.pk, for_registration=True, begin=lean)
    reason = _refusal_reason(participant=participant, session=locked, force=force)
    if reason:
        code = "refused" if locked.programme_is_published else "unpublished"
        raise RegistrationError(reason, code=code)
    confirmed, waitlisted = _seat_counts(locked)
    has_seat = confirmed < locked.capacity
    now = timezone.now()
    registration = Registration(
        pk=locked.new_registration_id,
        participant=participant,
        session=locked,
        registered_by=actor,
        status=Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITLISTED,
        confirmed_at=now if has_seat else None,
        waitlisted_at=None if has_seat else now,
    )
    # The place in the queue as it stands now: everyone waiting came before.
    registration.queue_position = None if has_seat else waitlisted + 1
    # Sent together when the registration's id is known: its event and email point to it.
    batch = rows.Batch(together=registration.pk is not None)
    batch.insert(registration)
    batch.insert(
        _event(
            registration,
            action=RegistrationEvent.Action.REGISTERED
            if has_seat
            else RegistrationEvent.Action.WAITLISTED,
            from_status="",
            actor=actor,
            note=_("Added by hand by a coordinator") if force else "",
        )
    )
    email = registration_email(
        registration=registration,
        kind=RegistrationEmail.CONFIRMED if has_seat else RegistrationEmail.WAITLISTED,
        place=registration.queue_position,
    )
    batch.insert(email, ignore_conflicts=True)
    batch.send(commit=lean)
    return registration


def register_for_all_training_days(
    *, participant: Participant, programme: Programme, actor=None
) -> TrainingDayRegistrations:
    """Register for every training day of the programme in one step.

    Days the person is already registered for, or that are closed to them, are
    skipped with the reason in `result.skipped`; the others are registered (seat or
    waiting list) in one transaction. Sessions are locked in start order, the same
    order every caller uses, so two of these never deadlock.
    """
    result = TrainingDayRegistrations()
    sessions = list(
        Session.objects.filter(programme=programme, kind=Session.Kind.TRAINING_DAY).order_by(
            "starts_at", "pk"
        )
    )
    with transaction.atomic():
        for session in sessions:
            try:
                result.append(register(participant=participant, session=session, actor=actor))
            except RegistrationError as exc:
                result.skipped.append((session, exc.messages[0]))
    return result


def _promote_waiting(*, session: Session, actor) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. Session locked."""
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(session=session, status=Registration.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _record(
            registration,
            action=RegistrationEvent.Action.PROMOTED,
            from_status=Registration.Status.WAITLISTED,
            actor=actor,
        )
        queue_registration_email(registration=registration, kind=RegistrationEmail.PROMOTED)
    return waiting


def cancel(*, registration: Registration, actor) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first on the waiting list at once.

    Cancelling after the registration deadline is allowed and recorded as late.
    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        session = _lock_session(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise RegistrationError(
                _("This registration is already cancelled."), code="already_cancelled"
            )
        from_status = current.status
        now = timezone.now()
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = now
        current.is_late_cancellation = now > session.registration_deadline
        current.save(update_fields=["status", "cancelled_at", "is_late_cancellation"])
        _record(
            current,
            action=RegistrationEvent.Action.CANCELLED,
            from_status=from_status,
            actor=actor,
            note=_("Late cancellation, after the deadline") if current.is_late_cancellation else "",
        )
        queue_registration_email(registration=current, kind=RegistrationEmail.CANCELLED)
        promoted = []
        if from_status == Registration.Status.CONFIRMED:
            promoted = _promote_waiting(session=session, actor=actor)
    for field in ("status", "cancelled_at", "is_late_cancellation"):
        setattr(registration, field, getattr(current, field))
    return promoted[0] if promoted else None


def change_capacity(*, session: Session, capacity: int, actor) -> list[Registration]:
    """Set the number of seats. Raising it promotes from the waiting list in order;
    lowering it below the number already confirmed is refused."""
    with transaction.atomic():
        locked = _lock_session(session.pk)
        if capacity < 1:
            raise RegistrationError(_("A session needs at least one seat."), code="capacity")
        confirmed = _confirmed_count(locked)
        if capacity < confirmed:
            raise RegistrationError(
                _(
                    "%(confirmed)s people are already registered, so the capacity cannot be "
                    "lower than %(confirmed)s. Cancel registrations first."
                )
                % {"confirmed": confirmed},
                code="capacity",
            )
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        promoted = _promote_waiting(session=locked, actor=actor)
    session.capacity = capacity
    session.__dict__.pop("confirmed_count", None)
    return promoted


def attendance_too_early(session: Session) -> str:
    return _("Attendance can be taken once the session has started. It starts %(start)s.") % {
        "start": when(session.starts_at)
    }


def record_attendance(*, registration: Registration, attended: bool | None, actor) -> Registration:
    """Mark whether a registered person came (True), did not come (False) or unknown.

    Only once the session has started: before then nobody can have come."""
    [current] = record_attendances(
        session_id=registration.session_id, changes=[(registration, attended)], actor=actor
    )
    registration.attended = attended
    return current


ATTENDANCE_NOTES = {
    True: gettext_lazy("Attended"),
    False: gettext_lazy("Did not attend"),
    None: gettext_lazy("Not known"),
}


def record_attendances(
    *, session_id: int, changes: list[tuple[Registration, bool | None]], actor
) -> list[Registration]:
    """Several people's attendance at one session, all or nothing, in three statements
    whatever their number: the registrations locked, one UPDATE, one INSERT of their
    events. Only confirmed registrations, and only once the session has started.
    """
    if not changes:
        return []
    attended_by_pk = {registration.pk: attended for registration, attended in changes}
    with transaction.atomic():
        current = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("session")
            .filter(pk__in=attended_by_pk, session_id=session_id)
            .order_by("pk")
        )
        if len(current) != len(attended_by_pk):
            raise Registration.DoesNotExist("A registration is not in this session.")
        session = current[0].session
        if timezone.now() < session.starts_at:
            raise RegistrationError(attendance_too_early(session), code="not_started")
        if any(r.status != Registration.Status.CONFIRMED for r in current):
            raise RegistrationError(
                _("Attendance is only recorded for registered participants."),
                code="not_confirmed",
            )
        for registration in current:
            registration.attended = attended_by_pk[registration.pk]
        Registration.objects.bulk_update(current, ["attended"])
        RegistrationEvent.objects.bulk_create(
            _event(
                registration,
                action=RegistrationEvent.Action.ATTENDANCE,
                from_status=registration.status,
                actor=actor,
                note=str(ATTENDANCE_NOTES[registration.attended]),
            )
            for registration in current
        )
    return current


# -- deleting one's own account (participants.privacy shows what is stored) ------------------


class AccountDeletionError(ValidationError):
    """A refused account deletion, with a message the person can act on."""


def delete_account(*, user) -> None:
    """Delete the person's account and everything stored about them, in one transaction.

    Live registrations (seat or waiting list) for sessions not yet over, and not
    cancelled, are cancelled through `cancel` first, soonest first (the order every
    caller locks sessions in), so each freed seat goes to the next on the waiting list,
    who is told by email as on any cancellation. Then the person's own outbox rows go
    (by recipient and by address; the cancellation receipts just recorded with them),
    and the user: the profile, registrations with their events, memberships,
    certificates and allauth's addresses follow by CASCADE. What they wrote for their
    organisation (reports, routines, offers, meetings) stays, its author set to NULL.

    Coordinators and superusers are refused: another coordinator removes them in the
    admin, so the programme is never left without one by mistake.
    """
    user_model = get_user_model()
    with transaction.atomic():
        # Locked first. A registration for the person being inserted now holds a
        # key-share lock on these rows: it is waited for, and then seen and cancelled
        # below. One that inserts after this waits for the commit and then fails on
        # its foreign key, so no registration escapes the cancellations and is
        # removed by the CASCADE with its seat never offered to the waiting list.
        locked_user = user_model.objects.select_for_update().get(pk=user.pk)
        participant = Participant.objects.select_for_update().filter(user_id=user.pk).first()
        if locked_user.is_superuser or (participant and participant.is_coordinator):
            raise AccountDeletionError(
                _(
                    "Coordinator accounts cannot be deleted here. Ask another coordinator "
                    "to remove your account in the administration."
                ),
                code="coordinator",
            )
        if participant is not None:
            live = (
                Registration.objects.filter(
                    participant=participant,
                    status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
                    session__ends_at__gt=timezone.now(),
                    session__is_cancelled=False,
                )
                .select_related("session")
                .order_by("session__starts_at", "session__pk")
            )
            for registration in live:
                cancel(registration=registration, actor=locked_user)
        emails_to(locked_user, addresses_of(locked_user)).delete()
        locked_user.delete()


# -- keeping no more than the programme needs ------------------------------------------------

DIETARY_NEEDS_KEPT_DAYS = 30


def forget_dietary_needs(*, now=None) -> int:
    """Clear the dietary needs of everyone who has had no live registration for a session
    ending in the last DIETARY_NEEDS_KEPT_DAYS days or later, and who wrote them longer ago
    than that: the kitchen needs them for the next sessions, and nobody needs them after.
    One UPDATE; safe to run again (nightly, by beat). Returns how many were cleared."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=DIETARY_NEEDS_KEPT_DAYS)
    still_needed = Registration.objects.filter(
        participant=OuterRef("pk"),
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        session__ends_at__gte=since,
    )
    return (
        Participant.objects.exclude(dietary_needs="")
        .filter(dietary_needs_changed_at__lt=since)
        .exclude(Exists(still_needed))
        .update(dietary_needs="")
    )
