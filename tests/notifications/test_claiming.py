"""Claiming rows: each row to one batch only, at most one row per batch in 'sending'."""

import threading
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections

from notifications import sending
from notifications.models import Email
from notifications.sending import send_batch
from registrations import emails
from registrations.emails import queue_registration_email
from tests import factories


class Recording(EmailBackend):
    """Records each message's outbox key, and what the outbox looked like as it went out."""

    lock = threading.Lock()
    keys: list[str] = []
    sending_at_send: list[int] = []
    check_outbox = False

    def send_messages(self, messages):
        if type(self).check_outbox:
            sending_now = Email.objects.filter(status=Email.Status.SENDING).count()
            type(self).sending_at_send.append(sending_now)
        with type(self).lock:
            type(self).keys.extend(m.extra_headers["X-Familiestotte-Key"] for m in messages)
        return len(messages)


@pytest.fixture
def recording(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_claiming.Recording"
    Recording.keys, Recording.sending_at_send, Recording.check_outbox = [], [], False
    return Recording


def _queued(count):
    """Recorded confirmation emails whose send tasks have not run yet."""
    session = factories.SessionFactory()
    with mock.patch.object(emails, "dispatch_soon"):
        for _ in range(count):
            queue_registration_email(
                registration=factories.RegistrationFactory(session=session), kind="confirmed"
            )
    return list(Email.objects.order_by("pk").values_list("pk", flat=True))


def test_it_has_one_row_in_sending_while_a_batch_goes_out(db, recording):
    ids = _queued(5)
    recording.check_outbox = True

    result = send_batch(ids)

    # The row going out is the only one in 'sending': the one before it is already 'sent'.
    assert recording.sending_at_send == [1, 1, 1, 1, 1]
    assert result.sent == ids
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}


def test_it_sends_a_batch_with_one_statement_per_email(db, recording, assert_queries):
    for count in [3, 30]:
        Email.objects.all().delete()
        ids = _queued(count)
        # 4 to load the batch, 1 per email (claim it; the one before it -> sent), and the
        # last one -> sent: savepoint, SET LOCAL synchronous_commit, update, release
        with assert_queries(4 + count + 4):
            assert len(send_batch(ids).sent) == count


def _two_batches_at_once(ids, monkeypatch):
    """Both batches load their rows before either claims one, so they really overlap
    (without this a loaded machine may run one batch to the end before the other starts)."""
    barrier = threading.Barrier(2)
    loaded = threading.Barrier(2, timeout=30)
    original_load = sending.load

    def load_then_wait(batch_ids):
        rows = original_load(batch_ids)
        loaded.wait()
        return rows

    monkeypatch.setattr(sending, "load", load_then_wait)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(send_batch(ids))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_it_hands_each_row_to_one_of_two_batches_running_at_once(
    transactional_db, recording, monkeypatch
):
    ids = _queued(60)

    first, second = _two_batches_at_once(ids, monkeypatch)

    assert set(first.sent).isdisjoint(second.sent)
    assert sorted(first.sent + second.sent) == ids
    assert len(recording.keys) == len(set(recording.keys)) == 60


def test_it_would_send_rows_twice_without_the_conditional_claim(
    transactional_db, recording, monkeypatch
):
    """Negative control: let a claim take rows already in 'sending' and the race shows."""
    ids = _queued(60)
    monkeypatch.setattr(sending, "ACTIVE", [*sending.ACTIVE, Email.Status.SENDING])

    first, second = _two_batches_at_once(ids, monkeypatch)

    assert not set(first.sent).isdisjoint(second.sent)
    assert len(recording.keys) > len(set(recording.keys))
