"""Reads for the attendance and certificate pages, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from participants.models import Participant, Registration
from programme.models import Programme, Session
from programme.selectors import set_kind_totals

from .models import Certificate
from .services import Progress, counts_toward_certificate, required_training_days


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

    @property
    def attended_hours(self) -> float:
        """The length of the attended training days, in hours (start to end as planned)."""
        seconds = sum(
            (day.session.ends_at - day.session.starts_at).total_seconds()
            for day in self.attended_days
        )
        return round(seconds / 3600, 1)


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
        result.certificate.participant = participant
    return result


def certificate_by_code(code: str) -> Certificate | None:
    """What the public check page shows of a certificate, in one query."""
    return (
        Certificate.objects.select_related("participant", "programme")
        .only("issued_at", "code", "withdrawn_at", "participant__full_name", "programme__name")
        .filter(code=code)
        .first()
    )


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


def _training_days_with_themes(programme: Programme) -> list[Session]:
    sessions = list(
        Session.objects.filter(programme=programme, kind=Session.Kind.TRAINING_DAY)
        .order_by("starts_at", "pk")
        .prefetch_related("themes")
    )
    set_kind_totals(sessions)
    for session in sessions:
        session.programme = programme
    return [session for session in sessions if not session.is_cancelled]


def attendances_of_certificates(certificates: Iterable[Certificate]) -> list[Attendance]:
    """Attendance for each certificate, as attendance_of gives it one at a time, for the
    bulk PDFs: per programme three queries (training days, their themes, the people's
    live registrations on them), whatever the number of people. The certificates come
    with participant, organisation and programme loaded."""
    certificates = list(certificates)
    by_programme: dict[int, list[Certificate]] = {}
    for certificate in certificates:
        by_programme.setdefault(certificate.programme_id, []).append(certificate)
    result: dict[int, Attendance] = {}
    for group in by_programme.values():
        programme = group[0].programme
        sessions = _training_days_with_themes(programme)
        registrations: dict[tuple[int, int], Registration] = {
            (r.participant_id, r.session_id): r
            for r in Registration.objects.live().filter(
                session__in=[s.pk for s in sessions],
                participant__in=[c.participant_id for c in group],
            )
        }
        for certificate in group:
            attendance = Attendance(
                participant=certificate.participant, programme=programme, certificate=certificate
            )
            attendance.days = [
                TrainingDay(s, registrations.get((certificate.participant_id, s.pk)))
                for s in sessions
            ]
            result[certificate.pk] = attendance
    return [result[certificate.pk] for certificate in certificates]


@dataclass
class RosterRow:
    """One person on the coordinator's certificate page for a programme."""

    participant: Participant
    attended: int
    required: int
    certificate: Certificate | None

    @property
    def qualifies(self) -> bool:
        return self.attended >= self.required


@dataclass
class Roster:
    programme: Programme
    total: int
    required: int
    rows: list[RosterRow]

    @property
    def qualified(self) -> list[RosterRow]:
        return [row for row in self.rows if row.qualifies]

    @property
    def to_issue(self) -> list[RosterRow]:
        """Those who qualify and have no certificate yet (withdrawn ones stay withdrawn)."""
        return [row for row in self.qualified if row.certificate is None]

    @property
    def valid_certificates(self) -> list[Certificate]:
        return [
            row.certificate
            for row in self.rows
            if row.certificate is not None and not row.certificate.is_withdrawn
        ]


def _with_attended_count(programme: Programme):
    counted = Q(
        registrations__session__programme=programme,
        registrations__session__kind=Session.Kind.TRAINING_DAY,
        registrations__session__is_cancelled=False,
        registrations__status=Registration.Status.CONFIRMED,
        registrations__attended=True,
    )
    return Participant.objects.annotate(
        attended_days=Count("registrations__session", filter=counted, distinct=True)
    )


def qualifying_participants(programme: Programme) -> list[Participant]:
    """Everyone who has earned the programme's certificate by attendance, whether issued
    or not. Two queries: the training days, the people."""
    total = training_days_total(programme)
    if not total:
        return []
    return list(
        _with_attended_count(programme)
        .filter(attended_days__gte=required_training_days(total))
        .order_by("full_name", "pk")
    )


def training_days_total(programme: Programme) -> int:
    return Session.objects.filter(
        programme=programme, kind=Session.Kind.TRAINING_DAY, is_cancelled=False
    ).count()


def roster_of(programme: Programme) -> Roster:
    """Everyone with a live registration on a training day of the programme, or a
    certificate for it, with their attended days and certificate. Three queries: the
    training days, the people with their organisation, the certificates."""
    total = training_days_total(programme)
    registered = Registration.objects.live().filter(
        session__programme=programme, session__kind=Session.Kind.TRAINING_DAY
    )
    certificates = {c.participant_id: c for c in Certificate.objects.filter(programme=programme)}
    people = (
        _with_attended_count(programme)
        .filter(Q(pk__in=registered.values("participant")) | Q(pk__in=list(certificates)))
        .select_related("organisation")
        .order_by("full_name", "pk")
    )
    required = required_training_days(total) if total else 1
    rows = []
    for person in people:
        certificate = certificates.get(person.pk)
        if certificate is not None:
            certificate.programme = programme
            certificate.participant = person
        rows.append(RosterRow(person, person.attended_days if total else 0, required, certificate))
    return Roster(programme=programme, total=total, required=required, rows=rows)
