"""Reads for the implementation pages: the plan, a unit's records with their history,
the evidence in the unit's data and the members chosen to mark milestones."""

import datetime as dt

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from participants.models import Enrolment, Participant, Registration
from programme.models import Programme, Session
from resourcegroups.models import (
    Meeting,
    Membership,
    Partner,
    StatusChange,
    WorkStatus,
)

from .models import Evidence, Milestone, MilestoneChange, MilestoneKeeper, MilestoneRecord
from .timeline import Plan, build_plan


def milestones_of(programme: Programme) -> QuerySet[Milestone]:
    """The plan in order, with each milestone's phase and goal (one query)."""
    return (
        Milestone.objects.filter(phase__programme=programme)
        .select_related("phase", "goal")
        .order_by("phase__order", "order", "pk")
    )


def records_of(enrolment: Enrolment) -> dict[int, MilestoneRecord]:
    """The unit's records by milestone id, each with its history and who changed it
    (two queries)."""
    changes = MilestoneChange.objects.select_related("changed_by__participant")
    records = MilestoneRecord.objects.filter(enrolment=enrolment).prefetch_related(
        Prefetch("changes", queryset=changes)
    )
    return {record.milestone_id: record for record in records}


def _first(queryset, field_name: str) -> Subquery:
    return Subquery(queryset.order_by(field_name).values(field_name)[:1])


def evidence_of(enrolment: Enrolment) -> dict[str, dt.date | None]:
    """For each kind of evidence, the first date the unit's data shows it (one query)."""
    here = OuterRef("pk")
    group_met = Meeting.objects.filter(group__enrolment=here, group__memberships__isnull=False)
    established = StatusChange.objects.filter(
        routine__enrolment=here,
        routine__status=WorkStatus.ESTABLISHED,
        to_status=WorkStatus.ESTABLISHED,
    )
    started = StatusChange.objects.filter(
        offer__enrolment=here,
        offer__status__in=[WorkStatus.IN_PROGRESS, WorkStatus.ESTABLISHED],
        to_status__in=[WorkStatus.IN_PROGRESS, WorkStatus.ESTABLISHED],
    )
    partners = Partner.objects.filter(
        enrolment=here, kind__in=[Partner.Kind.VOLUNTARY, Partner.Kind.USER_ORGANISATION]
    )
    registered = Registration.objects.live().filter(
        participant__organisation=OuterRef("organisation"),
        session__programme=OuterRef("programme"),
        session__kind=Session.Kind.TRAINING_DAY,
    )
    row = (
        Enrolment.objects.filter(pk=enrolment.pk)
        .annotate(
            group_met=_first(group_met, "met_on"),
            routine_at=_first(established, "changed_at"),
            offer_at=_first(started, "changed_at"),
            partner_at=_first(partners, "created_at"),
            registered_at=_first(registered, "created_at"),
        )
        .values("group_met", "routine_at", "offer_at", "partner_at", "registered_at")
        .get()
    )

    def day(moment: dt.datetime | None) -> dt.date | None:
        return timezone.localdate(moment) if moment is not None else None

    return {
        Evidence.COMMITMENT: enrolment.enrolled_on if enrolment.time_commitment_confirmed else None,
        Evidence.STAFF_REGISTERED: day(row["registered_at"]),
        Evidence.GROUP_ESTABLISHED: row["group_met"],
        Evidence.ROUTINE_ESTABLISHED: day(row["routine_at"]),
        Evidence.OFFER_STARTED: day(row["offer_at"]),
        Evidence.PARTNER_NAMED: day(row["partner_at"]),
    }


def keepers_of(enrolment: Enrolment) -> list[Participant]:
    """The resource-group members the leader chose to mark milestones (one query);
    someone who left the group is no longer one."""
    return list(
        Participant.objects.filter(
            pk__in=MilestoneKeeper.objects.filter(enrolment=enrolment).values("participant"),
            resource_group_memberships__group__enrolment=enrolment,
        ).order_by("full_name", "pk")
    )


def group_members_of(enrolment: Enrolment) -> QuerySet[Participant]:
    return Participant.objects.filter(
        pk__in=Membership.objects.filter(group__enrolment=enrolment).values("participant")
    ).order_by("full_name", "pk")


def attach_keepers(enrolment: Enrolment) -> list[Participant]:
    """Fetch the keepers and remember their ids on the enrolment for the rules."""
    keepers = keepers_of(enrolment)
    enrolment.milestone_keeper_ids = {keeper.pk for keeper in keepers}  # type: ignore[attr-defined]
    return keepers


def plan_for_page(enrolment: Enrolment, *, today: dt.date | None = None) -> Plan:
    """The unit's timeline: milestones, records with history, evidence (four queries)."""
    return build_plan(
        enrolment=enrolment,
        milestones=list(milestones_of(enrolment.programme)),
        records=records_of(enrolment),
        evidence=evidence_of(enrolment),
        today=today or timezone.localdate(),
    )
