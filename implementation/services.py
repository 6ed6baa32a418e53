"""Write rules for implementation milestones.

Keyword-only functions, each in one transaction. Permission checks are the views'
job (implementation/rules.py); the rules here hold whoever calls: a reached
milestone has a date that is neither in the future nor before the unit's start,
a milestone that is not relevant says why, and every change is recorded.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from familiestotte.formatting import day
from participants.models import Enrolment, Participant
from resourcegroups.models import Membership

from .models import (
    Milestone,
    MilestoneChange,
    MilestoneKeeper,
    MilestoneRecord,
    MilestoneStatus,
)
from .timeline import earliest_date


def check_reached_on(*, enrolment: Enrolment, reached_on: dt.date) -> None:
    today = timezone.localdate()
    if reached_on > today:
        raise ValidationError(_("The date cannot be in the future."))
    earliest = earliest_date(enrolment)
    if reached_on < earliest:
        raise ValidationError(
            _("The date cannot be before %(day)s, when the unit started in the programme.")
            % {"day": day(earliest)}
        )


def mark_milestone(
    *,
    enrolment: Enrolment,
    milestone: Milestone,
    status: str,
    reached_on: dt.date | None,
    note: str,
    actor,
) -> tuple[MilestoneRecord, bool]:
    """Set the unit's status on the milestone; returns the record and whether it changed.
    An unchanged status, date and note records nothing."""
    if milestone.phase.programme_id != enrolment.programme_id:
        raise ValidationError(_("The milestone belongs to another programme."))
    if status == MilestoneStatus.REACHED:
        if reached_on is None:
            raise ValidationError(_("Give the date the milestone was reached."))
        check_reached_on(enrolment=enrolment, reached_on=reached_on)
    else:
        reached_on = None
    if status == MilestoneStatus.NOT_RELEVANT and not note.strip():
        raise ValidationError(_("Say why the milestone is not relevant for the unit."))
    with transaction.atomic():
        record, created = MilestoneRecord.objects.select_for_update().get_or_create(
            enrolment=enrolment, milestone=milestone
        )
        before = record.status
        if (before, record.reached_on, record.note) == (status, reached_on, note):
            return record, False
        record.status = status
        record.reached_on = reached_on
        record.note = note
        record.updated_at = timezone.now()
        record.updated_by = actor
        record.save()
        MilestoneChange.objects.create(
            record=record,
            from_status=before if not created else "",
            to_status=status,
            reached_on=reached_on,
            note=note,
            changed_at=record.updated_at,
            changed_by=actor,
        )
    return record, True


def choose_keeper(*, enrolment: Enrolment, participant: Participant) -> MilestoneKeeper:
    """Let a member of the unit's resource group mark its milestones."""
    if not Membership.objects.filter(group__enrolment=enrolment, participant=participant).exists():
        raise ValidationError(_("Only members of the resource group can be chosen."))
    with transaction.atomic():
        keeper, _created = MilestoneKeeper.objects.get_or_create(
            enrolment=enrolment, participant=participant
        )
    return keeper


def remove_keeper(*, enrolment: Enrolment, participant: Participant) -> None:
    with transaction.atomic():
        MilestoneKeeper.objects.filter(enrolment=enrolment, participant=participant).delete()
