"""What needs doing, for the coordinator's start page: each list is one selector in a
fixed number of queries, whatever the size of the programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from notifications.models import Email
from participants.models import Enrolment, Registration
from programme.models import Programme, Session
from programme.selectors import count_kind_totals
from registrations.selectors import attach_seat_counts
from resourcegroups.models import ProgressReport, report_due_at, report_due_days

# A session is nearly full from this share of its seats taken.
NEARLY_FULL_SHARE = 0.9
# Sessions that started this long ago or less are checked for missing attendance.
ATTENDANCE_WINDOW = dt.timedelta(days=14)
# The start page shows this many failed emails, newest first, and how many there are.
FAILED_EMAILS_SHOWN = 20


def sessions_filling_up(*, now: dt.datetime | None = None) -> list[Session]:
    """Coming sessions, not cancelled, that are full or nearly full (NEARLY_FULL_SHARE of
    their seats taken) or have a waiting list, soonest first, with seat counts (three
    queries: the sessions, one grouped count of their registrations, «n av N»)."""
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(ends_at__gt=now, is_cancelled=False)
        .select_related("programme")
        .order_by("starts_at", "pk")
    )
    attach_seat_counts(sessions)
    filling = [
        s
        for s in sessions
        if s.waitlisted_count or s.confirmed_count >= s.capacity * NEARLY_FULL_SHARE
    ]
    count_kind_totals(filling)
    return filling


def sessions_without_attendance(*, now: dt.datetime | None = None) -> list[Session]:
    """Sessions that started within ATTENDANCE_WINDOW, not cancelled, with someone
    confirmed and nobody's attendance recorded yet, oldest first (two queries)."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(session=OuterRef("pk"))
    sessions = list(
        Session.objects.filter(
            starts_at__lte=now, starts_at__gte=now - ATTENDANCE_WINDOW, is_cancelled=False
        )
        .filter(Exists(registrations.filter(status=Registration.Status.CONFIRMED)))
        .filter(~Exists(registrations.filter(attended__isnull=False)))
        .select_related("programme")
        .order_by("starts_at", "pk")
    )
    count_kind_totals(sessions)
    return sessions


@dataclass(frozen=True)
class LateReport:
    enrolment: Enrolment
    gathering: Session
    due_at: dt.datetime
    has_draft: bool


def late_progress_reports(*, now: dt.datetime | None = None) -> list[LateReport]:
    """Progress reports past their due time and not submitted, for leader gatherings of
    published programmes that have not ended, by gathering and organisation (three
    queries)."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=report_due_days() + 1)
    gatherings = [
        gathering
        for gathering in Session.objects.filter(
            kind=Session.Kind.LEADER_GATHERING,
            is_cancelled=False,
            programme__is_published=True,
            ends_at__gt=now,
            starts_at__lte=horizon,
        )
        .select_related("programme")
        .order_by("starts_at", "pk")
        if report_due_at(gathering) < now
    ]
    if not gatherings:
        return []
    enrolments = list(
        Enrolment.objects.filter(programme_id__in={g.programme_id for g in gatherings})
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    statuses = {
        (enrolment_id, gathering_id): status
        for enrolment_id, gathering_id, status in ProgressReport.objects.filter(
            gathering__in=gatherings
        ).values_list("enrolment_id", "gathering_id", "status")
    }
    return [
        LateReport(
            enrolment=enrolment,
            gathering=gathering,
            due_at=report_due_at(gathering),
            has_draft=statuses.get((enrolment.pk, gathering.pk)) == ProgressReport.Status.DRAFT,
        )
        for gathering in gatherings
        for enrolment in enrolments
        if enrolment.programme_id == gathering.programme_id
        and statuses.get((enrolment.pk, gathering.pk)) != ProgressReport.Status.SUBMITTED
    ]


def failed_emails() -> tuple[list[Email], int]:
    """The newest FAILED_EMAILS_SHOWN emails that failed for good, and how many failed in
    all (two queries)."""
    failed = Email.objects.filter(status=Email.Status.FAILED)
    shown = list(failed.order_by("-created_at", "-pk")[:FAILED_EMAILS_SHOWN])
    total = len(shown) if len(shown) < FAILED_EMAILS_SHOWN else failed.count()
    return shown, total


def key_numbers(*, today: dt.date | None = None) -> list[Programme]:
    """The published programmes that have not ended, each with `sessions`, `organisations`
    (enrolled), `confirmed`, `waitlisted`, `attended` (registrations) and `people` (each
    person confirmed somewhere once), soonest ending first (three queries)."""
    today = today or timezone.localdate()
    programmes = list(
        Programme.objects.published()
        .filter(ends_on__gte=today)
        .annotate(session_total=Count("sessions", filter=Q(sessions__is_cancelled=False)))
        .order_by("ends_on", "name")
    )
    if not programmes:
        return []
    ids = [p.pk for p in programmes]
    organisations = dict(
        Enrolment.objects.filter(programme_id__in=ids)
        .values_list("programme_id")
        .annotate(total=Count("*"))
        .order_by()
    )
    confirmed = Q(status=Registration.Status.CONFIRMED)
    figures = {
        row["session__programme_id"]: row
        for row in Registration.objects.filter(session__programme_id__in=ids)
        .values("session__programme_id")
        .annotate(
            confirmed=Count("pk", filter=confirmed),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            attended=Count("pk", filter=Q(attended=True)),
            people=Count("participant_id", filter=confirmed, distinct=True),
        )
        .order_by()
    }
    for programme in programmes:
        row = figures.get(programme.pk, {})
        programme.organisation_total = organisations.get(programme.pk, 0)
        for name in ("confirmed", "waitlisted", "attended", "people"):
            setattr(programme, f"{name}_total", row.get(name, 0))
    return programmes
