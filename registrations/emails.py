"""The emails a registration change sends: confirmed, waiting list, promoted, cancelled,
and the one email for registering for all training days at once (series).

Each is an outbox row (notifications.models.Email) recorded in the transaction of the
change, keyed `<kind>:<registration>` so that the same email is never recorded twice
(the series email by its first registration: a registration is in one series at most);
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
    SERIES = Email.Kind.SERIES.value


def queue_registration_email(
    *, registration: Registration, kind: str, place: int | None = None, had_seat: bool = True
) -> None:
    """Tell the registration's participant what happened, once the transaction commits.

    kind: confirmed, waitlisted, promoted or cancelled. Recorded once per
    (registration, kind): calling it twice for the same event sends one email. The
    row is one INSERT ... ON CONFLICT DO NOTHING (no savepoint, no SELECT).
    """
    rows.insert(
        registration_email(registration=registration, kind=kind, place=place, had_seat=had_seat),
        ignore_conflicts=True,
    )
    dispatch_soon()


def registration_email(
    *, registration: Registration, kind: str, place: int | None = None, had_seat: bool = True
) -> Email:
    """The unsaved outbox row of queue_registration_email; its key makes it unique.

    Insert it with ignore_conflicts, then call dispatch_soon. The registration service
    calls this while it holds the session lock, so it passes what it already knows:
    `place` (waiting list, 1 = first) saves a query. `had_seat` (cancelled) says whether
    the person had a seat, so their calendar holds the event and gets a CANCEL for it.
    """
    user = registration.participant.user
    data: dict[str, object] = {}
    if kind == Email.Kind.WAITLISTED:
        data["place"] = place if place is not None else waiting_list_position(registration)
    if kind == Email.Kind.CANCELLED:
        data["late"] = registration.is_late_cancellation
        data["had_seat"] = had_seat
    return Email(
        key=f"{kind}:{registration.pk}",
        kind=kind,
        recipient=user,
        to_email=user.email,
        registration=registration,
        session_id=registration.session_id,
        data=data,
    )


def queue_series_email(*, registrations: list[Registration]) -> None:
    """One email for registrations made together (every training day in one step),
    once the transaction commits: each day with its seat or waiting-list place, and one
    calendar file with the days that have a seat. Recorded once per series."""
    rows.insert(series_email(registrations=registrations), ignore_conflicts=True)
    dispatch_soon()


def series_email(*, registrations: list[Registration]) -> Email:
    """The unsaved outbox row of queue_series_email. `data["days"]` lists each session
    with the status and waiting-list place it got; the sessions themselves are read
    when the email is sent, as they are then."""
    first = registrations[0]
    user = first.participant.user
    days = [
        {
            "session": registration.session_id,
            "status": registration.status,
            "place": getattr(registration, "queue_position", None),
        }
        for registration in registrations
    ]
    return Email(
        key=f"{Email.Kind.SERIES.value}:{first.pk}",
        kind=Email.Kind.SERIES,
        recipient=user,
        to_email=user.email,
        registration=first,
        data={"days": days},
    )
