"""What is stored cannot be joined back to a person: the tables themselves, inspected."""

import uuid

from django.db import connection

from evaluations import services
from evaluations.models import Answer, Respondent, Response
from privacy.services import delete_account
from tests import factories

from .conftest import attend


def columns(model):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name: column.type_code for column in description}


def type_names(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            [model._meta.db_table],
        )
        return dict(cursor.fetchall())


def test_the_answers_tables_hold_no_person_and_no_time(db):
    assert type_names(Response) == {"id": "uuid", "session_id": "bigint"}
    assert type_names(Answer) == {
        "id": "uuid",
        "response_id": "uuid",
        "question_id": "bigint",
        "rating": "smallint",
        "text": "text",
    }


def test_the_respondents_table_holds_who_and_nothing_else(db):
    assert type_names(Respondent) == {
        "id": "uuid",
        "participant_id": "bigint",
        "session_id": "bigint",
    }


def test_no_foreign_key_leads_from_the_answers_to_a_person_or_the_respondents(db):
    with connection.cursor() as cursor:
        for model in (Response, Answer):
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
            targets = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
            assert targets <= {"programme_session", "evaluations_response", "evaluations_question"}


def test_primary_keys_are_random_so_they_carry_no_order(training_day, questions):
    people = factories.ParticipantFactory.create_batch(3)
    for person in people:
        attend(training_day, person)
        services.submit_evaluation(
            participant=person, session=training_day, answers={questions[0]: 3}
        )
    for model in (Respondent, Response, Answer):
        keys = list(model.objects.values_list("pk", flat=True))
        assert len(keys) == 3
        assert all(isinstance(key, uuid.UUID) and key.version == 4 for key in keys)
    assert not any(
        connection.introspection.get_sequences(connection.cursor(), m._meta.db_table)
        for m in (Respondent, Response, Answer)
    )


def test_deleting_the_account_unlinks_that_they_answered_and_keeps_the_answers(
    training_day, questions, attendee
):
    services.submit_evaluation(
        participant=attendee, session=training_day, answers={questions[0]: 2}
    )
    delete_account(user=attendee.user)
    # That somebody answered stays for the response rate, held by the anonymous
    # stand-in of the deleted person (privacy.anonymisation).
    [respondent] = Respondent.objects.select_related("participant")
    assert respondent.participant.is_anonymised
    assert respondent.participant_id != attendee.pk
    assert list(Answer.objects.values_list("rating", flat=True)) == [2]
