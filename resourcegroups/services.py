"""Write rules for resource groups, routines, offers, partners and progress reports.

Each function is keyword-only and runs in one transaction. Permission checks are
the views' job (rules in resourcegroups/rules.py); the rules here are the ones that
hold whoever calls: members work in the organisation, every status change is
recorded, a submitted report stays as it was submitted.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Enrolment, Participant
from programme.models import Goal, Session

from .models import (
    GoalAssessment,
    Meeting,
    Membership,
    Offer,
    Partner,
    ProgressReport,
    ResourceGroup,
    Routine,
    StatusChange,
)


class ReportLocked(Exception):
    """The report is submitted; only a coordinator can reopen it."""


def _check_staff(*, enrolment: Enrolment, participant: Participant) -> None:
    if participant.organisation_id != enrolment.organisation_id:
        raise ValidationError(_("Only staff of the organisation can be chosen."))


def get_or_create_group(*, enrolment: Enrolment) -> ResourceGroup:
    """The enrolment's resource group, created on first use."""
    with transaction.atomic():
        group, _created = ResourceGroup.objects.get_or_create(enrolment=enrolment)
    return group


def add_member(*, enrolment: Enrolment, participant: Participant) -> Membership:
    """Add one of the organisation's staff to its resource group (created on first use)."""
    _check_staff(enrolment=enrolment, participant=participant)
    with transaction.atomic():
        group = get_or_create_group(enrolment=enrolment)
        membership, _created = Membership.objects.get_or_create(
            group=group, participant=participant
        )
    return membership


def remove_member(*, group: ResourceGroup, participant: Participant) -> None:
    with transaction.atomic():
        group.memberships.filter(participant=participant).delete()
        if group.contact_person_id == participant.pk:
            group.contact_person = None
            group.save(update_fields=["contact_person"])


def set_contact_person(*, enrolment: Enrolment, participant: Participant | None) -> ResourceGroup:
    """Name the group's contact person; they become a member if they were not."""
    if participant is not None:
        _check_staff(enrolment=enrolment, participant=participant)
    with transaction.atomic():
        group = get_or_create_group(enrolment=enrolment)
        if participant is not None:
            Membership.objects.get_or_create(group=group, participant=participant)
        group.contact_person = participant
        group.save(update_fields=["contact_person"])
    return group


def record_meeting(*, group: ResourceGroup, met_on: dt.date, notes: str, actor) -> Meeting:
    """Record a meeting of the group (from get_or_create_group when there may be none yet)."""
    with transaction.atomic():
        return Meeting.objects.create(
            group=group, met_on=met_on, notes=notes.strip(), recorded_by=actor
        )


def update_meeting(*, meeting: Meeting, met_on: dt.date, notes: str) -> Meeting:
    with transaction.atomic():
        meeting.met_on = met_on
        meeting.notes = notes.strip()
        meeting.save(update_fields=["met_on", "notes"])
    return meeting


def _check_goals(*, enrolment: Enrolment, goals) -> list[Goal]:
    goals = list(goals)
    if any(goal.programme_id != enrolment.programme_id for goal in goals):
        raise ValidationError(_("Choose goals of this programme."))
    return goals


def create_work(
    *,
    model: type[Routine] | type[Offer],
    enrolment: Enrolment,
    actor,
    title: str,
    description: str = "",
    goals=(),
    status: str = Routine._meta.get_field("status").default,
    kind: str | None = None,
) -> Routine | Offer:
    """Create a routine or an offer and record its first status in the history."""
    goals = _check_goals(enrolment=enrolment, goals=goals)
    fields = {"kind": kind} if model is Offer else {}
    with transaction.atomic():
        now = timezone.now()
        item = model.objects.create(
            enrolment=enrolment,
            title=title.strip(),
            description=description.strip(),
            status=status,
            created_by=actor,
            created_at=now,
            **fields,
        )
        item.goals.set(goals)
        StatusChange.objects.create(
            **{_item_field(item): item},
            from_status="",
            to_status=status,
            changed_at=now,
            changed_by=actor,
        )
    return item


def update_work(
    *, item: Routine | Offer, title: str, description: str, goals, kind: str | None = None
) -> Routine | Offer:
    goals = _check_goals(enrolment=item.enrolment, goals=goals)
    with transaction.atomic():
        item.title = title.strip()
        item.description = description.strip()
        fields = ["title", "description"]
        if isinstance(item, Offer) and kind:
            item.kind = kind
            fields.append("kind")
        item.save(update_fields=fields)
        item.goals.set(goals)
    return item


def _item_field(item) -> str:
    return "offer" if isinstance(item, Offer) else "routine"


def change_status(*, item: Routine | Offer, to_status: str, actor, note: str = "") -> bool:
    """Move a routine or an offer to a new status and keep the change. False if unchanged.

    The row is locked, so two people changing it at once both land in the history in
    the order they happened, each with the status the other left behind.
    """
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.status == to_status:
            return False
        StatusChange.objects.create(
            **{_item_field(item): locked},
            from_status=locked.status,
            to_status=to_status,
            changed_at=timezone.now(),
            changed_by=actor,
            note=note.strip(),
        )
        locked.status = to_status
        locked.save(update_fields=["status"])
    item.status = to_status
    return True


def add_partner(*, enrolment: Enrolment, name: str, kind: str, description: str = "") -> Partner:
    with transaction.atomic():
        return Partner.objects.create(
            enrolment=enrolment, name=name.strip(), kind=kind, description=description.strip()
        )


def remove_partner(*, partner: Partner) -> None:
    with transaction.atomic():
        partner.delete()


def _check_gathering(*, enrolment: Enrolment, gathering: Session) -> None:
    if (
        gathering.kind != Session.Kind.LEADER_GATHERING
        or gathering.programme_id != enrolment.programme_id
    ):
        raise ValidationError(_("Reports are written for this programme's leader gatherings."))


def save_report(
    *,
    enrolment: Enrolment,
    gathering: Session,
    actor,
    done_since_last: str,
    next_steps: str,
    help_needed: str,
    assessments: dict[Goal, tuple[int, str]],
    submit: bool = False,
) -> ProgressReport:
    """Save the leader's report as a draft, or save and submit it.

    `assessments` maps the programme's goals, as the caller has them, to (progress,
    comment). A submitted report cannot be changed: ReportLocked. The row is locked so
    a save racing a submit cannot slip changes into a submitted report.
    """
    _check_gathering(enrolment=enrolment, gathering=gathering)
    _check_goals(enrolment=enrolment, goals=assessments)
    with transaction.atomic():
        report, _created = ProgressReport.objects.get_or_create(
            enrolment=enrolment, gathering=gathering, defaults={"created_by": actor}
        )
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.is_submitted:
            raise ReportLocked
        report.done_since_last = done_since_last.strip()
        report.next_steps = next_steps.strip()
        report.help_needed = help_needed.strip()
        fields = ["done_since_last", "next_steps", "help_needed", "updated_at"]
        if submit:
            report.status = ProgressReport.Status.SUBMITTED
            report.submitted_at = timezone.now()
            report.submitted_by = actor
            fields += ["status", "submitted_at", "submitted_by"]
        report.save(update_fields=fields)
        for goal, (progress, comment) in assessments.items():
            GoalAssessment.objects.update_or_create(
                report=report,
                goal=goal,
                defaults={"progress": progress, "comment": comment.strip()},
            )
    report.gathering = gathering
    report.enrolment = enrolment
    return report


def reopen_report(*, report: ProgressReport) -> ProgressReport:
    """A coordinator gives a submitted report back to the leader as a draft."""
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        locked.status = ProgressReport.Status.DRAFT
        locked.submitted_at = None
        locked.submitted_by = None
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return locked
