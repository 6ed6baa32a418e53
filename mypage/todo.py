"""«Dette må gjøres»: what a confirmed leader has to do for their own unit, read from the
rooms that own each thing. Approvals are not built yet and are not here.

The unit is the organisation's enrolment in the newest programme, as on «Min enhet».
Everything is of the leader's own organisation only, in a fixed number of queries
whatever the number of staff or items (see tests/mypage/test_leader_todo.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from implementation.selectors import plan_for_page
from implementation.timeline import Row, RowStatus
from participants.models import Enrolment, Participant, Registration
from participants.selectors import members_waiting, staff_of
from programme.models import Session
from registrations.selectors import with_positions
from resourcegroups.models import ProgressReport, report_due_at

if TYPE_CHECKING:
    from registrations.selectors import RegistrationWithTotal

# A milestone not yet reached counts as «due» when its date is this close; late ones
# always count. Later milestones are on the unit's plan page, not on the to-do list.
DUE_SOON_DAYS = 30


@dataclass
class NextReport:
    gathering: Session
    due_at: dt.datetime
    status: str | None  # ProgressReport.Status, or None when not started

    @property
    def is_submitted(self) -> bool:
        return self.status == ProgressReport.Status.SUBMITTED

    @property
    def is_late(self) -> bool:
        return not self.is_submitted and timezone.now() > self.due_at


@dataclass
class LeaderTodo:
    enrolment: Enrolment
    members_waiting: list[Participant] = field(default_factory=list)
    next_report: NextReport | None = None
    milestones: list[Row] = field(default_factory=list)
    waitlisted: list[RegistrationWithTotal] = field(default_factory=list)


def _unit_of(leader: Participant) -> Enrolment | None:
    if leader.organisation_id is None:
        return None
    return (
        Enrolment.objects.select_related("programme", "organisation")
        .filter(organisation_id=leader.organisation_id)
        .order_by("-programme__starts_on", "-pk")
        .first()
    )


def next_report_of(enrolment: Enrolment) -> NextReport | None:
    """The programme's next leader gathering that still takes place, with the unit's
    report status for it (one query)."""
    report_status = ProgressReport.objects.filter(
        enrolment=enrolment, gathering=OuterRef("pk")
    ).values("status")[:1]
    numbered = (
        Session.objects.filter(
            programme=OuterRef("programme"), kind=OuterRef("kind"), number__isnull=False
        )
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    gathering = (
        Session.objects.filter(
            programme_id=enrolment.programme_id,
            kind=Session.Kind.LEADER_GATHERING,
            is_cancelled=False,
            starts_at__gte=timezone.now(),
        )
        .annotate(
            report_status=Subquery(report_status),
            numbered_total=Coalesce(Subquery(numbered, output_field=IntegerField()), 0),
        )
        .order_by("starts_at", "pk")
        .first()
    )
    if gathering is None:
        return None
    gathering.kind_total = gathering.numbered_total
    return NextReport(
        gathering=gathering,
        due_at=report_due_at(gathering),
        status=gathering.report_status,
    )


def milestones_to_do(enrolment: Enrolment, *, today: dt.date | None = None) -> list[Row]:
    """Milestones late, or due within DUE_SOON_DAYS, by date (four queries)."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    rows = [
        row
        for row in plan_for_page(enrolment, today=today).rows
        if row.status == RowStatus.LATE
        or (row.status == RowStatus.DUE and row.due_on is not None and row.due_on <= soon)
    ]
    return sorted(rows, key=lambda row: (row.due_on or soon, row.milestone.pk))


def staff_waitlisted(enrolment: Enrolment) -> list[RegistrationWithTotal]:
    """The organisation's confirmed staff on a waiting list for a coming session, by
    session and place in the queue (one query)."""
    registrations = with_positions(
        Registration.objects.filter(
            status=Registration.Status.WAITLISTED,
            session__starts_at__gte=timezone.now(),
            session__is_cancelled=False,
            participant__in=staff_of(enrolment.organisation).values("pk"),
        ).select_related("participant")
    ).order_by("session__starts_at", "session__pk", "waitlisted_at", "pk")
    found = list(registrations)
    for registration in found:  # «n av N» from the same query
        registration.session.kind_total = registration.session_kind_total
    return found


def leader_todo(leader: Participant) -> LeaderTodo | None:
    """What the confirmed leader has to do for their unit; None for anyone else or for
    a leader whose organisation is not enrolled."""
    if not leader.is_confirmed_leader:
        return None
    enrolment = _unit_of(leader)
    if enrolment is None:
        return None
    return LeaderTodo(
        enrolment=enrolment,
        members_waiting=list(members_waiting(enrolment.organisation_id)),
        next_report=next_report_of(enrolment),
        milestones=milestones_to_do(enrolment),
        waitlisted=staff_waitlisted(enrolment),
    )
