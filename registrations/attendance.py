"""Attendance (oppmøte): who came to a session they were registered for.

Coordinators take it at any session and supervisors at their group's meetings, through
the same form (registrations.attendance_views); the course certificate counts it
(certificates.services).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familiestotte.formatting import when
from participants.models import Participant, Registration, RegistrationEvent
from programme.models import Session

from .locking import lock_session
from .services import RegistrationError

ATTENDANCE_NOTES = {
    True: gettext_lazy("Attended"),
    False: gettext_lazy("Did not attend"),
    None: gettext_lazy("Not known"),
}


def attendance_too_early(session: Session) -> str:
    return _("Attendance can be taken once the session has started. It starts %(start)s.") % {
        "start": when(session.starts_at)
    }


def record_attendance(
    *, registration: Registration, attended: bool | None, actor: User | None
) -> Registration:
    """Mark whether a registered person came (True), did not come (False) or unknown.

    Only once the session has started: before then nobody can have come."""
    [current] = record_attendances(
        session_id=registration.session_id, changes=[(registration, attended)], actor=actor
    )
    registration.attended = attended
    return current


def record_attendances(
    *, session_id: int, changes: list[tuple[Registration, bool | None]], actor: User | None
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
        before = {registration.pk: registration.attended for registration in current}
        for registration in current:
            registration.attended = attended_by_pk[registration.pk]
        Registration.objects.bulk_update(current, ["attended"])
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent.of_change(
                registration,
                action=RegistrationEvent.Action.ATTENDANCE,
                from_status=registration.status,
                actor=actor,
                note=change_note(before[registration.pk], registration.attended),
            )
            for registration in current
        )
    return current


def change_note(before: bool | None, after: bool | None) -> str:
    """«Ikke kjent → Møtt»: what the history on the attendance page shows, stored in the
    portal's language whoever saves it."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{ATTENDANCE_NOTES[before]} → {ATTENDANCE_NOTES[after]}"


def surname_order(registrations: list[Registration]) -> list[Registration]:
    """By surname (the last word of the full name), then by the whole name: the order a
    coordinator at the door reads a paper list in."""

    def key(registration: Registration) -> tuple[str, str, int]:
        name = registration.participant.full_name.strip().casefold()
        return (name.rsplit(" ", 1)[-1], name, registration.pk)

    return sorted(registrations, key=key)


def attendance_history(session: Session) -> list[RegistrationEvent]:
    """Every attendance mark and walk-in at the session, newest first, with who did it
    and whom it concerns (one query)."""
    return list(
        RegistrationEvent.objects.filter(
            registration__session=session,
            action__in=[RegistrationEvent.Action.ATTENDANCE, RegistrationEvent.Action.WALK_IN],
        )
        .select_related("registration__participant", "actor__participant")
        .order_by("-created_at", "-pk")
    )


def add_walk_in(
    *, session: Session, participant: Participant, reason: str, actor: User | None
) -> Registration:
    """Someone who came without a seat (not registered, or on the waiting list of a full
    day), added by a coordinator as attending, with the reason kept in the history.

    The only way past the capacity: the person is in the room. Under the session lock,
    as every change of seats is; once the session has started only."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if timezone.now() < locked.session.starts_at:
            raise RegistrationError(attendance_too_early(session), code="not_started")
        registration = (
            Registration.objects.live()
            .select_for_update()
            .filter(session_id=session.pk, participant=participant)
            .first()
        )
        if registration is not None and registration.status == Registration.Status.CONFIRMED:
            raise RegistrationError(
                _("%(name)s is registered already: mark them in the list.")
                % {"name": participant.full_name},
                code="registered",
            )
        now = timezone.now()
        from_status = registration.status if registration else ""
        if registration is None:
            registration = Registration(session_id=session.pk, participant=participant)
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.attended = True
        registration.save()
        RegistrationEvent.of_change(
            registration,
            action=RegistrationEvent.Action.WALK_IN,
            from_status=from_status,
            actor=actor,
            note=reason[:300],
        ).save()
    return registration
