"""A registration outside any atomic block, as in production: BEGIN travels with the
session lock and COMMIT with the INSERTs (familiestotte.rows.transaction), and every
way out leaves the connection outside a transaction, with nothing half written."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import Email
from participants.models import Registration, RegistrationEvent
from registrations import emails, services
from registrations.services import RegistrationError
from tests import factories
from tests.connections import committed_elsewhere as committed
from tests.connections import outside_a_transaction

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_commits_in_two_round_trips_from_the_lock(service_worker):
    session = factories.SessionFactory(capacity=1)
    with CaptureQueriesContext(connection) as sent:
        registration = services.register(participant=service_worker, session=session)
    # Then, after the commit, the eager email task of the tests (a worker in production).
    lock, inserts = (q["sql"] for q in sent.captured_queries[:2])
    assert "BEGIN;\nEXECUTE" in lock and "FOR UPDATE" in lock
    assert "INSERT" in inserts and inserts.endswith(";\nCOMMIT")
    assert outside_a_transaction()
    assert committed(Registration.objects.filter(pk=registration.pk, status="confirmed").exists)
    assert committed(RegistrationEvent.objects.filter(registration=registration.pk).exists)
    assert committed(Email.objects.filter(key=f"confirmed:{registration.pk}").exists)


def test_a_refusal_rolls_back_and_writes_nothing(service_worker):
    closed = factories.SessionFactory(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(RegistrationError):
        services.register(participant=service_worker, session=closed)
    assert outside_a_transaction()
    assert not Registration.objects.exists()


def test_a_second_registration_is_refused_and_the_first_stands(service_worker):
    session = factories.SessionFactory()
    first = services.register(participant=service_worker, session=session)
    with pytest.raises(RegistrationError) as refused:
        services.register(participant=service_worker, session=session)
    assert refused.value.code == "duplicate"
    assert outside_a_transaction()
    assert list(Registration.objects.values_list("pk", flat=True)) == [first.pk]
    assert RegistrationEvent.objects.count() == 1 and Email.objects.count() == 1


def test_an_error_under_the_lock_rolls_back(service_worker, monkeypatch):
    def broken_email(**kwargs):
        raise RuntimeError("the outbox row could not be built")

    monkeypatch.setattr(emails, "registration_email", broken_email)
    session = factories.SessionFactory()
    with pytest.raises(RuntimeError):
        services.register(participant=service_worker, session=session)
    assert outside_a_transaction()
    assert not Registration.objects.exists()
    monkeypatch.undo()
    assert services.register(participant=service_worker, session=session).pk  # usable
