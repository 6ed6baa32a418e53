"""Heartbeats of the periodic jobs: each job writes one row (its beat schedule name and
when it last ran), so that the readiness view (operations) can tell whether beat runs.

On the ground floor so that the rooms that own the jobs (reminders, privacy) write it
without importing the room that reads it. A row in the database rather than a cache
key: every web node reads the same rows, also in the embedded demo without Redis.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Heartbeat


def beat(name: str, *, now: dt.datetime | None = None) -> None:
    """Record that the periodic job `name` (its key in the beat schedule) ran now."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now or timezone.now()})


def last_beats() -> dict[str, dt.datetime]:
    """When each job last ran, by its name."""
    return dict(Heartbeat.objects.values_list("name", "beat_at"))
