"""familiestotte.rows, the single-row SQL of the hot paths, against PostgreSQL: what
it writes and loads is what the ORM writes and loads."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from familiestotte import rows
from notifications.models import Email
from participants.models import Registration, RegistrationEvent
from programme.models import Session

from .. import factories

pytestmark = pytest.mark.django_db


def stored(instance):
    """Every concrete field of the row as the ORM loads it back."""
    fresh = type(instance).objects.get(pk=instance.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


@pytest.fixture
def registration(service_worker):
    session = factories.SessionFactory()
    return factories.RegistrationFactory(participant=service_worker, session=session)


def test_an_insert_writes_what_save_writes(service_worker, django_assert_num_queries):
    session = factories.SessionFactory()
    now = timezone.now()
    values = dict(
        participant=service_worker,
        session=session,
        registered_by=service_worker.user,
        status=Registration.Status.WAITLISTED,
        waitlisted_at=now,
    )
    by_orm = Registration(**values)
    by_orm.save()
    by_orm_row = stored(by_orm)
    by_orm.delete()

    by_rows = Registration(**values)
    with django_assert_num_queries(1):
        assert rows.insert(by_rows) is True
    assert by_rows.pk is not None and not by_rows._state.adding
    assert by_rows._state.db == "default"
    by_rows_row = stored(by_rows)
    for row in (by_orm_row, by_rows_row):
        row.pop("id")
        assert row.pop("created_at") >= now  # auto_now_add, set by the field's pre_save
    assert by_rows_row == by_orm_row


def test_an_insert_fills_auto_now_add_and_json(registration):
    email = Email(
        key=f"test:{registration.pk}",
        kind=Email.Kind.WAITLISTED,
        recipient=registration.participant.user,
        to_email="tor@example.no",
        registration=registration,
        session_id=registration.session_id,
        data={"place": 3, "navn": "Tor Tjenesteutøver"},
    )
    assert rows.insert(email, ignore_conflicts=True) is True
    row = stored(email)
    assert row["data"] == {"place": 3, "navn": "Tor Tjenesteutøver"}
    assert row["created_at"] == email.created_at and email.created_at is not None
    assert row["status"] == Email.Status.QUEUED and row["dispatched_at"] is None


def test_a_conflict_is_skipped_only_when_asked(registration):
    def email():
        return Email(
            key="same-key",
            kind=Email.Kind.CONFIRMED,
            to_email="tor@example.no",
            registration=registration,
        )

    assert rows.insert(email(), ignore_conflicts=True) is True
    second = email()
    assert rows.insert(second, ignore_conflicts=True) is False
    assert second.pk is None and second._state.adding
    assert Email.objects.filter(key="same-key").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.insert(email())


def test_a_row_loads_as_the_orm_loads_it(registration, django_assert_num_queries):
    fields = tuple(
        RegistrationEvent._meta.get_field(name) for name in ("id", "action", "created_at")
    )
    event = RegistrationEvent.objects.create(
        registration=registration, action=RegistrationEvent.Action.REGISTERED, note="Notat"
    )
    loaded = rows.from_row(
        RegistrationEvent, fields, [event.pk, "registered", event.created_at], alias="default"
    )
    assert (loaded.pk, loaded.action, loaded.created_at) == (
        event.pk,
        "registered",
        event.created_at,
    )
    assert not loaded._state.adding
    with django_assert_num_queries(1):  # a field not loaded loads on access, as with only()
        assert loaded.note == "Notat"


def test_the_session_row_of_the_registration_rules_matches_the_orm(registration):
    from participants.services import _session_row

    session = registration.session
    loaded = _session_row(session.pk, lock=False)
    expected = Session.objects.get(pk=session.pk)
    for name in ("programme_id", "title", "capacity", "registration_deadline", "audience"):
        assert getattr(loaded, name) == getattr(expected, name), name
    assert loaded.is_cancelled is False
    assert loaded.programme_is_published is expected.programme.is_published
    assert loaded.registration_deadline.tzinfo is not None


def registration_with_event_and_email(service_worker, *, pk=None):
    registration = Registration(
        pk=pk,
        participant=service_worker,
        session=factories.SessionFactory(),
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return registration, lambda: (
        RegistrationEvent(registration=registration, action=RegistrationEvent.Action.REGISTERED),
        Email(
            key=f"confirmed:{registration.pk}",
            kind=Email.Kind.CONFIRMED,
            to_email="tor@example.no",
            registration=registration,
        ),
    )


def next_registration_id():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('participants_registration', 'id'))")
        return cursor.fetchone()[0]


def test_a_batch_sends_its_rows_together_in_one_round_trip(
    service_worker, django_assert_num_queries
):
    registration, children = registration_with_event_and_email(
        service_worker, pk=next_registration_id()
    )
    batch = rows.Batch(together=True)
    with django_assert_num_queries(1):
        batch.insert(registration)
        event, email = children()
        batch.insert(event)
        batch.insert(email, ignore_conflicts=True)
        batch.send()
    assert not registration._state.adding
    assert stored(registration)["status"] == Registration.Status.CONFIRMED
    assert RegistrationEvent.objects.get().registration_id == registration.pk
    assert Email.objects.get().key == f"confirmed:{registration.pk}"


def test_a_failing_row_stops_the_batch_and_its_transaction(service_worker):
    registration, children = registration_with_event_and_email(
        service_worker, pk=next_registration_id()
    )
    rows.insert(Email(key=f"confirmed:{registration.pk}", kind="confirmed", to_email="x@y.no"))
    batch = rows.Batch(together=True)
    batch.insert(registration)
    event, email = children()
    batch.insert(event)
    batch.insert(email)  # its key is taken, and conflicts are not ignored
    with pytest.raises(IntegrityError), transaction.atomic():
        batch.send()
    assert not Registration.objects.exists() and not RegistrationEvent.objects.exists()


def test_a_batch_not_together_sends_each_row_at_once_and_reads_ids_back(
    service_worker, django_assert_num_queries
):
    registration, children = registration_with_event_and_email(service_worker)
    batch = rows.Batch(together=False)
    with django_assert_num_queries(1):
        batch.insert(registration)
    assert registration.pk is not None
    event, email = children()
    with django_assert_num_queries(2):
        batch.insert(event)
        batch.insert(email, ignore_conflicts=True)
        batch.send()  # nothing left to send
    assert event.pk is not None
    assert Email.objects.get().registration_id == registration.pk
