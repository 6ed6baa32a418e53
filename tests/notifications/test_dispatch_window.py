"""Registration emails committed close together share one dispatch task.

A rush of registrations used to send one task message per email, which cost the web
process as much CPU as the registration itself. Now the first commit in a window
queues one delayed dispatch_pending_emails task and the others leave their rows to it.
"""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from kombu.exceptions import OperationalError

from notifications import dispatch, outbox
from notifications.models import Email
from registrations import services as registrations
from registrations.session_changes import notify_session_changed
from tests import factories


@pytest.fixture
def people(db):
    return factories.ParticipantFactory.create_batch(3)


@pytest.fixture
def task_messages():
    """The dispatch task's messages, recorded instead of sent (the task does not run)."""
    with mock.patch.object(dispatch.dispatch_pending_emails, "apply_async") as apply_async:
        yield apply_async


def register(person, session, capture):
    with capture(execute=True):
        return registrations.register(participant=person, session=session)


def test_three_registrations_in_one_window_queue_one_delayed_task(
    session, people, task_messages, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFICATIONS_DISPATCH_WINDOW = 1

    for person in people:
        register(person, session, django_capture_on_commit_callbacks)

    task_messages.assert_called_once_with(countdown=2)
    rows = Email.objects.filter(session=session)
    assert rows.count() == 3
    assert set(rows.values_list("dispatched_at", flat=True)) == {None}


@pytest.fixture
def clock():
    """The monotonic clock dispatch_soon reads, moved by hand."""
    now = [1000.0]
    with mock.patch.object(dispatch.time, "monotonic", side_effect=lambda: now[0]):
        yield now


def test_a_commit_after_the_window_queues_the_next_task(
    session, people, task_messages, django_capture_on_commit_callbacks, clock, settings
):
    settings.NOTIFICATIONS_DISPATCH_WINDOW = 1
    register(people[0], session, django_capture_on_commit_callbacks)
    # The window has passed: its key expired, and this process's memory of it ended.
    cache.delete(dispatch.DISPATCH_PENDING_KEY)
    clock[0] += 1.0

    register(people[1], session, django_capture_on_commit_callbacks)

    assert task_messages.call_count == 2


def test_within_the_window_a_process_asks_the_cache_once(
    session, people, task_messages, django_capture_on_commit_callbacks, clock, settings
):
    settings.NOTIFICATIONS_DISPATCH_WINDOW = 5
    with mock.patch.object(dispatch.cache, "add", wraps=dispatch.cache.add) as add:
        for person in people:
            register(person, session, django_capture_on_commit_callbacks)
            clock[0] += 1.5
        assert add.call_count == 1
        clock[0] += 0.6  # 5.1 s after the first: the next commit asks again
        register(factories.ParticipantFactory(), session, django_capture_on_commit_callbacks)
        assert add.call_count == 2
    # The key still stood (it expires by the cache's clock, not this one): no second task.
    task_messages.assert_called_once_with(countdown=10)


def test_a_window_opened_by_another_process_is_remembered_too(
    session, people, task_messages, django_capture_on_commit_callbacks, clock
):
    cache.add(dispatch.DISPATCH_PENDING_KEY, True, timeout=60)  # another process's window
    with mock.patch.object(dispatch.cache, "add", wraps=dispatch.cache.add) as add:
        for person in people:
            register(person, session, django_capture_on_commit_callbacks)
    assert add.call_count == 1
    task_messages.assert_not_called()


def test_the_task_sends_every_row_committed_in_its_window_once(
    session, people, task_messages, django_capture_on_commit_callbacks, mailoutbox
):
    for person in people:
        register(person, session, django_capture_on_commit_callbacks)
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        handed_out = dispatch.dispatch_pending_emails()

    assert handed_out == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.user.email for p in people)
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
    # The task closed the window first, so the next commit queues a task of its own.
    assert cache.get(dispatch.DISPATCH_PENDING_KEY) is None
    assert dispatch.DispatchWindow.known_until == 0.0


def test_a_registration_stands_when_the_broker_is_down(
    session, people, django_capture_on_commit_callbacks
):
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(dispatch.dispatch_pending_emails, "apply_async", side_effect=down):
        registration = register(people[0], session, django_capture_on_commit_callbacks)

    registration.refresh_from_db()
    assert registration.status == registration.Status.CONFIRMED
    # The row waits for the periodic re-queue, which hands out undispatched rows.
    row = Email.objects.get(registration=registration)
    assert (row.status, row.dispatched_at) == (Email.Status.QUEUED, None)
    with mock.patch.object(dispatch, "dispatch") as handed_out:
        assert dispatch.requeue_stale() == 1
    handed_out.assert_called_once_with([row.pk])


BROKER_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def broker_down():
    """Every task message fails, as when Redis is unreachable."""
    with (
        mock.patch.object(dispatch.dispatch_pending_emails, "apply_async", side_effect=BROKER_DOWN),
        mock.patch.object(dispatch.send_emails, "delay", side_effect=BROKER_DOWN),
        mock.patch.object(dispatch.send_emails, "apply_async", side_effect=BROKER_DOWN),
    ):
        yield


def _left_for_the_sweep(rows):
    """The rows stand undispatched, and the periodic sweep hands them out."""
    assert {(row.status, row.dispatched_at) for row in rows} == {(Email.Status.QUEUED, None)}
    with mock.patch.object(dispatch, "dispatch") as handed_out:
        assert dispatch.requeue_stale() == len(rows)
    handed_out.assert_called_once_with(sorted(row.pk for row in rows))


def test_a_session_change_notice_stands_when_the_broker_is_down(
    session, people, broker_down, django_capture_on_commit_callbacks
):
    for person in people:
        factories.RegistrationFactory(session=session, participant=person)
    old = session.starts_at
    session.starts_at = old + dt.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        told = notify_session_changed(
            session=session, changes={"starts_at": (old, session.starts_at)}
        )

    assert told == 3
    _left_for_the_sweep(list(Email.objects.filter(session=session)))


def test_a_templated_email_stands_when_the_broker_is_down(
    leader, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_email(
            recipient=leader.user,
            kind="progress_report_due",
            key="report-due:1:2026-W10",
            template_prefix="notifications/email/notice",
            context={"subject": "Framdriftsrapport snart", "paragraphs": ["Husk rapporten."]},
        )

    _left_for_the_sweep(list(Email.objects.filter(key="report-due:1:2026-W10")))
