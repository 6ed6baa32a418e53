"""Reads for the attendance and certificate pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from participants.models import Participant, Registration
from programme.models import Programme, Session
from programme.selectors import set_kind_totals

from .models import Certificate
from .services import Progress, counts_toward_certificate


class DayState:
    ATTENDED = "attended"
    ABSENT = "absent"
    NOT_RECORDED = "not_recorded"
    WAITLISTED = "waitlisted"
    NOT_REGISTERED = "not_registered"


@dataclass
class TrainingDay:
    session: Session
    registration: Registration | None

    @property
    def state(self) -> str:
        registration = self.registration
        if registration is None:
            return DayState.NOT_REGISTERED
        if registration.status == Registration.Status.WAITLISTED:
            return DayState.WAITLISTED
        if counts_toward_certificate(registration):
            return DayState.ATTENDED
        if registration.attended is False:
            return DayState.ABSENT
        return DayState.NOT_RECORDED


@dataclass
class Attendance:
    participant: Participant
    programme: Programme
    days: list[TrainingDay] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def progress(self) -> Progress:
        attended = sum(1 for day in self.days if day.state == DayState.ATTENDED)
        return Progress(attended=attended, total=len(self.days))

    @property
    def attended_days(self) -> list[TrainingDay]:
        return [day for day in self.days if day.state == DayState.ATTENDED]


def attendance_of(*, participant: Participant, programme: Programme) -> Attendance:
    """The programme's training days with the person's registration on each, and their
    certificate if issued. Four queries: training days, their themes, the person's
    live registrations on them, the certificate."""
    sessions = list(
        Session.objects.filter(programme=programme, kind=Session.Kind.TRAINING_DAY)
        .order_by("starts_at", "pk")
        .prefetch_related(
            "themes",
            Prefetch(
                "registrations",
                queryset=Registration.objects.live().filter(participant=participant),
                to_attr="mine",
            ),
        )
    )
    set_kind_totals(sessions)
    result = Attendance(participant=participant, programme=programme)
    for session in sessions:
        session.programme = programme
        if not session.is_cancelled:
            result.days.append(TrainingDay(session, session.mine[0] if session.mine else None))
    result.certificate = Certificate.objects.filter(
        participant=participant, programme=programme
    ).first()
    if result.certificate is not None:
        result.certificate.programme = programme  # its URL needs the slug: no second fetch
    return result


def programmes_of(participant: Participant) -> list[Programme]:
    """Programmes where the person has a live training-day registration or a certificate.
    One query."""
    registered = (
        Registration.objects.live()
        .filter(participant=participant, session__kind=Session.Kind.TRAINING_DAY)
        .values("session__programme")
    )
    certified = Certificate.objects.filter(participant=participant).values("programme")
    return list(Programme.objects.filter(Q(pk__in=registered) | Q(pk__in=certified)))
