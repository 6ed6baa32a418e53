"""Eight requests issue the same person's certificate at once, each thread on its own
PostgreSQL connection: one certificate, and every caller gets it.

The negative control takes the lock away and pauses between the check and the insert:
then callers fail on the unique constraint, so the test above it can fail."""

import threading
import time

import pytest
from django.db import connection

from certificates import services
from certificates.models import Certificate
from tests import factories

CALLERS = 8


def race(participant, programme):
    barrier = threading.Barrier(CALLERS)
    codes, errors = [], []

    def run():
        try:
            barrier.wait(timeout=60)
            certificate = services.issue_certificate(participant=participant, programme=programme)
            codes.append(certificate.code)
        except Exception as exc:  # noqa: BLE001 - every error is a test failure
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an issuing thread hung"
    return codes, errors


@pytest.fixture
def qualified(transactional_db):
    programme = factories.ProgrammeFactory()
    participant = factories.ParticipantFactory()
    for number in range(1, 9):
        factories.RegistrationFactory(
            participant=participant,
            session=factories.SessionFactory(programme=programme, number=number),
            attended=True,
        )
    return participant, programme


def test_it_issues_one_certificate_when_eight_ask_at_once(qualified):
    participant, programme = qualified

    codes, errors = race(participant, programme)

    assert errors == []
    assert len(codes) == CALLERS and len(set(codes)) == 1
    assert Certificate.objects.count() == 1


def test_it_fails_without_the_lock_negative_control(qualified, monkeypatch):
    participant, programme = qualified
    slow_progress = services.progress_of

    def progress_after_a_pause(**kwargs):
        time.sleep(0.2)
        return slow_progress(**kwargs)

    monkeypatch.setattr(services, "_lock_participant", lambda pk: None)
    monkeypatch.setattr(services, "progress_of", progress_after_a_pause)

    codes, errors = race(participant, programme)

    assert any("one_certificate_per_programme" in error for error in errors)
    assert Certificate.objects.count() == 1
