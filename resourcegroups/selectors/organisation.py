"""Everything on the organisation's page, and the programme's training days and leader
gatherings it shows, in a fixed number of queries."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Value,
)

from participants.models import Enrolment, Participant
from programme.models import Programme, Session
from programme.selectors import set_kind_totals

from ..models import (
    Offer,
    ProgressReport,
    ResourceGroup,
    Routine,
    WorkStatus,
)
from .enrolments import group_for_page, staff_for_page
from .matrix import Matrix, attendance_matrix


@dataclass
class ReportLine:
    gathering: Session
    report: ProgressReport | None

    @property
    def _report(self) -> ProgressReport:
        """The report, or an unsaved one for the gathering while none is begun."""
        return self.report or ProgressReport(gathering=self.gathering)

    @property
    def due_at(self) -> dt.datetime:
        return self._report.due_at

    @property
    def is_late(self) -> bool:
        return self._report.is_late


@dataclass
class OrganisationPage:
    enrolment: Enrolment
    staff: list[Participant]
    leaders: list[Participant]
    group: ResourceGroup | None
    matrix: Matrix
    work_counts: dict[str, Counter[str]]
    reports: list[ReportLine]

    @property
    def routines_established(self) -> int:
        return self.work_counts["routines"][WorkStatus.ESTABLISHED]

    @property
    def routines_total(self) -> int:
        return sum(self.work_counts["routines"].values())

    @property
    def offers_established(self) -> int:
        return self.work_counts["offers"][WorkStatus.ESTABLISHED]

    @property
    def offers_total(self) -> int:
        return sum(self.work_counts["offers"].values())


def _numbered(sessions) -> list[Session]:
    """«n av N» for every session, counted over the list including cancelled sessions;
    the list without the cancelled ones."""
    sessions = list(sessions)
    set_kind_totals(sessions)
    return [session for session in sessions if not session.is_cancelled]


def leader_gatherings(programme: Programme) -> list[Session]:
    """The programme's leader gatherings that take place, with «n av N» (one query)."""
    return _numbered(
        Session.objects.filter(programme=programme, kind=Session.Kind.LEADER_GATHERING).order_by(
            "starts_at", "pk"
        )
    )


def training_days_and_gatherings(enrolment: Enrolment) -> tuple[list[Session], list[Session]]:
    """Training days and leader gatherings of the programme that take place, with
    «n av N» (one query)."""
    sessions = _numbered(
        Session.objects.filter(
            programme_id=enrolment.programme_id,
            kind__in=[Session.Kind.TRAINING_DAY, Session.Kind.LEADER_GATHERING],
        ).order_by("starts_at", "pk")
    )
    training_days = [s for s in sessions if s.kind == Session.Kind.TRAINING_DAY]
    gatherings = [s for s in sessions if s.kind == Session.Kind.LEADER_GATHERING]
    return training_days, gatherings


def report_lines(enrolment: Enrolment, gatherings: list[Session]) -> list[ReportLine]:
    reports = {
        report.gathering_id: report for report in ProgressReport.objects.filter(enrolment=enrolment)
    }
    lines = []
    for gathering in gatherings:
        report = reports.get(gathering.pk)
        if report is not None:
            report.gathering = gathering
        lines.append(ReportLine(gathering=gathering, report=report))
    return lines


def work_counts(enrolment: Enrolment) -> dict[str, Counter[str]]:
    """Routines and offers by status: {"routines": {status: n}, "offers": {...}} (one query)."""
    counts: dict[str, Counter[str]] = {"routines": Counter(), "offers": Counter()}
    routines = (
        Routine.objects.filter(enrolment=enrolment)
        .annotate(list_name=Value("routines"))
        .values_list("list_name", "status")
        .order_by()  # SQLite refuses ORDER BY inside a UNION's parts
    )
    offers = (
        Offer.objects.filter(enrolment=enrolment)
        .annotate(list_name=Value("offers"))
        .values_list("list_name", "status")
        .order_by()
    )
    for list_name, status in routines.union(offers, all=True):
        counts[list_name][status] += 1
    return counts


def organisation_page(enrolment: Enrolment) -> OrganisationPage:
    """Everything on the organisation's page in a fixed number of queries:
    staff, resource group (+ members), sessions, registrations, routines, offers, reports."""
    staff = list(staff_for_page(enrolment))
    training_days, gatherings = training_days_and_gatherings(enrolment)
    return OrganisationPage(
        enrolment=enrolment,
        staff=staff,
        leaders=[p for p in staff if p.is_confirmed_leader],
        group=group_for_page(enrolment),
        matrix=attendance_matrix(enrolment, staff=staff, training_days=training_days),
        work_counts=work_counts(enrolment),
        reports=report_lines(enrolment, gatherings),
    )


def staff_matrix(enrolment: Enrolment) -> Matrix:
    """The organisation page's staff × training-day matrix on its own (for its download):
    staff, training days, registrations; three queries."""
    training_days, _gatherings = training_days_and_gatherings(enrolment)
    staff = list(staff_for_page(enrolment))
    return attendance_matrix(enrolment, staff=staff, training_days=training_days)
