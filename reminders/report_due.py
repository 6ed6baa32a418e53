"""Reminding leaders that their organisation's progress report is due before a leader
gathering (daily, beat), and the reports that are due, which the Monday digest also
lists (reminders.digest)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from familiestotte.formatting import when
from notifications.models import Email
from notifications.outbox import queue_email
from notifications.rendering import absolute
from participants.models import Enrolment, Participant
from programme.models import Session
from resourcegroups.models import ProgressReport, report_due_at, report_due_days

logger = logging.getLogger(__name__)

# Leaders are reminded from this many days before a report is due until the gathering.
REMINDER_DAYS_BEFORE_DUE = 7


@dataclass
class DueReport:
    enrolment: Enrolment
    gathering: Session
    leaders: list[Participant]
    has_draft: bool

    @property
    def report_path(self) -> str:
        return ProgressReport(enrolment=self.enrolment, gathering=self.gathering).get_absolute_url()


def reports_due_for_reminder(*, now: dt.datetime) -> list[DueReport]:
    """Reports whose reminder window is open and that are not submitted, with the
    organisation's confirmed, active leaders (four queries whatever the number).

    The window runs from REMINDER_DAYS_BEFORE_DUE days before the due time until
    the gathering starts; cancelled gatherings and unpublished programmes are left out.
    """
    horizon = now + dt.timedelta(days=report_due_days() + REMINDER_DAYS_BEFORE_DUE + 1)
    gatherings = [
        gathering
        for gathering in Session.objects.filter(
            kind=Session.Kind.LEADER_GATHERING,
            is_cancelled=False,
            programme__is_published=True,
            starts_at__gt=now,
            starts_at__lte=horizon,
        ).order_by("starts_at", "pk")
        if report_due_at(gathering) - dt.timedelta(days=REMINDER_DAYS_BEFORE_DUE) <= now
    ]
    if not gatherings:
        return []
    programme_ids = {gathering.programme_id for gathering in gatherings}
    enrolments = list(
        Enrolment.objects.filter(programme_id__in=programme_ids)
        .select_related("organisation", "programme")
        .order_by("organisation__name", "pk")
    )
    reports = {
        (enrolment_id, gathering_id): status
        for enrolment_id, gathering_id, status in ProgressReport.objects.filter(
            gathering__in=gatherings
        ).values_list("enrolment_id", "gathering_id", "status")
    }
    leaders = defaultdict(list)
    for leader in (
        Participant.objects.filter(
            organisation_id__in={e.organisation_id for e in enrolments},
            role=Participant.Role.LEADER,
            leader_confirmed=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("full_name", "pk")
    ):
        leaders[leader.organisation_id].append(leader)
    due = []
    for gathering in gatherings:
        for enrolment in enrolments:
            if enrolment.programme_id != gathering.programme_id:
                continue
            status = reports.get((enrolment.pk, gathering.pk))
            if status == ProgressReport.Status.SUBMITTED:
                continue
            if leaders[enrolment.organisation_id]:
                due.append(
                    DueReport(
                        enrolment=enrolment,
                        gathering=gathering,
                        leaders=leaders[enrolment.organisation_id],
                        has_draft=status == ProgressReport.Status.DRAFT,
                    )
                )
    return due


def send_report_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind every confirmed leader whose organisation's report is due and not submitted.

    Runs daily. A leader hears about a report from REMINDER_DAYS_BEFORE_DUE days
    before it is due until the gathering starts; the outbox key (one per leader,
    organisation and gathering) makes repeated runs send nothing twice. Returns
    how many emails were queued.
    """
    queued = 0
    with transaction.atomic(), translation.override("nb"):
        for due in reports_due_for_reminder(now=now or timezone.now()):
            for leader in due.leaders:
                queue_email(
                    recipient=leader.user,
                    kind=Email.Kind.PROGRESS_REPORT_DUE,
                    key=f"report_due:{due.enrolment.pk}:{due.gathering.pk}:{leader.user_id}",
                    template_prefix="reminders/email/report_due",
                    # Plain strings only, so an outbox can store the context as JSON.
                    context={
                        "leader_name": leader.full_name,
                        "organisation": due.enrolment.organisation.name,
                        "programme": due.enrolment.programme.name,
                        "gathering_title": due.gathering.title,
                        "gathering_when": when(due.gathering.starts_at),
                        "due_when": when(report_due_at(due.gathering)),
                        "has_draft": due.has_draft,
                        "report_url": absolute(due.report_path),
                    },
                )
                queued += 1
    logger.info("Queued %d report-due reminders", queued)
    return queued
