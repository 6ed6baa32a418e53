"""The leaders' weekly digest (Monday mornings, beat): their staff's registrations in the
coming weeks, and whether the organisation's progress report is due. One email per
confirmed leader and ISO week, only when there is something in it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from familiestotte.formatting import when
from notifications.dispatch import dispatch_pending
from notifications.models import Email
from notifications.rendering import common_context, render_templates
from participants.models import Participant, Registration
from registrations.selectors import waiting_position
from resourcegroups.models import report_due_at

from .report_due import DueReport, reports_due_for_reminder
from .session_reminders import ZONE

DIGEST_WEEKS = 4


def create_leader_digests(*, now: dt.datetime | None = None) -> int:
    """Record this week's digest for each confirmed leader who has something in it."""
    now = now or timezone.now()
    year, week, _weekday = now.astimezone(ZONE).isocalendar()
    leaders = list(
        Participant.objects.filter(
            role=Participant.Role.LEADER, leader_confirmed=True, organisation__isnull=False
        ).select_related("user", "organisation")
    )
    registrations = (
        Registration.objects.live()
        .filter(
            participant__organisation__in={leader.organisation_id for leader in leaders},
            session__is_cancelled=False,
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(weeks=DIGEST_WEEKS),
        )
        .select_related("participant", "session__venue")
        .annotate(place=Case(When(status=Registration.Status.WAITLISTED, then=waiting_position())))
        .order_by("session__starts_at", "participant__full_name")
    )
    by_organisation = defaultdict(list)
    for registration in registrations:
        by_organisation[registration.participant.organisation_id].append(registration)
    extra = [progress_report_due(leaders, now)] if leaders else []
    rows = []
    for leader in leaders:
        items = [
            {"registration": r, "place": r.place}
            for r in by_organisation.get(leader.organisation_id, [])
        ]
        sections = [by_leader[leader.pk] for by_leader in extra if by_leader.get(leader.pk)]
        if not items and not sections:
            continue
        organisation = leader.organisation
        assert organisation is not None  # leaders chosen with organisation__isnull=False
        context = common_context(recipient_name=leader.full_name)
        context.update(
            {"leader": leader, "items": items, "sections": sections, "weeks": DIGEST_WEEKS}
        )
        with translation.override(settings.LANGUAGE_CODE):
            context["reason"] = _(
                "You get this email because you are a confirmed leader of %(organisation)s "
                "in Familiestøtte."
            ) % {"organisation": organisation.name}
        subject, text, html = render_templates("reminders/email/leader_digest", context)
        rows.append(
            Email(
                key=f"digest:{leader.pk}:{year}-W{week:02d}",
                kind=Email.Kind.LEADER_DIGEST,
                recipient=leader.user,
                to_email=leader.user.email,
                content_type=ContentType.objects.get_for_model(leader),
                object_id=leader.pk,
                subject=subject[:300],
                body_text=text,
                body_html=html,
            )
        )
    Email.objects.bulk_create(rows, ignore_conflicts=True)
    dispatch_pending(now=now)
    return len(rows)


def progress_report_due(leaders: list[Participant], now: dt.datetime) -> dict[int, dict]:
    """{leader pk: section} for leaders whose organisation has a report due; one
    selection of due reports per digest run."""
    first_due: dict[int, DueReport] = {}
    for report in reports_due_for_reminder(now=now):
        first_due.setdefault(report.enrolment.organisation_id, report)
    sections = {}
    for leader in leaders:
        if leader.organisation_id is None:
            continue
        due = first_due.get(leader.organisation_id)
        if due is None:
            continue
        sections[leader.pk] = {
            "title": _("Progress report due"),
            "text": _(
                "%(organisation)s's progress report for «%(gathering)s» is due %(due)s "
                "and is not submitted yet."
            )
            % {
                "organisation": due.enrolment.organisation.name,
                "gathering": due.gathering.title,
                "due": when(report_due_at(due.gathering)),
            },
            "url": settings.SITE_URL.rstrip("/") + due.report_path,
        }
    return sections
