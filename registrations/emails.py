"""The emails a registration change sends: confirmed, waiting list, promoted, cancelled.

Each is an outbox row (notifications.models.Email) recorded in the transaction of the
change, keyed `<kind>:<registration>` so that the same email is never recorded twice;
the outbox renders it when it sends it (notifications.rendering).
"""

from __future__ import annotations

from familiestotte import rows
from notifications.dispatch import dispatch_soon
from notifications.models import Email
from participants.models import Registration

from .selectors import waiting_list_position


class RegistrationEmail:
    CONFIRMED = Email.Kind.CONFIRMED.value
    WAITLISTED = Email.Kind.WAITLISTED.value
    PROMOTED = Email.Kind.PROMOTED.value
    CANCELLED = Email.Kind.CANCELLED.value


def queue_registration_email(
    *, registration: Registration, kind: str, place: int | None = None
) -> None:
    """Tell the registration's participant what happened, once the transaction commits.

    kind: confirmed, waitlisted, promoted or cancelled. Recorded once per
    (registration, kind): calling it twice for the same event sends one email. The
    row is one INSERT ... ON CONFLICT DO NOTHING (no savepoint, no SELECT).
    """
    rows.insert(
        registration_email(registration=registration, kind=kind, place=place), ignore_conflicts=True
    )
    dispatch_soon()


def registration_email(*, registration: Registration, kind: str, place: int | None = None) -> Email:
    """The unsaved outbox row of queue_registration_email; its key makes it unique.

    Insert it with ignore_conflicts, then call dispatch_soon. The registration service
    calls this while it holds the session lock, so it passes what it already knows:
    `place` (waiting list, 1 = first) saves a query.
    """
    user = registration.participant.user
    data: dict[str, object] = {}
    if kind == Email.Kind.WAITLISTED:
        data["place"] = place if place is not None else waiting_list_position(registration)
    if kind == Email.Kind.CANCELLED:
        data["late"] = registration.is_late_cancellation
    return Email(
        key=f"{kind}:{registration.pk}",
        kind=kind,
        recipient=user,
        to_email=user.email,
        registration=registration,
        session_id=registration.session_id,
        data=data,
    )
