"""Results for coordinators: counts always, the rest from five answers on; CSV export."""

import re

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Question
from tests import factories

from .conftest import add_questions, attend, ended_session


def answer(session, questions, n, *, start=0):
    for i in range(n):
        person = attend(session).participant
        services.submit_evaluation(
            participant=person,
            session=session,
            answers={questions[0]: 1 + (start + i) % 5, questions[2]: f"Kommentar {start + i}"},
        )


def results_url(session):
    return reverse("evaluations:results", args=[session.pk])


def test_below_five_answers_it_shows_only_the_counts(coordinator_client, training_day, questions):
    answer(training_day, questions, 4)
    attend(training_day)  # invited, not answered
    body = coordinator_client.get(results_url(training_day)).content.decode()
    assert '<dd class="col-sm-9" id="invited-count">5</dd>' in body
    assert '<dd class="col-sm-9" id="answered-count">4</dd>' in body
    assert "Resultatene vises når minst 5 har svart" in body
    assert "Kommentar 0" not in body
    assert "Gjennomsnitt" not in body


def test_below_five_answers_the_export_refuses_with_a_message(
    coordinator_client, training_day, questions
):
    answer(training_day, questions, 4)
    url = reverse("evaluations:results_csv", args=[training_day.pk])
    response = coordinator_client.get(url, follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "Resultatene kan lastes ned når minst 5 har svart." in response.content.decode()


def test_from_five_answers_it_shows_averages_distribution_and_comments(
    coordinator_client, training_day, questions
):
    answer(training_day, questions, 5)  # ratings 1, 2, 3, 4, 5
    body = coordinator_client.get(results_url(training_day)).content.decode()
    assert "Gjennomsnitt 3,0 av 5, fra 5 svar." in body
    assert body.count("<td>1</td><td>20 %</td>") == 5
    assert '<svg class="chart"' in body and "<desc" in body
    assert all(f"<li>Kommentar {i}</li>" in body for i in range(5))
    assert "Hvordan var lokalet?" not in body  # a leader gatherings' question


def test_the_csv_export(coordinator_client, training_day, questions):
    answer(training_day, questions, 6)  # ratings 1..5 and 1 again
    url = reverse("evaluations:results_csv", args=[training_day.pk])
    response = coordinator_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Spørsmål;Svar;Gjennomsnitt;1;2;3;4;5;Kommentar"
    assert lines[1] == "Hvor fornøyd er du?;6;2,67;2;1;1;1;1;"
    assert "Hva kan bli bedre?;;;;;;;;Kommentar 5" in lines


@pytest.mark.parametrize("who", ["service_worker", "leader", "attendee"])
def test_only_coordinators_see_results(request, login, training_day, questions, who):
    answer(training_day, questions, 5)
    client = login(request.getfixturevalue(who))
    assert client.get(results_url(training_day)).status_code == 404
    assert client.get(reverse("evaluations:sessions")).status_code == 404
    csv_url = reverse("evaluations:results_csv", args=[training_day.pk])
    assert client.get(csv_url).status_code == 404


def test_a_session_that_is_not_evaluated_is_404(coordinator_client, programme):
    meeting = ended_session(programme=programme, factory=factories.SupervisionMeetingFactory)
    assert coordinator_client.get(results_url(meeting)).status_code == 404


@pytest.mark.parametrize("people", [5, 50])
def test_the_results_page_runs_a_fixed_number_of_queries(
    coordinator_client, training_day, questions, assert_queries, people
):
    answer(training_day, questions, people)
    # 1 Django's session row, 2 the user with their participant (prepared statement),
    # 3 the evaluated session with its programme, 4 invited, 5 answered,
    # 6 questions, 7 counts per rating, 8 comments.
    with assert_queries(8):
        response = coordinator_client.get(results_url(training_day))
    assert response.status_code == 200


@pytest.mark.parametrize("sessions", [2, 20])
def test_the_session_list_runs_a_fixed_number_of_queries(
    coordinator_client, programme, assert_queries, sessions
):
    add_questions(programme)
    for day in range(sessions):
        session = ended_session(days_ago=day + 1, programme=programme)
        attend(session)
    # 1 Django's session row, 2 the user with their participant,
    # 3 the sessions with their programme and both counts.
    with assert_queries(3):
        response = coordinator_client.get(reverse("evaluations:sessions"))
    links = re.findall(r'href="/evaluering/resultater/\d+/"', response.content.decode())
    assert len(links) == sessions


def test_the_demo_ships_the_default_questions(demo):
    texts = list(Question.objects.values_list("text", flat=True))
    assert "Hva kan vi gjøre bedre neste gang?" in texts
    assert len(texts) == 7
