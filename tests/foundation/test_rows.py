"""familiestotte.rows, the single-row SQL of the hot paths, against PostgreSQL: what
it writes and loads is what the ORM writes and loads; its statements are prepared once
per connection; its transactions send BEGIN and COMMIT with their statements."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from familiestotte import rows
from notifications.models import Email
from participants.models import Registration, RegistrationEvent
from programme.models import Session

from .. import factories
from ..connections import committed_elsewhere, outside_a_transaction

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
    from registrations.locking import session_row

    session = registration.session
    locked = session_row(session.pk, lock=False)
    loaded = locked.session
    expected = Session.objects.get(pk=session.pk)
    for name in ("programme_id", "title", "capacity", "registration_deadline", "audience"):
        assert getattr(loaded, name) == getattr(expected, name), name
    assert loaded.is_cancelled is False
    assert locked.programme_is_published is expected.programme.is_published
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


def prepared_statements() -> dict[str, str]:
    """{name: statement} prepared on this test's connection to PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def run(sql, params):
    with connection.cursor() as cursor:
        rows.execute(cursor, sql, params, alias="default")
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)  # closes its connection: no atomic block around it
def test_statements_are_prepared_once_per_connection(django_assert_num_queries):
    sql = "SELECT %s::int + 1;\nSELECT %s::int * 10"
    with CaptureQueriesContext(connection) as first, django_assert_num_queries(1):
        assert run(sql, [1, 2]) == [(20,)]  # the last statement's rows, as cursor.execute
    assert first.captured_queries[0]["sql"].count("PREPARE") == 2
    # Each statement shows the text sent with it, which here holds both.
    names = [n for n, text in prepared_statements().items() if "::int * 10" in text]
    assert len(names) == 2 and all(n.startswith("fs_select_statement_") for n in names)

    with CaptureQueriesContext(connection) as second:
        assert run(sql, [1, 3]) == [(30,)]
    assert second.captured_queries[0]["sql"].startswith("EXECUTE ")
    assert "PREPARE" not in second.captured_queries[0]["sql"]

    connection.close()  # a new connection has nothing prepared
    with CaptureQueriesContext(connection) as third:
        assert run(sql, [1, 4]) == [(40,)]
    assert "PREPARE" in third.captured_queries[0]["sql"]


def test_a_first_round_trip_that_fails_prepares_afresh_next_time(registration):
    """The PREPARE outlives the failed INSERT (PostgreSQL does not roll it back), so
    reusing its name would fail with «prepared statement already exists»."""
    sql = (
        'INSERT INTO "notifications_email" (key, kind, to_email, data, subject, body_text,'
        " body_html, status, attempts, last_error, created_at) VALUES"
        " (%s, 'other', 'prepared@example.no', '{}', '', '', '', 'queued', 0, '', now())"
        " RETURNING id"
    )

    def prepared_names():
        return [n for n, text in prepared_statements().items() if "prepared@example.no" in text]

    rows.insert(Email(key="taken", kind=Email.Kind.OTHER, to_email="x@example.no"))
    with pytest.raises(IntegrityError), transaction.atomic():
        run(sql, ["taken"])
    assert len(prepared_names()) == 1  # prepared, though its round trip failed

    with transaction.atomic():
        (row,) = run(sql, ["free"])
    assert Email.objects.get(pk=row[0]).to_email == "prepared@example.no"
    assert len(prepared_names()) == 2


def lock_then_insert(session, registration_pk=None, *, commit):
    """BEGIN with the session row FOR UPDATE, then an event row (and COMMIT if asked)."""
    with connection.cursor() as cursor:
        rows.execute(
            cursor,
            'SELECT 1 FROM "programme_session" WHERE id = %s FOR UPDATE',
            [session.pk],
            alias="default",
            begin=True,
        )
    batch = rows.Batch(together=True)
    batch.insert(
        RegistrationEvent(registration_id=registration_pk, action="registered", note="lean")
    )
    batch.send(commit=commit)


@pytest.mark.django_db(transaction=True)
def test_a_lean_transaction_sends_begin_and_commit_with_its_statements(
    service_worker, django_assert_num_queries
):
    registration = factories.RegistrationFactory(participant=service_worker)
    with CaptureQueriesContext(connection) as sent, django_assert_num_queries(2):
        with rows.transaction() as lean:
            assert lean is True
            lock_then_insert(registration.session, registration.pk, commit=True)
    first, last = (q["sql"] for q in sent.captured_queries)
    # After the PREPAREs of a connection's first use, if any.
    assert "BEGIN;\nEXECUTE" in first and "FOR UPDATE" in first
    assert last.endswith(";\nCOMMIT")
    assert outside_a_transaction()
    assert committed_elsewhere(RegistrationEvent.objects.filter(note="lean").exists)


@pytest.mark.django_db(transaction=True)
def test_a_lean_transaction_left_open_is_committed_at_the_end(service_worker):
    registration = factories.RegistrationFactory(participant=service_worker)
    with rows.transaction():
        lock_then_insert(registration.session, registration.pk, commit=False)
        assert not committed_elsewhere(RegistrationEvent.objects.filter(note="lean").exists)
    assert committed_elsewhere(RegistrationEvent.objects.filter(note="lean").exists)


@pytest.mark.django_db(transaction=True)
def test_a_lean_transaction_rolls_back_when_its_body_raises(service_worker):
    registration = factories.RegistrationFactory(participant=service_worker)
    with pytest.raises(ZeroDivisionError), rows.transaction():
        lock_then_insert(registration.session, registration.pk, commit=False)
        1 / 0  # noqa: B018 - an error between the statements
    assert outside_a_transaction()
    assert not RegistrationEvent.objects.filter(note="lean").exists()

    with pytest.raises(IntegrityError), rows.transaction():
        lock_then_insert(registration.session, registration_pk=None, commit=True)  # NOT NULL
    assert outside_a_transaction()
    assert not RegistrationEvent.objects.exists()  # and the connection is usable


def test_inside_an_atomic_block_it_is_an_atomic_block(registration):
    # The test runs inside transaction.atomic(), as a caller's outer block would.
    with CaptureQueriesContext(connection) as sent, rows.transaction() as lean:
        assert lean is False
        rows.insert(RegistrationEvent(registration=registration, action="registered"))
    assert all("BEGIN" not in q["sql"] and "COMMIT" not in q["sql"] for q in sent.captured_queries)
    assert sent.captured_queries[0]["sql"].startswith("SAVEPOINT")


def test_fields_out_of_the_models_order_are_refused():
    fields = tuple(RegistrationEvent._meta.get_field(name) for name in ("action", "id"))
    with pytest.raises(ValueError, match="model's order"):
        rows.from_row(RegistrationEvent, fields, ["registered", 1], alias="default")
