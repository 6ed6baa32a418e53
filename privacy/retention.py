"""Keeping no more about people than the programme needs: jobs that clear what has served
its purpose, each safe to run again (nightly, by beat).

- `forget_dietary_needs`: dietary needs, 30 days after the person's last session.
- `apply_retention`: people inactive for PRIVACY_INACTIVE_YEARS after their last
  programme ended are anonymised (privacy.anonymisation: their registrations stay with
  an anonymous stand-in), and the outbox's subjects and bodies older than
  PRIVACY_OUTBOX_BODY_DAYS are deleted (the rows keep their key and status).

What a run did is recorded through `record` (for now the log `familiestotte.audit`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

import audit
from notifications.models import Email
from participants.models import Participant, Registration
from resourcegroups.models import Membership, SupervisionGroup

from .anonymisation import cancel_what_is_to_come, erase_person, holds_coordinator_role, lock

DIETARY_NEEDS_KEPT_DAYS = 30

# Rows that are done with: sent, or failed for good. A queued, retrying or held row is
# left for the sweep or a person (readiness counts them), whatever its age.
PURGED_STATUSES = (Email.Status.SENT, Email.Status.FAILED)

audit_log = logging.getLogger("familiestotte.audit")


class Progress(Protocol):
    """What apply_retention tells a progress display: the number of steps, then each."""

    def set_total(self, n: int) -> None: ...

    def step(self, n: int = 1) -> None: ...


@dataclass
class RetentionReport:
    """What one run of apply_retention did."""

    inactive_before: dt.date
    people_anonymised: int = 0
    registrations_kept: int = 0
    emails_purged: int = 0


def retention_periods() -> dict[str, int]:
    """How long things are kept, for the pages that tell people (from settings)."""
    return {
        "dietary_days": DIETARY_NEEDS_KEPT_DAYS,
        "inactive_years": settings.PRIVACY_INACTIVE_YEARS,
        "outbox_days": settings.PRIVACY_OUTBOX_BODY_DAYS,
    }


def record(action: str, *, audit_row: bool = True, **details) -> None:
    """Record something the privacy jobs did, with its facts (counts and dates, never
    a person): a log line, and a row in the audit log (audit.Entry, «Data cleared»)."""
    audit_log.info(action, extra={"action": action, **details})
    if audit_row:
        audit.record("data_cleared", actor=None, job=action, **details)


def forget_dietary_needs(*, now=None) -> int:
    """Clear the dietary needs of everyone who has had no live registration for a session
    ending in the last DIETARY_NEEDS_KEPT_DAYS days or later, and who wrote them longer ago
    than that: the kitchen needs them for the next sessions, and nobody needs them after.
    One UPDATE; safe to run again (nightly, by beat). Returns how many were cleared."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=DIETARY_NEEDS_KEPT_DAYS)
    still_needed = Registration.objects.live().filter(
        participant=OuterRef("pk"), session__ends_at__gte=since
    )
    cleared = (
        Participant.objects.exclude(dietary_needs="")
        .filter(dietary_needs_changed_at__lt=since)
        .exclude(Exists(still_needed))
        .update(dietary_needs="")
    )
    if cleared:
        audit.record("data_cleared", actor=None, field="dietary_needs", count=cleared)
    return cleared


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def inactive_people(before: dt.date) -> QuerySet:
    """Users to anonymise: nothing of theirs since `before` (an Oslo date).

    Activity is the end of a programme they registered for (in any status), led or
    were a member of a supervision group in, or whose resource group they were in; and
    signing in or signing up. Never coordinators while they hold the role, nor staff or
    superusers (the admin's people), nor the stand-ins that hold the anonymised."""
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(before, dt.time.min, tzinfo=zone)
    person = OuterRef("participant")
    recent = Q(programme__ends_on__gte=before)
    return (
        get_user_model()
        .objects.filter(is_superuser=False, is_staff=False, date_joined__lt=since)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=since))
        .exclude(participant__role=Participant.Role.COORDINATOR)
        .exclude(participant__anonymised_at__isnull=False)
        .exclude(
            Exists(
                Registration.objects.filter(
                    participant=person, session__programme__ends_on__gte=before
                )
            )
        )
        .exclude(
            Exists(
                SupervisionGroup.objects.filter(recent).filter(
                    Q(supervisor=person) | Q(members=person)
                )
            )
        )
        .exclude(
            Exists(
                Membership.objects.filter(
                    participant=person, group__enrolment__programme__ends_on__gte=before
                )
            )
        )
    )


def anonymise_person(*, user_pk: int, before: dt.date, now: dt.datetime) -> int | None:
    """Anonymise one inactive person, in one transaction; returns how many registrations
    the stand-in keeps, or None when nothing was done: the person is gone already, or,
    asked again once their rows are locked, no longer inactive (they signed in, took a
    coordinator's role, registered)."""
    with transaction.atomic():
        try:
            locked_user, participant = lock(user_pk)
        except get_user_model().DoesNotExist:
            return None
        if (
            holds_coordinator_role(locked_user, participant)
            or not inactive_people(before).filter(pk=user_pk).exists()
        ):
            return None
        if participant is not None:
            cancel_what_is_to_come(participant, actor=None, now=now)
        return erase_person(user=locked_user, participant=participant, now=now)


def anonymise_inactive(
    *, before: dt.date, now: dt.datetime, progress: Progress | None = None
) -> tuple[int, int]:
    """Anonymise every inactive person, each in a transaction of their own (so a long
    run holds no lock for long, and one failure keeps what was done); (people,
    registrations kept). Each person is checked again under the lock."""
    pks = list(inactive_people(before).order_by("pk").values_list("pk", flat=True))
    if progress is not None:
        progress.set_total(len(pks))
    people = registrations = 0
    for pk in pks:
        kept = anonymise_person(user_pk=pk, before=before, now=now)
        if kept is not None:
            people += 1
            registrations += kept
        if progress is not None:
            progress.step()
    return people, registrations


def purge_outbox_bodies(*, now: dt.datetime) -> int:
    """Delete the subject, bodies and details of sent and failed emails recorded more
    than PRIVACY_OUTBOX_BODY_DAYS ago; the rows keep key, kind, recipient address, status
    and times, so nothing is made or sent again. One UPDATE; returns how many rows."""
    older_than = now - dt.timedelta(days=settings.PRIVACY_OUTBOX_BODY_DAYS)
    return Email.objects.filter(
        created_at__lt=older_than, status__in=PURGED_STATUSES, purged_at__isnull=True
    ).update(subject="", body_text="", body_html="", data={}, purged_at=now)


def apply_retention(*, now=None, progress: Progress | None = None) -> RetentionReport:
    """The nightly retention job: anonymise the inactive, purge old email bodies, and
    record what was done. Safe to run again: a second run finds nothing left to do."""
    now = now or timezone.now()
    before = years_before(timezone.localdate(now), settings.PRIVACY_INACTIVE_YEARS)
    report = RetentionReport(inactive_before=before)
    report.people_anonymised, report.registrations_kept = anonymise_inactive(
        before=before, now=now, progress=progress
    )
    report.emails_purged = purge_outbox_bodies(now=now)
    record(
        "privacy.retention",
        inactive_before=before.isoformat(),
        people_anonymised=report.people_anonymised,
        registrations_kept=report.registrations_kept,
        emails_purged=report.emails_purged,
    )
    return report
