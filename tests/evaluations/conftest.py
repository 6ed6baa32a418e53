import datetime as dt

import pytest
from django.utils import timezone

from evaluations.models import Question
from tests import factories


def ended_session(days_ago: float = 1, factory=factories.SessionFactory, **kwargs):
    starts_at = timezone.now() - dt.timedelta(days=days_ago, hours=6)
    return factory(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=7),
        **kwargs,
    )


def add_questions(programme):
    return [
        Question.objects.create(
            programme=programme, kind=Question.Kind.RATING, text="Hvor fornøyd er du?", order=1
        ),
        Question.objects.create(
            programme=programme,
            kind=Question.Kind.RATING,
            text="Hvordan var lokalet?",
            order=2,
            session_kind=Question.SessionKind.LEADER_GATHERING,
        ),
        Question.objects.create(
            programme=programme,
            kind=Question.Kind.TEXT,
            text="Hva kan bli bedre?",
            order=3,
            is_required=False,
        ),
    ]


def attend(session, participant=None, **kwargs):
    return factories.RegistrationFactory(
        session=session,
        participant=participant or factories.ParticipantFactory(),
        **{"attended": True, **kwargs},
    )


@pytest.fixture
def training_day(programme):
    add_questions(programme)
    return ended_session(programme=programme)


@pytest.fixture
def attendee(training_day, service_worker):
    attend(training_day, service_worker)
    return service_worker


@pytest.fixture
def questions(training_day):
    return list(Question.objects.filter(programme=training_day.programme).order_by("order"))
