"""A unit's plan as a timeline: each milestone's status in words, the phase the unit is
in and how long each phase took. Pure computation over rows the selectors fetched.

A phase's time follows the Stages of Implementation Completion: from the first to the
last date a milestone of the phase was reached; a phase is done when each of its
milestones is reached or not relevant.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participants.models import Enrolment

from .models import Evidence, Milestone, MilestoneRecord, MilestoneStatus, Phase


class RowStatus:
    REACHED = "reached"
    NOT_RELEVANT = "not_relevant"
    LATE = "late"
    DUE = "due"
    OPEN = "open"


STATUS_WORDS = {
    RowStatus.REACHED: _("Reached"),
    RowStatus.NOT_RELEVANT: _("Not relevant"),
    RowStatus.LATE: pgettext_lazy("milestone", "Late"),
    RowStatus.DUE: _("Not reached yet"),
    RowStatus.OPEN: _("Not reached yet"),
}


@dataclass
class Proposal:
    """The unit's data suggests the milestone is reached on `on`; the leader confirms."""

    on: dt.date
    because: str


@dataclass
class Row:
    milestone: Milestone
    record: MilestoneRecord | None
    due_on: dt.date | None
    status: str
    proposal: Proposal | None = None

    @property
    def status_words(self) -> str:
        return str(STATUS_WORDS[self.status])

    @property
    def is_done(self) -> bool:
        return self.status in (RowStatus.REACHED, RowStatus.NOT_RELEVANT)

    @property
    def reached_on(self) -> dt.date | None:
        return self.record.reached_on if self.record else None


@dataclass
class PhaseRow:
    phase: Phase
    rows: list[Row] = field(default_factory=list)

    @property
    def reached_dates(self) -> list[dt.date]:
        return [row.reached_on for row in self.rows if row.reached_on is not None]

    @property
    def is_done(self) -> bool:
        return bool(self.rows) and all(row.is_done for row in self.rows)

    @property
    def started_on(self) -> dt.date | None:
        return min(self.reached_dates, default=None)

    @property
    def finished_on(self) -> dt.date | None:
        return max(self.reached_dates, default=None) if self.is_done else None

    @property
    def days(self) -> int | None:
        """Days from the first to the last milestone reached, once the phase is done."""
        if self.started_on is None or self.finished_on is None:
            return None
        return (self.finished_on - self.started_on).days

    @property
    def done_count(self) -> int:
        return sum(row.is_done for row in self.rows)


@dataclass
class Plan:
    enrolment: Enrolment
    phases: list[PhaseRow]
    today: dt.date

    @property
    def rows(self) -> list[Row]:
        return [row for phase in self.phases for row in phase.rows]

    @property
    def current_phase(self) -> PhaseRow | None:
        """The first phase not done; None when every phase is done (or there is no plan)."""
        return next((phase for phase in self.phases if not phase.is_done), None)

    @property
    def proposals(self) -> list[Row]:
        return [row for row in self.rows if row.proposal is not None]

    @property
    def reached_count(self) -> int:
        return sum(row.status == RowStatus.REACHED for row in self.rows)

    @property
    def late_count(self) -> int:
        return sum(row.status == RowStatus.LATE for row in self.rows)


def earliest_date(enrolment: Enrolment) -> dt.date:
    """No milestone is reached before the unit enrolled or the programme started,
    whichever came first (anchoring often begins before the first training day)."""
    return min(enrolment.programme.starts_on, enrolment.enrolled_on)


def row_status(record: MilestoneRecord | None, due_on: dt.date | None, today: dt.date) -> str:
    if record is not None and record.status == MilestoneStatus.REACHED:
        return RowStatus.REACHED
    if record is not None and record.status == MilestoneStatus.NOT_RELEVANT:
        return RowStatus.NOT_RELEVANT
    if due_on is None:
        return RowStatus.OPEN
    return RowStatus.LATE if due_on < today else RowStatus.DUE


def propose(
    milestone: Milestone, evidence: dict[str, dt.date | None], enrolment: Enrolment, today
) -> Proposal | None:
    seen_on = evidence.get(milestone.evidence) if milestone.evidence else None
    if seen_on is None:
        return None
    on = min(max(seen_on, earliest_date(enrolment)), today)
    return Proposal(on=on, because=str(Evidence(milestone.evidence).label))


def build_plan(
    *,
    enrolment: Enrolment,
    milestones: list[Milestone],
    records: dict[int, MilestoneRecord],
    evidence: dict[str, dt.date | None],
    today: dt.date,
) -> Plan:
    phases: dict[int, PhaseRow] = {}
    programme = enrolment.programme
    for milestone in milestones:
        phase = phases.setdefault(milestone.phase_id, PhaseRow(phase=milestone.phase))
        record = records.get(milestone.pk)
        due_on = milestone.due_on(programme)
        status = row_status(record, due_on, today)
        row = Row(milestone=milestone, record=record, due_on=due_on, status=status)
        if not row.is_done:
            row.proposal = propose(milestone, evidence, enrolment, today)
        phase.rows.append(row)
    return Plan(enrolment=enrolment, phases=list(phases.values()), today=today)
