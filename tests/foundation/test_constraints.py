"""Rules the database keeps on PostgreSQL, whatever the code above it does."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection

from programme.models import Session
from tests import factories


@pytest.fixture(autouse=True)
def on_postgresql(db):
    assert connection.vendor == "postgresql"


def test_it_refuses_two_training_days_with_the_same_number(programme):
    factories.SessionFactory(programme=programme, number=3)
    with pytest.raises(IntegrityError, match="unique_session_number_per_kind"):
        factories.SessionFactory(programme=programme, number=3)


def test_it_allows_the_same_number_for_another_kind_or_programme(programme):
    factories.SessionFactory(programme=programme, number=1)
    factories.LeaderGatheringFactory(programme=programme, number=1)
    factories.SessionFactory(number=1)
    assert Session.objects.filter(number=1).count() == 3


def test_it_allows_many_unnumbered_events(programme):
    factories.SessionFactory.create_batch(
        2, programme=programme, kind=Session.Kind.EVENT, number=None
    )
    assert Session.objects.filter(number__isnull=True).count() == 2


def test_it_refuses_a_registration_deadline_after_the_start(programme):
    session = factories.SessionFactory.build(programme=programme)
    session.registration_deadline = session.starts_at + dt.timedelta(minutes=1)
    session.venue.save()
    with pytest.raises(IntegrityError, match="session_deadline_before_start"):
        session.save()


def test_it_refuses_a_session_that_ends_before_it_starts(programme):
    session = factories.SessionFactory.build(programme=programme)
    session.ends_at = session.starts_at
    session.venue.save()
    with pytest.raises(IntegrityError, match="session_ends_after_start"):
        session.save()


def test_it_refuses_an_organisation_without_its_identifying_number():
    with pytest.raises(IntegrityError, match="organisation_has_identifying_number"):
        factories.OrganisationFactory(municipality_number=None)
