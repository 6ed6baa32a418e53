"""Attendance (oppmøte): who came to a session they were registered for.

Coordinators take it at any session and supervisors at their group's meetings, through
the same form (registrations.attendance_views); the course certificate counts it
(certificates.services).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familiestotte.formatting import when
from participants.models import Registration, RegistrationEvent
from programme.models import Session

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
        for registration in current:
            registration.attended = attended_by_pk[registration.pk]
        Registration.objects.bulk_update(current, ["attended"])
        RegistrationEvent.objects.bulk_create(
            RegistrationEvent.of_change(
                registration,
                action=RegistrationEvent.Action.ATTENDANCE,
                from_status=registration.status,
                actor=actor,
                note=str(ATTENDANCE_NOTES[registration.attended]),
            )
            for registration in current
        )
    return current
