"""Exactly once, end to end: the Redis broker, a real Celery worker, a real SMTP server.

The worker is a subprocess consuming a queue of its own on CELERY_BROKER_URL, reading the
test database (pytest-django's test_<name>), and sending to an aiosmtpd sink on 127.0.0.1.
Rows are committed (transactional_db) so the worker sees them.
"""

import datetime as dt
import os
import threading
import time
import uuid
from collections import Counter
from unittest import mock

import pytest
import redis
from django.db import connection, connections, transaction
from django.utils import timezone

from familiestotte.celery import app
from notifications import dispatch
from notifications.dispatch import requeue_stale
from notifications.models import Email
from registrations.emails import queue_registration_email
from registrations.services import register
from reminders.session_reminders import sweep_reminders
from tests import factories
from tests.fixtures.sessions import oslo

from .bulk import confirmed_registrations
from .sink import SmtpSink
from .worker import Worker, database_url

pytestmark = pytest.mark.integration


@pytest.fixture
def smtp():
    server = SmtpSink()
    with server as recorder:
        yield server, recorder


@pytest.fixture
def queue():
    name = f"test-notifications-{uuid.uuid4().hex[:10]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).delete(name)


@pytest.fixture
def start_worker(transactional_db, smtp, queue):
    """start_worker(**env) -> a running Worker; stopped after the test, before the flush."""
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (Redis)")
    server, _recorder = smtp
    workers = []

    def _start(**extra_env):
        env = {
            "DATABASE_URL": database_url(connection.settings_dict),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(server.port),
            "NOTIFICATIONS_RETRY_BACKOFF": "1",
            **{name: str(value) for name, value in extra_env.items()},
        }
        worker = Worker(queue=queue, env=env).start()
        workers.append(worker)
        return worker

    yield _start
    for worker in workers:
        worker.stop()


@pytest.fixture
def received(smtp):
    return smtp[1]


def wait_for(predicate, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {what}")


def unfinished() -> int:
    return Email.objects.filter(
        status__in=[Email.Status.QUEUED, Email.Status.RETRYING, Email.Status.SENDING]
    ).count()


def _session_due_for_reminder(hours_ahead=12):
    """A session tomorrow morning: its 1-day reminder is due now."""
    starts_at = timezone.now() + dt.timedelta(hours=hours_ahead)
    return factories.SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        registration_deadline=starts_at - dt.timedelta(days=2),
    )


def test_it_sends_each_due_reminder_once_when_two_sweeps_run_at_once(start_worker, received):
    session = _session_due_for_reminder()
    confirmed_registrations([session], 60)
    start_worker()
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait()
            sweep_reminders()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    wait_for(lambda: len(received.received()) >= 60 and unfinished() == 0, what="60 reminders")
    time.sleep(1)  # room for a duplicate to arrive, if there were one
    assert Email.objects.filter(kind="reminder", status="sent").count() == 60
    assert len(received.received()) == 60
    assert received.duplicates() == 0


def test_it_sends_the_rest_and_repeats_none_when_the_worker_is_killed_mid_batch(
    start_worker, received, settings
):
    settings.NOTIFICATIONS_BATCH_SIZE = 20
    session = _session_due_for_reminder()
    confirmed_registrations([session], 300)
    received.delay = 0.01  # 10 ms per message, so the kill lands mid-batch
    worker = start_worker(NOTIFICATIONS_BATCH_SIZE=20)

    sweep_reminders()
    wait_for(lambda: len(received.received()) >= 60, what="the first 60 emails")
    worker.kill()
    delivered_before_restart = len(received.received())
    assert delivered_before_restart < 300

    start_worker(NOTIFICATIONS_BATCH_SIZE=20)
    received.delay = 0
    # The periodic re-queue, as if its timeouts had passed: the dead worker's rows go out again.
    settings.NOTIFICATIONS_REQUEUE_AFTER = 0
    settings.NOTIFICATIONS_SENDING_TIMEOUT = 0
    requeue_stale()
    wait_for(lambda: unfinished() == 0, what="the outbox to drain")
    time.sleep(1)

    keys = Counter(received.received())
    sent = set(Email.objects.filter(status="sent").values_list("key", flat=True))
    interrupted = set(Email.objects.filter(status="failed").values_list("key", flat=True))
    assert received.duplicates() == 0
    assert len(keys) > delivered_before_restart
    assert sent <= set(keys)  # every row marked sent really arrived, once
    assert set(keys) <= sent | interrupted
    # At most the one email each pool process had in flight is left, visibly, for a coordinator.
    assert len(interrupted) <= 2
    assert len(sent) + len(interrupted) == 300
    assert all(
        "Avbrutt under sending" in error
        for error in Email.objects.filter(status="failed").values_list("last_error", flat=True)
    )


def test_it_delivers_on_a_retry_when_the_smtp_server_refuses_at_first(start_worker, received):
    received.refuse_first = 2
    start_worker()
    session = factories.SessionFactory()
    registration = factories.RegistrationFactory(session=session)

    with transaction.atomic():
        queue_registration_email(registration=registration, kind="confirmed")

    wait_for(lambda: unfinished() == 0, what="the confirmation")
    row = Email.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")
    assert received.refusals == 2
    assert received.received() == [f"confirmed:{registration.pk}"]


def test_it_sends_nothing_for_a_rolled_back_registration(start_worker, received):
    start_worker()
    session = factories.SessionFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        rolled_back = factories.RegistrationFactory(session=session)
        queue_registration_email(registration=rolled_back, kind="confirmed")
        raise RuntimeError("the registration fails after the email was queued")
    committed = factories.RegistrationFactory(session=session)
    with transaction.atomic():
        queue_registration_email(registration=committed, kind="confirmed")

    wait_for(lambda: received.received(), what="the committed confirmation")
    time.sleep(1)
    assert received.received() == [f"confirmed:{committed.pk}"]
    assert list(Email.objects.values_list("key", flat=True)) == [f"confirmed:{committed.pk}"]


def test_it_delivers_the_1_day_reminder_at_09_local_time_after_the_spring_change(
    start_worker, received
):
    session = factories.SessionFactory(
        starts_at=oslo(2026, 3, 30, 9),
        ends_at=oslo(2026, 3, 30, 15),
        registration_deadline=oslo(2026, 3, 20, 12),
    )
    confirmed_registrations([session], 3, confirmed_at=oslo(2026, 3, 25, 12))
    start_worker()

    sweep_reminders(now=dt.datetime(2026, 3, 29, 6, 59, tzinfo=dt.UTC))  # 08.59 summer time
    time.sleep(1.5)
    assert received.received() == []

    sweep_reminders(now=dt.datetime(2026, 3, 29, 7, 0, tzinfo=dt.UTC))  # 09.00 summer time
    wait_for(lambda: len(received.received()) == 3, what="three 1-day reminders")
    assert all(key.startswith("reminder:1:") for key in received.received())


def test_it_delivers_a_rush_of_registrations_with_a_few_task_messages(start_worker, received):
    """Twenty people register at once, each on a connection of its own: every one gets
    one email, and the web side sent a handful of task messages, not twenty."""
    start_worker()
    session = factories.SessionFactory(capacity=5)
    people = factories.ParticipantFactory.create_batch(20)
    barrier = threading.Barrier(len(people))
    messages, errors = [], []
    send_message = dispatch.dispatch_pending_emails.apply_async

    def counted(*args, **kwargs):
        messages.append(kwargs)
        return send_message(*args, **kwargs)

    def run(person):
        try:
            barrier.wait(timeout=30)
            register(participant=person, session=session)
        except Exception as exc:  # noqa: BLE001 - every error is a test failure
            errors.append(repr(exc))
        finally:
            connections.close_all()

    with mock.patch.object(dispatch.dispatch_pending_emails, "apply_async", side_effect=counted):
        threads = [threading.Thread(target=run, args=(person,)) for person in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    wait_for(lambda: len(received.received()) == 20, what="twenty registration emails")
    time.sleep(1)
    keys = Counter(received.received())
    assert set(keys.values()) == {1}
    assert Counter(key.split(":")[0] for key in keys) == {"confirmed": 5, "waitlisted": 15}
    assert 1 <= len(messages) <= 3, messages
