"""Every unit of a programme side by side on its implementation plan, for coordinators:
the phase each unit is in, milestones reached per goal, units that have not moved for
some weeks, and how many units were in each phase at the end of each month.

Read in five queries whatever the number of units and milestones: enrolments with their
last change, phases, goals, milestones, and every record of the programme.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from participants.models import Enrolment
from programme.models import Goal, Programme

from .models import Milestone, MilestoneRecord, MilestoneStatus, Phase
from .selectors import milestones_of
from .timeline import Plan, build_plan

STALLED_WEEKS = 6


@dataclass
class GoalCount:
    goal: Goal
    reached: int = 0
    total: int = 0


@dataclass
class UnitProgress:
    enrolment: Enrolment
    plan: Plan
    last_moved_on: dt.date
    stalled: bool
    per_goal: list[GoalCount]

    @property
    def phase_name(self) -> str:
        current = self.plan.current_phase
        return current.phase.name if current else ""


@dataclass
class MonthCount:
    """How many units were in each phase (and done with every phase) at a month's end."""

    month_end: dt.date
    per_phase: list[int]
    done: int


@dataclass
class ProgrammeProgress:
    programme: Programme
    phases: list[Phase]
    goals: list[Goal]
    units: list[UnitProgress]
    months: list[MonthCount] = field(default_factory=list)
    stalled_weeks: int = STALLED_WEEKS

    @property
    def stalled(self) -> list[UnitProgress]:
        return [unit for unit in self.units if unit.stalled]

    @property
    def phase_counts(self) -> list[tuple[Phase, int]]:
        """Each phase with the number of units in it now."""
        current = [unit.plan.current_phase for unit in self.units]
        ids = [phase.phase.pk for phase in current if phase is not None]
        return [(phase, ids.count(phase.pk)) for phase in self.phases]

    @property
    def units_done(self) -> int:
        return sum(1 for unit in self.units if unit.plan.current_phase is None)


def done_on(record: MilestoneRecord) -> dt.date | None:
    """The day a record stopped counting as open: reached on its date, not relevant on
    the day it was marked so."""
    if record.status == MilestoneStatus.REACHED:
        return record.reached_on
    if record.status == MilestoneStatus.NOT_RELEVANT:
        return timezone.localdate(record.updated_at)
    return None


def phase_at(
    milestones: list[Milestone], records: dict[int, MilestoneRecord], day: dt.date
) -> int | None:
    """The id of the first phase with a milestone still open on `day`; None when every
    milestone was done by then."""
    for milestone in milestones:
        record = records.get(milestone.pk)
        finished = done_on(record) if record else None
        if finished is None or finished > day:
            return milestone.phase_id
    return None


def month_ends(start: dt.date, last: dt.date) -> list[dt.date]:
    """The last day of each month from `start`'s month to `last`'s; `last` itself ends
    the final month so that the chart's last bar is today."""
    ends = []
    year, month = start.year, start.month
    while True:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
        if end >= last:
            ends.append(last)
            return ends
        ends.append(end)
        year, month = following.year, following.month


def goal_counts(plan: Plan, goals: list[Goal]) -> list[GoalCount]:
    counts = {goal.pk: GoalCount(goal=goal) for goal in goals}
    for row in plan.rows:
        count = counts.get(row.milestone.goal_id)
        if count is None or row.status == "not_relevant":
            continue
        count.total += 1
        count.reached += row.status == "reached"
    return list(counts.values())


def months_of(
    programme: Programme,
    phases: list[Phase],
    milestones: list[Milestone],
    records: dict[int, dict[int, MilestoneRecord]],
    enrolments: Sequence[Enrolment],
    today: dt.date,
) -> list[MonthCount]:
    # Anchoring often begins before the first training day: count from the first enrolment.
    first = min([programme.starts_on, *(enrolment.enrolled_on for enrolment in enrolments)])
    if not milestones or first > today:
        return []
    months = []
    for end in month_ends(first, max(first, min(today, programme.ends_on))):
        per_phase: dict[int | None, int] = defaultdict(int)
        for enrolment in enrolments:
            per_phase[phase_at(milestones, records.get(enrolment.pk, {}), end)] += 1
        months.append(
            MonthCount(
                month_end=end,
                per_phase=[per_phase[phase.pk] for phase in phases],
                done=per_phase[None],
            )
        )
    return months


def programme_progress(
    programme: Programme,
    *,
    stalled_weeks: int = STALLED_WEEKS,
    today: dt.date | None = None,
) -> ProgrammeProgress:
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(programme=programme)
        .select_related("organisation", "programme")
        .annotate(last_change=Max("milestone_records__changes__changed_at"))
        .order_by("organisation__name", "pk")
    )
    phases = list(Phase.objects.filter(programme=programme).order_by("order", "pk"))
    goals = list(Goal.objects.filter(programme=programme).order_by("number"))
    milestones = list(milestones_of(programme))
    records: dict[int, dict[int, MilestoneRecord]] = defaultdict(dict)
    for record in MilestoneRecord.objects.filter(enrolment__programme=programme):
        records[record.enrolment_id][record.milestone_id] = record
    quiet_since = today - dt.timedelta(weeks=stalled_weeks)
    units = []
    for enrolment in enrolments:
        plan = build_plan(
            enrolment=enrolment,
            milestones=milestones,
            records=records.get(enrolment.pk, {}),
            evidence={},
            today=today,
        )
        moved = enrolment.last_change
        last_moved_on = timezone.localdate(moved) if moved else enrolment.enrolled_on
        units.append(
            UnitProgress(
                enrolment=enrolment,
                plan=plan,
                last_moved_on=last_moved_on,
                stalled=plan.current_phase is not None and last_moved_on < quiet_since,
                per_goal=goal_counts(plan, goals),
            )
        )
    return ProgrammeProgress(
        programme=programme,
        phases=phases,
        goals=goals,
        units=units,
        months=months_of(programme, phases, milestones, records, enrolments, today),
        stalled_weeks=stalled_weeks,
    )
