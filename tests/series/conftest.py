"""Eight training days a month apart, at 09.00–15.00 Oslo time, each at its own venue."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests import factories
from tests.fixtures.sessions import oslo


@pytest.fixture
def days(programme):
    first = timezone.localdate() + dt.timedelta(days=30)
    sessions = []
    for number in range(1, 9):
        day = first + dt.timedelta(days=28 * (number - 1))
        starts_at = oslo(day.year, day.month, day.day, 9)
        sessions.append(
            factories.SessionFactory(
                programme=programme,
                number=number,
                title=f"Tema for dag {number}",
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=6),
                venue=factories.VenueFactory(name=f"Kurssted {number}", city="Hamar"),
            )
        )
    return sessions


def calendars(message):
    """Each .ics attached to the message, parsed, with its MIME type."""
    return [
        (Calendar.from_ical(content), mimetype)
        for _filename, content, mimetype in message.attachments
    ]


def the_calendar(message):
    [(calendar, _mimetype)] = calendars(message)
    return calendar


def uid(session):
    return f"session-{session.pk}@familiestotte"
