"""Who gets a seat: register, the waiting list, cancel and promote, capacity.

Every write path locks the session row first (registrations.locking) and counts seats
with the lock held, so a session is never overbooked; the partial unique constraint
`one_live_registration_per_session` backs up "one live registration per person and
session" in the database. Each state change writes a RegistrationEvent (who, when,
from and to status) and an outbox row (registrations.emails) in the same transaction.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from familiestotte import rows
from notifications.dispatch import dispatch_soon
from participants.models import Participant, Registration, RegistrationEvent
from programme.models import Programme, Session

from . import eligibility, emails, locking
from .locking import LockedSession

LIVE_CONSTRAINT = "one_live_registration_per_session"


class RegistrationError(ValidationError):
    """A refused registration change, with a message the person can act on. Its code
    says why in short: "unpublished" when the session's programme is not published
    (its sessions do not exist for participants), "refused", "duplicate", and so on."""


class TrainingDayRegistrations(list[Registration]):
    """The registrations made by register_for_all_training_days (a list), plus what was
    skipped: `skipped` holds (session, reason) pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[tuple[Session, str]] = []


def register(
    *,
    participant: Participant,
    session: Session,
    actor: User | None = None,
    force: bool = False,
    notify: bool = True,
) -> Registration:
    """Give the person a seat if one is free, otherwise a place on the waiting list
    (its `queue_position` says which).

    `actor` is the user doing it (the person themself when None). `force` is for a
    coordinator adding someone by hand: it skips the deadline and the audience, never
    the capacity. `notify=False` records no email: for a caller that sends one email
    about several registrations (register_for_all_training_days).
    """
    # What needs no lock comes first: the person's user (the email's recipient) is
    # loaded here, not while other registrations wait for the session row.
    actor = actor or participant.user
    try:
        with rows.transaction() as lean:
            registration = _register_locked(
                participant=participant,
                session=session,
                actor=actor,
                force=force,
                lean=lean,
                notify=notify,
            )
    except IntegrityError as exc:
        # Asked of the database, not read from the error's text: SQLite names the
        # columns, PostgreSQL the constraint. The failed transaction is rolled back here.
        if not has_live_registration(participant=participant, session=session):
            raise
        raise RegistrationError(
            eligibility.already_registered(participant), code="duplicate"
        ) from exc
    if notify:
        dispatch_soon()
    session.__dict__.pop("confirmed_count", None)
    return registration


def has_live_registration(*, participant: Participant, session: Session) -> bool:
    """Whether the person holds a seat or a waiting-list place for the session: after an
    IntegrityError on insert, whether it was the one live registration allowed
    (the constraint LIVE_CONSTRAINT)."""
    return Registration.objects.live().filter(participant=participant, session=session).exists()


def _register_locked(
    *,
    participant: Participant,
    session: Session,
    actor: User,
    force: bool,
    lean: bool,
    notify: bool = True,
) -> Registration:
    """The critical section: lock the session, count, insert. Keep it short.

    On PostgreSQL that is two round trips: the session row FOR UPDATE with the seat
    counts read after it, then the three INSERTs (registration, event, outbox row) sent
    together. When `lean` (rows.transaction) BEGIN travels with the first and COMMIT
    with the second. The refusal checks use the locked row and the loaded participant:
    no query, except one for a supervision meeting.
    """
    locked = locking.lock_session(session.pk, for_registration=True, begin=lean)
    reason = eligibility.refusal_reason(
        participant=participant,
        session=locked.session,
        published=locked.programme_is_published,
        force=force,
    )
    if reason:
        code = "refused" if locked.programme_is_published else "unpublished"
        raise RegistrationError(reason, code=code)
    confirmed, waitlisted = locking.seat_counts(locked)
    has_seat = confirmed < locked.session.capacity
    now = timezone.now()
    registration = Registration(
        pk=locked.new_registration_id,
        participant=participant,
        session=locked.session,
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
        RegistrationEvent.of_change(
            registration,
            action=RegistrationEvent.Action.REGISTERED
            if has_seat
            else RegistrationEvent.Action.WAITLISTED,
            from_status="",
            actor=actor,
            note=_("Added by hand by a coordinator") if force else "",
        )
    )
    if notify:
        kind = (
            emails.RegistrationEmail.CONFIRMED if has_seat else emails.RegistrationEmail.WAITLISTED
        )
        email = emails.registration_email(
            registration=registration, kind=kind, place=registration.queue_position
        )
        batch.insert(email, ignore_conflicts=True)
    batch.send(commit=lean)
    return registration


def register_for_all_training_days(
    *, participant: Participant, programme: Programme, actor: User | None = None
) -> TrainingDayRegistrations:
    """Register for every training day of the programme in one step.

    Days the person is already registered for, or that are closed to them, are
    skipped with the reason in `result.skipped`; the others are registered (seat or
    waiting list) in one transaction. Sessions are locked in start order, the same
    order every caller uses, so two of these never deadlock. The person gets one email
    for all the days registered (emails.queue_series_email), not one per day; asking
    again registers nothing new and so sends nothing.
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
                result.append(
                    register(participant=participant, session=session, actor=actor, notify=False)
                )
            except RegistrationError as exc:
                result.skipped.append((session, exc.messages[0]))
        if result:
            emails.queue_series_email(registrations=list(result))
    return result


def _record(
    registration: Registration,
    *,
    action: str,
    from_status: str,
    actor: User | None,
    note: str = "",
) -> None:
    rows.insert(
        RegistrationEvent.of_change(
            registration, action=action, from_status=from_status, actor=actor, note=note
        )
    )


def _promote_waiting(*, locked: LockedSession, actor: User | None) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. Session locked."""
    free = locked.session.capacity - locking.seat_counts(locked)[0]
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(session=locked.session, status=Registration.Status.WAITLISTED)
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
        emails.queue_registration_email(
            registration=registration, kind=emails.RegistrationEmail.PROMOTED
        )
    return waiting


def cancel(*, registration: Registration, actor: User | None) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first on the waiting list at once.

    Cancelling after the registration deadline is allowed and recorded as late.
    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        locked = locking.lock_session(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise RegistrationError(
                _("This registration is already cancelled."), code="already_cancelled"
            )
        from_status = current.status
        now = timezone.now()
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = now
        current.is_late_cancellation = now > locked.session.registration_deadline
        current.save(update_fields=["status", "cancelled_at", "is_late_cancellation"])
        _record(
            current,
            action=RegistrationEvent.Action.CANCELLED,
            from_status=from_status,
            actor=actor,
            note=_("Late cancellation, after the deadline") if current.is_late_cancellation else "",
        )
        had_seat = from_status == Registration.Status.CONFIRMED
        if had_seat:
            # The receipt's calendar file removes the event: its SEQUENCE must be above
            # what the person last received, and a later registration's at least as high.
            Session.objects.filter(pk=locked.session.pk).update(sequence=F("sequence") + 1)
        emails.queue_registration_email(
            registration=current, kind=emails.RegistrationEmail.CANCELLED, had_seat=had_seat
        )
        promoted = []
        if from_status == Registration.Status.CONFIRMED:
            promoted = _promote_waiting(locked=locked, actor=actor)
    for field in ("status", "cancelled_at", "is_late_cancellation"):
        setattr(registration, field, getattr(current, field))
    return promoted[0] if promoted else None


def change_capacity(*, session: Session, capacity: int, actor: User | None) -> list[Registration]:
    """Set the number of seats. Raising it promotes from the waiting list in order;
    lowering it below the number already confirmed is refused."""
    with transaction.atomic():
        locked = locking.lock_session(session.pk)
        if capacity < 1:
            raise RegistrationError(_("A session needs at least one seat."), code="capacity")
        confirmed = locking.seat_counts(locked)[0]
        if capacity < confirmed:
            raise RegistrationError(
                _(
                    "%(confirmed)s people are already registered, so the capacity cannot be "
                    "lower than %(confirmed)s. Cancel registrations first."
                )
                % {"confirmed": confirmed},
                code="capacity",
            )
        locked.session.capacity = capacity
        locked.session.save(update_fields=["capacity"])
        promoted = _promote_waiting(locked=locked, actor=actor)
    session.capacity = capacity
    session.__dict__.pop("confirmed_count", None)
    return promoted
