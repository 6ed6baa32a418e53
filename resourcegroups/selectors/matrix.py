"""The staff × training-day matrix: each person's registration for each training day,
with totals, in one query."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participants.models import Enrolment, Participant, Registration
from programme.models import Session

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Cell:
    state: str
    label: "StrOrPromise"


CELL_LABELS = {
    "attended": _("Attended"),
    "absent": _("Did not attend"),
    "registered": _("Registered"),
    "waitlisted": _("Waiting list"),
    "cancelled": pgettext_lazy("registration", "Cancelled"),
    "none": _("Not registered"),
}


def _cell(registration: Registration | None) -> Cell:
    if registration is None:
        state = "none"
    elif registration.status == Registration.Status.CONFIRMED:
        state = {True: "attended", False: "absent", None: "registered"}[registration.attended]
    else:
        state = registration.status
    return Cell(state=state, label=CELL_LABELS[state])


@dataclass
class MatrixRow:
    participant: Participant
    cells: list[Cell]
    attended: int


@dataclass
class SessionTotal:
    session: Session
    registered: int = 0
    recorded: int = 0
    attended: int = 0

    @property
    def rate(self) -> float | None:
        """Share of registered staff with recorded attendance who came; None if none recorded."""
        if not self.recorded:
            return None
        return self.attended / self.recorded

    @property
    def percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(rate * 100)


@dataclass
class Matrix:
    sessions: list[Session]
    rows: list[MatrixRow]
    totals: list[SessionTotal]

    @property
    def attended_total(self) -> int:
        return sum(total.attended for total in self.totals)

    @property
    def registered_total(self) -> int:
        return sum(total.registered for total in self.totals)


def _best(current: Registration | None, candidate: Registration) -> Registration:
    """A live registration wins over a cancelled one; among equals, the newest."""
    if current is None:
        return candidate
    current_live = current.status != Registration.Status.CANCELLED
    candidate_live = candidate.status != Registration.Status.CANCELLED
    if candidate_live != current_live:
        return candidate if candidate_live else current
    return (
        candidate
        if (candidate.created_at, candidate.pk) > (current.created_at, current.pk)
        else current
    )


def attendance_matrix(
    enrolment: Enrolment, *, staff: list[Participant], training_days: list[Session]
) -> Matrix:
    """Every staff member's registration for each training day, with totals (one query)."""
    registrations = Registration.objects.filter(
        participant__organisation_id=enrolment.organisation_id,
        session__in=[session.pk for session in training_days],
    ).only("pk", "participant_id", "session_id", "status", "attended", "created_at")
    best: dict[tuple[int, int], Registration] = {}
    for registration in registrations:
        key = (registration.participant_id, registration.session_id)
        best[key] = _best(best.get(key), registration)
    totals = [SessionTotal(session=session) for session in training_days]
    rows = []
    for person in staff:
        cells = []
        for total in totals:
            registration = best.get((person.pk, total.session.pk))
            cell = _cell(registration)
            cells.append(cell)
            if registration is not None and registration.status == Registration.Status.CONFIRMED:
                total.registered += 1
                if registration.attended is not None:
                    total.recorded += 1
                if registration.attended:
                    total.attended += 1
        rows.append(
            MatrixRow(
                participant=person,
                cells=cells,
                attended=sum(cell.state == "attended" for cell in cells),
            )
        )
    return Matrix(sessions=training_days, rows=rows, totals=totals)
