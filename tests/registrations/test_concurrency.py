"""Fifty people race for ten seats on real PostgreSQL, each thread on its own connection.

The negative control runs the same race with the session lock taken away (and a short
pause between counting and inserting) and shows that it overbooks: the test above it
can fail, so its passing means something.
"""

import threading
import time

import pytest
from django.db import connection

from participants.models import Registration
from registrations import locking, services
from tests import factories

PEOPLE = 50
SEATS = 10


def race(session, people):
    """Release one thread per person at the same moment; each registers once."""
    barrier = threading.Barrier(len(people))
    errors = []

    def run(participant):
        try:
            barrier.wait(timeout=60)
            services.register(participant=participant, session=session)
        except Exception as exc:  # noqa: BLE001 - every error is a test failure
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a registration thread hung"
    return errors


@pytest.fixture
def crowd(transactional_db):
    organisation = factories.OrganisationFactory()
    session = factories.SessionFactory(capacity=SEATS)
    people = factories.ParticipantFactory.create_batch(PEOPLE, organisation=organisation)
    return session, people


def test_it_confirms_exactly_the_capacity_when_fifty_race_for_ten_seats(crowd):
    session, people = crowd

    errors = race(session, people)

    assert errors == []
    registrations = list(Registration.objects.filter(session=session))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waitlisted = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    assert len(confirmed) == SEATS
    assert len(waitlisted) == PEOPLE - SEATS
    assert len({r.participant_id for r in registrations}) == PEOPLE  # no duplicates
    # A consistent order: whoever got the lock first came first, so the waiting list
    # sorted by time is the same as sorted by insertion, and comes after every seat.
    by_time = sorted(waitlisted, key=lambda r: (r.waitlisted_at, r.pk))
    assert [r.pk for r in by_time] == sorted(r.pk for r in waitlisted)
    assert max(r.pk for r in confirmed) < min(r.pk for r in waitlisted)
    assert max(r.confirmed_at for r in confirmed) <= min(r.waitlisted_at for r in waitlisted)


def test_it_overbooks_without_the_lock_so_the_race_test_can_fail(crowd, monkeypatch):
    session, people = crowd
    count_seats = locking.seat_counts

    def unlocked_session(session_pk, **kwargs):
        return locking.session_row(session_pk, lock=False, **kwargs)  # no FOR UPDATE

    def slow_count(locked_session):
        seats_taken = count_seats(locked_session)
        time.sleep(0.05)  # widen the window between counting and inserting
        return seats_taken

    monkeypatch.setattr(locking, "lock_session", unlocked_session)
    monkeypatch.setattr(locking, "seat_counts", slow_count)

    errors = race(session, people)

    assert errors == []
    confirmed = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).count()
    assert confirmed > SEATS
