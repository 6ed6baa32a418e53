"""Routines and offers with their status history, and the statuses over time for the
progress chart."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Prefetch,
    Q,
)
from django.utils import timezone
from django.utils.formats import date_format

from participants.models import Enrolment

from ..models import (
    Offer,
    Routine,
    StatusChange,
    WorkStatus,
)


def work_items(enrolment: Enrolment, model):
    return list(
        model.objects.filter(enrolment=enrolment)
        .select_related("created_by")
        .prefetch_related("goals")
        .order_by("title", "pk")
    )


def work_item_for_page(enrolment: Enrolment, model, pk) -> Routine | Offer:
    """The item if it belongs to the enrolment (DoesNotExist otherwise), with its history."""
    return (
        model.objects.select_related("created_by")
        .prefetch_related(
            "goals",
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("changed_by__participant").order_by(
                    "changed_at", "pk"
                ),
            ),
        )
        .get(enrolment=enrolment, pk=pk)
    )


@dataclass
class StatusPoint:
    label: str
    at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def status_over_time(enrolment: Enrolment, *, now=None, max_points: int = 18) -> list[StatusPoint]:
    """Routines and offers by status at the end of each month, from the history (one query).

    The first point is the month of the first recorded change (or the programme's
    start, if earlier); the last is now. An item counts from its first status on.
    """
    now = now or timezone.now()
    changes = list(
        StatusChange.objects.filter(Q(routine__enrolment=enrolment) | Q(offer__enrolment=enrolment))
        .order_by("changed_at", "pk")
        .values_list("routine_id", "offer_id", "to_status", "changed_at")
    )
    today = timezone.localdate(now)
    first = min(
        [enrolment.programme.starts_on]
        + [timezone.localdate(changed_at) for *_rest, changed_at in changes]
    )
    if first > today:
        first = today
    tz = timezone.get_current_timezone()
    points = []
    for month in _month_ends(first, today)[-max_points:]:
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        at = min(dt.datetime.combine(next_month, dt.time(), tzinfo=tz), now)
        points.append(StatusPoint(label=date_format(month, "M Y"), at=at))
    # One pass: the points run forward in time, so each carries on the statuses of the
    # one before and takes in the changes up to its own time.
    latest: dict[tuple, str] = {}
    position = 0
    for point in points:
        while position < len(changes) and changes[position][3] <= point.at:
            routine_id, offer_id, to_status, _changed_at = changes[position]
            latest[("r", routine_id) if routine_id else ("o", offer_id)] = to_status
            position += 1
        counts = Counter(latest.values())
        point.counts = {status: counts.get(status, 0) for status in WorkStatus.values}
    return points
