"""A programme with eight past training days, and a helper that records attendance."""

import datetime as dt

import pytest
from django.utils import timezone

from participants.models import Registration
from tests import factories


@pytest.fixture
def training_days(programme):
    start = timezone.now() - dt.timedelta(days=100)
    theme = factories.ThemeFactory(programme=programme, title="Pårørendes rettigheter")
    days = []
    for number in range(1, 9):
        session = factories.SessionFactory(
            programme=programme,
            number=number,
            title=f"Tema for dag {number}",
            starts_at=start + dt.timedelta(days=10 * number),
        )
        session.themes.add(theme)
        days.append(session)
    return days


@pytest.fixture
def attend():
    """attend(participant, sessions, attended=True): confirmed registrations with attendance."""

    def _attend(participant, sessions, attended=True):
        return [
            factories.RegistrationFactory(
                participant=participant,
                session=session,
                status=Registration.Status.CONFIRMED,
                attended=attended,
            )
            for session in sessions
        ]

    return _attend
