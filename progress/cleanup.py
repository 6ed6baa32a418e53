"""Deleting what a job leaves behind once its day is over."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .models import Job

BATCH = 500


def delete_expired_jobs(*, now: dt.datetime | None = None) -> int:
    """Delete every expired job; each file goes after its row's deletion commits (the
    post_delete receiver in progress.models). Safe to run twice: a second run finds
    nothing. Returns how many jobs were deleted."""
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                Job.objects.expired(now).order_by("pk").values_list("pk", flat=True)[:BATCH]
            )
            if not batch:
                return deleted
            Job.objects.filter(pk__in=batch).delete()
            deleted += len(batch)
