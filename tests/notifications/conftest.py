import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args) -> dt.datetime:
    """An aware datetime from Europe/Oslo wall-clock parts: oslo(2026, 3, 30, 9)."""
    return dt.datetime(*args, tzinfo=OSLO)


@pytest.fixture
def session(db):
    venue = factories.VenueFactory(
        name="Gjøvik gård", street_address="Kirkegata 5", postal_code="2821", city="Gjøvik"
    )
    day = timezone.localdate() + dt.timedelta(days=30)
    starts_at = oslo(day.year, day.month, day.day, 9)
    return factories.SessionFactory(
        title="Pårørendes rettigheter",
        venue=venue,
        online_url="https://meet.example.no/dag3",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6, minutes=30),
    )


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks):
    """Run a block and then its on_commit callbacks (the send tasks, eagerly)."""

    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run
