"""The form sent twice at once, each submit on its own PostgreSQL connection: one answer.

The negative control takes the unique constraint away (and pauses between the check and
the insert) and shows two answers get in: the test above it can fail."""

import threading
import time

import pytest
from django.db import connection

from evaluations import services
from evaluations.models import Respondent, Response
from tests import factories

from .conftest import add_questions, attend, ended_session

SUBMITS = 2


def race(session, participant, question):
    barrier = threading.Barrier(SUBMITS)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(
                services.submit_evaluation(
                    participant=participant, session=session, answers={question: 5}
                )
            )
        except Exception as exc:  # noqa: BLE001 - every error is a test failure
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(SUBMITS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a submit hung"
    return results, errors


@pytest.fixture
def setting(transactional_db):
    programme = factories.ProgrammeFactory()
    question = add_questions(programme)[0]
    session = ended_session(programme=programme)
    participant = factories.ParticipantFactory()
    attend(session, participant)
    return session, participant, question


@pytest.fixture
def slow_check(monkeypatch):
    """Both submits pass the check before either inserts."""
    check = services.already_answered

    def slow(**kwargs):
        answered = check(**kwargs)
        time.sleep(0.5)
        return answered

    monkeypatch.setattr(services, "already_answered", slow)


def test_a_double_submit_at_once_stores_one_answer(setting, slow_check):
    session, participant, question = setting
    results, errors = race(session, participant, question)
    assert errors == []
    assert sorted(results) == [False, True]
    assert Respondent.objects.filter(session=session).count() == 1
    assert Response.objects.filter(session=session).count() == 1


def test_without_the_unique_constraint_the_double_submit_stores_two(setting, slow_check):
    session, participant, question = setting
    constraint = next(c for c in Respondent._meta.constraints if c.name.startswith("one_"))
    with connection.schema_editor() as editor:
        editor.remove_constraint(Respondent, constraint)
    try:
        results, errors = race(session, participant, question)
        assert errors == []
        assert results == [True, True]
        assert Response.objects.filter(session=session).count() == 2
    finally:
        Respondent.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Respondent, constraint)
