"""Scheduling a supervision group's meeting from the workspace: a supervision session of
the group's programme, numbered after the programme's last one, only for the group."""

import datetime as dt

from django.db import transaction
from django.db.models import Max

from programme.models import Programme, Session, Venue
from resourcegroups.models import SupervisionGroup


def schedule_meeting(
    *,
    group: SupervisionGroup,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: Venue | None,
    online_url: str,
    capacity: int,
) -> Session:
    """Registration stays open until the meeting starts; only the group's members may
    register (registrations.eligibility)."""
    with transaction.atomic():
        # The programme's row lock serialises numbering: two meetings scheduled at once
        # get the next two numbers, not the same one.
        Programme.objects.select_for_update().get(pk=group.programme_id)
        last = Session.objects.filter(
            programme_id=group.programme_id, kind=Session.Kind.SUPERVISION
        ).aggregate(last=Max("number"))["last"]
        session = Session.objects.create(
            programme_id=group.programme_id,
            kind=Session.Kind.SUPERVISION,
            number=(last or 0) + 1,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            registration_deadline=starts_at,
            venue=venue,
            online_url=online_url,
            capacity=capacity,
            audience=Session.Audience.ALL,
        )
        group.meetings.add(session)
    return session
