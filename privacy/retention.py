"""Keeping no more about people than the programme needs: jobs that clear what has served
its purpose, each one statement and safe to run again (nightly, by beat)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

import audit
from participants.models import Participant, Registration

DIETARY_NEEDS_KEPT_DAYS = 30


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
