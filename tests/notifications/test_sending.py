"""The send task: one connection per batch, each row sent once, retries bounded."""

import datetime as dt

import pytest
from django.utils import timezone

from notifications.dispatch import requeue_stale
from notifications.models import Email
from notifications.sending import load, send_batch
from registrations.emails import queue_registration_email
from reminders.session_reminders import sweep_reminders
from tests import factories

from .backends import FlakyBackend, permanent, temporary


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.errors = []
    FlakyBackend.opened = 0
    return FlakyBackend


def _queued(session, count=1):
    """Recorded confirmation emails whose send tasks have not run yet."""
    for _ in range(count):
        queue_registration_email(
            registration=factories.RegistrationFactory(session=session), kind="confirmed"
        )
    return list(Email.objects.order_by("pk").values_list("pk", flat=True))


def test_it_puts_a_temporary_failure_back_for_a_retry_with_backoff(session, flaky, settings):
    [pk] = _queued(session)
    flaky.errors = [temporary()]

    result = send_batch([pk])

    row = Email.objects.get()
    assert (row.status, row.attempts) == (Email.Status.RETRYING, 1)
    assert "451" in row.last_error
    assert result.retry == {settings.NOTIFICATIONS_RETRY_BACKOFF: [pk]}
    assert row.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)


def test_it_delivers_on_the_retry_after_a_temporary_failure(
    session, flaky, send_on_commit, mailoutbox
):
    flaky.errors = [temporary(), temporary()]

    send_on_commit(_queued, session)

    row = Email.objects.get()
    assert (row.status, row.attempts, row.last_error) == (Email.Status.SENT, 3, "")
    assert len(mailoutbox) == 1


def test_it_gives_up_after_the_last_attempt(session, flaky, send_on_commit, settings, mailoutbox):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    flaky.errors = [temporary() for _ in range(5)]

    send_on_commit(_queued, session)

    row = Email.objects.get()
    assert (row.status, row.attempts) == (Email.Status.FAILED, 3)
    assert "Try again later" in row.last_error
    assert mailoutbox == []


def test_it_fails_at_once_when_the_server_refuses_for_good(session, flaky, mailoutbox):
    [pk] = _queued(session)
    flaky.errors = [permanent()]

    send_batch([pk])

    row = Email.objects.get()
    assert (row.status, row.attempts) == (Email.Status.FAILED, 1)
    assert "550" in row.last_error


def test_it_sends_a_row_once_when_the_task_runs_twice(session, flaky, mailoutbox):
    ids = _queued(session, 2)

    first, second = send_batch(ids), send_batch(ids)

    assert len(mailoutbox) == 2
    assert (first.sent, second.sent, second.skipped) == (ids, [], ids)


def test_it_opens_one_connection_for_a_batch(session, flaky, mailoutbox):
    ids = _queued(session, 5)

    send_batch(ids)

    assert (flaky.opened, len(mailoutbox)) == (1, 5)


def test_it_loads_a_batch_in_the_same_number_of_queries_at_ten_times_the_rows(
    session, assert_queries
):
    for count in [3, 30]:
        ids = _queued(session, count - Email.objects.count())
        # 1 emails with registrations and participants, 1 sessions with venue and programme,
        # 1 materials, 1 sessions of that kind in the programme (for «3 of 8»)
        with assert_queries(4):
            assert len(load(ids)) == count


def test_it_never_resends_a_row_a_worker_left_while_sending(session, flaky, mailoutbox, settings):
    [pk] = _queued(session)
    started = timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)
    Email.objects.filter(pk=pk).update(status=Email.Status.SENDING, sending_started_at=started)

    requeue_stale()
    send_batch([pk])

    row = Email.objects.get()
    assert row.status == Email.Status.FAILED
    assert "Avbrutt under sending" in row.last_error
    assert mailoutbox == []


def test_the_reminder_sweep_fails_a_row_a_worker_left_while_sending(session, settings):
    """The sweep is the only periodic job that re-queues: it ends with requeue_stale."""
    [pk] = _queued(session)
    started = timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)
    Email.objects.filter(pk=pk).update(status=Email.Status.SENDING, sending_started_at=started)

    sweep_reminders()

    row = Email.objects.get()
    assert row.status == Email.Status.FAILED
    assert "Avbrutt under sending" in row.last_error


def test_it_hands_out_again_a_row_no_worker_took(session, flaky, send_on_commit, settings):
    [pk] = _queued(session)
    lost = timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER + 1)
    Email.objects.filter(pk=pk).update(dispatched_at=lost)

    assert send_on_commit(requeue_stale) == 1

    assert Email.objects.get().status == Email.Status.SENT


def test_it_counts_numbered_sessions_only_like_the_session_page(
    db, send_on_commit, mailoutbox, client
):
    """An unnumbered session of the same kind (an extra day) is not one of the «N»."""
    programme = factories.ProgrammeFactory()
    day = factories.SessionFactory(programme=programme, number=2, title="Pårørendes rettigheter")
    factories.SessionFactory(programme=programme, number=1)
    factories.SessionFactory(programme=programme, number=None, title="Ekstra opplæringsdag")
    registration = factories.RegistrationFactory(session=day)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    [message] = mailoutbox
    assert "Opplæringsdag 2 av 2: Pårørendes rettigheter" in message.subject
    assert "Opplæringsdag 3 av" not in message.body
    assert "Opplæringsdag 2 av 2" in client.get(day.get_absolute_url()).content.decode()
