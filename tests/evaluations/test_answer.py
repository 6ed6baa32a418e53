"""The evaluation form: for those marked as attending only, once, while it is open."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Answer, Respondent, Response
from tests import factories

from .conftest import attend, ended_session


def url(session):
    return reverse("evaluations:answer", args=[session.pk])


def answers(questions, rating=4, text="Mer tid til gruppearbeid"):
    data = {}
    for question in questions:
        data[f"question_{question.pk}"] = rating if question.kind == "rating" else text
    return data


def test_it_shows_the_session_kinds_questions_to_an_attendee(login, attendee, training_day):
    response = login(attendee).get(url(training_day))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hvor fornøyd er du?" in body
    assert "Hva kan bli bedre?" in body
    assert "Hvordan var lokalet?" not in body  # asked after leader gatherings only
    assert "svært godt" in body  # the rating labels, in Norwegian


def test_it_stores_the_answers_and_says_thank_you(login, attendee, training_day, questions):
    client = login(attendee)
    response = client.post(url(training_day), answers(questions), follow=True)
    assert "Takk for svarene dine." in response.content.decode()
    assert Respondent.objects.filter(participant=attendee, session=training_day).count() == 1
    stored = Response.objects.get(session=training_day)
    assert sorted((a.question.text, a.rating, a.text) for a in stored.answers.all()) == [
        ("Hva kan bli bedre?", None, "Mer tid til gruppearbeid"),
        ("Hvor fornøyd er du?", 4, ""),
    ]


def test_an_answered_evaluation_says_so_and_takes_no_second_answer(
    login, attendee, training_day, questions
):
    client = login(attendee)
    client.post(url(training_day), answers(questions))
    response = client.post(url(training_day), answers(questions, rating=1))
    assert "Du har svart på denne evalueringen" in response.content.decode()
    assert "Send svarene mine" not in response.content.decode()
    assert Response.objects.count() == 1
    assert list(Answer.objects.exclude(rating=None).values_list("rating", flat=True)) == [4]


@pytest.mark.parametrize("attended", [False, None])
def test_it_is_404_for_someone_registered_who_did_not_attend(
    login, training_day, service_worker, attended
):
    attend(training_day, service_worker, attended=attended)
    assert login(service_worker).get(url(training_day)).status_code == 404


def test_it_is_404_for_someone_not_registered_and_for_a_coordinator(
    login, attendee, training_day, other_service_worker, coordinator
):
    assert login(other_service_worker).get(url(training_day)).status_code == 404
    assert login(coordinator).get(url(training_day)).status_code == 404


def test_it_is_404_for_a_cancelled_registration_marked_attended(
    login, training_day, service_worker
):
    attend(training_day, service_worker, status="cancelled")
    assert login(service_worker).get(url(training_day)).status_code == 404


def test_a_post_from_a_non_attendee_is_404_and_stores_nothing(
    login, attendee, training_day, questions, other_service_worker
):
    response = login(other_service_worker).post(url(training_day), answers(questions))
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_anonymous_visitors_go_to_the_log_in_page(client, attendee, training_day):
    response = client.get(url(training_day))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_it_is_404_for_a_supervision_meeting(login, programme, service_worker, questions):
    meeting = ended_session(factory=factories.SupervisionMeetingFactory, programme=programme)
    attend(meeting, service_worker)
    assert login(service_worker).get(url(meeting)).status_code == 404


def test_a_closed_evaluation_says_so_in_norwegian_and_takes_no_answer(
    login, programme, service_worker, questions
):
    old_day = ended_session(days_ago=31, programme=programme)
    attend(old_day, service_worker)
    client = login(service_worker)
    body = client.get(url(old_day)).content.decode()
    assert "Denne evalueringen ble stengt" in body
    client.post(url(old_day), answers(questions))
    assert not Respondent.objects.exists()


def test_it_opens_when_the_session_has_ended(login, programme, service_worker, questions):
    today = factories.SessionFactory(
        programme=programme,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=2),
        registration_deadline=timezone.now() - dt.timedelta(days=7),
    )
    attend(today, service_worker)
    body = login(service_worker).get(url(today)).content.decode()
    assert "Evalueringen åpner når samlingen er ferdig." in body


@pytest.mark.parametrize("bad", ["7", "0", "fire", ""])
def test_a_bad_rating_gets_a_norwegian_message_and_stores_nothing(
    login, attendee, training_day, questions, bad
):
    data = answers(questions)
    data[f"question_{questions[0].pk}"] = bad
    response = login(attendee).post(url(training_day), data)
    assert response.status_code == 200
    assert "Velg en vurdering fra 1 til 5." in response.content.decode()
    assert not Respondent.objects.exists()
    assert not Response.objects.exists()


def test_a_too_long_comment_gets_a_norwegian_message(login, attendee, training_day, questions):
    data = answers(questions, text="x" * 4001)
    response = login(attendee).post(url(training_day), data)
    assert "Svaret kan ha høyst 4000 tegn." in response.content.decode()
    assert not Response.objects.exists()


def test_an_optional_comment_may_be_left_empty(login, attendee, training_day, questions):
    login(attendee).post(url(training_day), answers(questions, text=""))
    assert list(Answer.objects.values_list("question__text", flat=True)) == ["Hvor fornøyd er du?"]
