"""The programme dashboard's figures: per session the fill rate, waiting list, attendance,
no-shows and late cancellations; the same summed per session kind and per month
(Europe/Oslo); per organisation the share of its staff who earned the certificate.

Read in two queries whatever the size of the programme: the sessions with their counts,
and the enrolled organisations with their staff counted (certificates.services says how
many training days earn the certificate)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q
from django.utils import timezone

from certificates.services import required_training_days
from participants.models import Enrolment, Participant, Registration
from participants.selectors import STAFF_ROLES
from programme.models import Programme, Session

from .organisations import SubqueryCount

CONFIRMED = Q(registrations__status=Registration.Status.CONFIRMED)


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass
class Figures:
    """Counts for one session, or summed for a kind or a month."""

    capacity: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    # Only sessions that have started count toward attendance.
    started_confirmed: int = 0
    attended: int = 0
    no_shows: int = 0
    late_cancellations: int = 0
    sessions: int = 0

    @property
    def fill_rate(self) -> float | None:
        return ratio(self.confirmed, self.capacity)

    @property
    def attendance_rate(self) -> float | None:
        return ratio(self.attended, self.started_confirmed)

    def add(self, other: "Figures") -> None:
        for name in (
            "capacity",
            "confirmed",
            "waitlisted",
            "started_confirmed",
            "attended",
            "no_shows",
            "late_cancellations",
            "sessions",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SessionRow:
    session: Session
    figures: Figures
    started: bool


@dataclass
class Group:
    """Figures summed over the sessions of one kind or one month."""

    key: str
    label: str
    figures: Figures = field(default_factory=Figures)
    month: dt.date | None = None


@dataclass
class OrganisationRow:
    enrolment: Enrolment
    staff: int
    certified: int

    @property
    def share(self) -> float | None:
        return ratio(self.certified, self.staff)


@dataclass
class Dashboard:
    programme: Programme
    sessions: list[SessionRow]
    kinds: list[Group]
    months: list[Group]
    organisations: list[OrganisationRow]
    training_days: int
    required_days: int
    total: Figures


def session_rows(programme: Programme, now: dt.datetime) -> list[SessionRow]:
    sessions = (
        Session.objects.filter(programme=programme)
        .select_related("programme")
        .annotate(
            confirmed=Count("registrations", filter=CONFIRMED),
            waitlisted=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.WAITLISTED),
            ),
            attended_count=Count(
                "registrations", filter=CONFIRMED & Q(registrations__attended=True)
            ),
            no_shows=Count("registrations", filter=CONFIRMED & Q(registrations__attended=False)),
            late_cancellations=Count(
                "registrations",
                filter=Q(
                    registrations__status=Registration.Status.CANCELLED,
                    registrations__is_late_cancellation=True,
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )
    sessions = list(sessions)
    # «Opplæringsdag 3 av 8» without a count per session (Session.kind_total).
    numbered = Counter(s.kind for s in sessions if s.number is not None)
    rows = []
    for session in sessions:
        session.kind_total = numbered[session.kind]
        started = session.starts_at <= now
        figures = Figures(
            capacity=session.capacity,
            confirmed=session.confirmed,
            waitlisted=session.waitlisted,
            started_confirmed=session.confirmed if started else 0,
            attended=session.attended_count if started else 0,
            no_shows=session.no_shows,
            late_cancellations=session.late_cancellations,
            sessions=1,
        )
        rows.append(SessionRow(session=session, figures=figures, started=started))
    return rows


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def by_kind(rows: list[SessionRow]) -> list[Group]:
    """One group per kind that has a session, in the order of Session.Kind."""
    groups = {kind: Group(key=kind, label=str(label)) for kind, label in Session.Kind.choices}
    for row in rows:
        groups[row.session.kind].figures.add(row.figures)
    return [group for group in groups.values() if group.figures.sessions]


def by_month(programme: Programme, rows: list[SessionRow]) -> list[Group]:
    """Every month of the programme (and any month a session falls outside it), by the
    sessions' start in Europe/Oslo."""
    days = [timezone.localtime(row.session.starts_at).date() for row in rows]
    first = min([programme.starts_on, *days])
    last = max([programme.ends_on, *days])
    groups = {
        month: Group(key=month.isoformat()[:7], label="", month=month)
        for month in month_starts(first, last)
    }
    for row, day in zip(rows, days, strict=True):
        groups[day.replace(day=1)].figures.add(row.figures)
    return list(groups.values())


def organisation_rows(programme: Programme, required: int, total: int) -> list[OrganisationRow]:
    """Each enrolled organisation's staff and how many of them attended `required` of the
    programme's training days (certificates.services' rule), in one grouped query."""
    staff = Participant.objects.filter(
        organisation_id=OuterRef("organisation_id"), role__in=STAFF_ROLES
    )
    attended_days = Count(
        "registrations__session",
        distinct=True,
        filter=Q(
            registrations__session__programme_id=programme.pk,
            registrations__session__kind=Session.Kind.TRAINING_DAY,
            registrations__session__is_cancelled=False,
            registrations__status=Registration.Status.CONFIRMED,
            registrations__attended=True,
        ),
    )
    certified = staff.annotate(days=attended_days).filter(days__gte=required).values("pk")
    enrolments = (
        Enrolment.objects.filter(programme=programme)
        .select_related("organisation")
        .annotate(
            staff_count=SubqueryCount(staff.values("pk")),
            certified_count=SubqueryCount(certified),
        )
        .order_by("organisation__name", "pk")
    )
    return [
        OrganisationRow(
            enrolment=enrolment,
            staff=enrolment.staff_count,
            certified=enrolment.certified_count if total else 0,
        )
        for enrolment in enrolments
    ]


def dashboard(programme: Programme, *, now: dt.datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    rows = session_rows(programme, now)
    training_days = sum(
        1
        for row in rows
        if row.session.kind == Session.Kind.TRAINING_DAY and not row.session.is_cancelled
    )
    required = required_training_days(training_days)
    total = Figures()
    for row in rows:
        total.add(row.figures)
    return Dashboard(
        programme=programme,
        sessions=rows,
        kinds=by_kind(rows),
        months=by_month(programme, rows),
        organisations=organisation_rows(programme, required, training_days),
        training_days=training_days,
        required_days=required,
        total=total,
    )
