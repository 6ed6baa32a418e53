"""A coordinator's message to a whole programme: the leaders of its participating units,
or everyone registered for a coming session; each person once, once per message, and
Norwegian answers to bad input. Nobody but a coordinator may send one."""

import datetime as dt
import re
import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications.models import Email
from participants.models import Registration
from tests import factories


@pytest.fixture
def enrolled(programme, organisation):
    return factories.EnrolmentFactory(programme=programme, organisation=organisation)


@pytest.fixture
def coming(programme):
    return factories.SessionFactory.create_batch(3, programme=programme)


@pytest.fixture
def ended(programme):
    started = timezone.now() - dt.timedelta(days=3)
    return factories.SessionFactory(
        programme=programme,
        starts_at=started,
        ends_at=started + dt.timedelta(hours=6),
        registration_deadline=started - dt.timedelta(days=7),
    )


def message_url(programme):
    return reverse("coordination:programme_message", args=[programme.slug])


@pytest.fixture
def send(coordinator_client, programme, django_capture_on_commit_callbacks):
    """send(fields): the coordinator posts the form; what waits for the commit runs (the
    sending job, then the emails), so the emails reach `mailoutbox`. With follow=True the
    answer is the job's page, opened once the job has run."""

    def _send(fields, follow=False, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(message_url(programme), fields, **kwargs)
        if follow and response.status_code == 302:
            response = coordinator_client.get(response["Location"])
        return response

    return _send


def form(**fields):
    return {
        "audience": "leaders",
        "subject": "Husk framdriftsrapporten",
        "body": "Send framdriftsrapporten før ledersamling 2.\n\nVel møtt!",
        "token": uuid.uuid4().hex,
        "send": "1",  # past the preview (tests/coordination/test_message_preview.py)
        **fields,
    }


def everyone(**fields):
    return form(audience="registered", **fields)


def recipients() -> list[str]:
    return sorted(Email.objects.filter(kind=Email.Kind.MESSAGE).values_list("to_email", flat=True))


def register(participant, session, status=Registration.Status.CONFIRMED):
    return factories.RegistrationFactory(participant=participant, session=session, status=status)


# -- leaders ----------------------------------------------------------------------------------


def test_it_sends_it_to_the_confirmed_leader_of_an_enrolled_organisation(
    send, programme, enrolled, leader
):
    send(form())
    assert recipients() == [leader.user.email]


def test_it_leaves_out_the_leader_of_an_organisation_not_enrolled(
    send, programme, enrolled, leader, other_leader
):
    send(form())
    assert recipients() == [leader.user.email]


def test_it_leaves_out_a_leader_enrolled_in_another_programme_only(
    send, programme, enrolled, leader, other_leader
):
    factories.EnrolmentFactory(organisation=other_leader.organisation)
    send(form())
    assert recipients() == [leader.user.email]


def test_it_leaves_out_an_unconfirmed_leader(send, programme, enrolled, organisation, leader):
    factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    send(form())
    assert recipients() == [leader.user.email]


def test_it_leaves_out_the_service_workers_of_an_enrolled_organisation(
    send, programme, enrolled, leader, service_worker, coming
):
    register(service_worker, coming[0])
    send(form())
    assert recipients() == [leader.user.email]


# -- everyone registered ----------------------------------------------------------------------


def test_it_reaches_a_person_with_three_registrations_once(
    send, programme, service_worker, coming, mailoutbox
):
    for session in coming:
        register(service_worker, session)
    response = send(everyone(), follow=True)
    assert [m.to for m in mailoutbox] == [[service_worker.user.email]]
    assert "Meldingen er på vei til 1 person." in response.content.decode()


def test_it_reaches_everyone_confirmed_for_a_coming_session(
    send, programme, service_worker, other_service_worker, leader, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, coming[1])
    register(leader, coming[2])
    send(everyone())
    assert recipients() == sorted(
        p.user.email for p in (service_worker, other_service_worker, leader)
    )


def test_it_leaves_out_the_waiting_lists_unless_asked(
    send, programme, service_worker, other_service_worker, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, coming[0], Registration.Status.WAITLISTED)
    send(everyone())
    assert recipients() == [service_worker.user.email]


def test_it_reaches_the_waiting_lists_when_asked(
    send, programme, service_worker, other_service_worker, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, coming[0], Registration.Status.WAITLISTED)
    send(everyone(include_waitlisted="on"))
    assert recipients() == sorted([service_worker.user.email, other_service_worker.user.email])


def test_it_never_reaches_a_cancelled_registration(
    send, programme, service_worker, other_service_worker, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, coming[0], Registration.Status.CANCELLED)
    send(everyone(include_waitlisted="on"))
    assert recipients() == [service_worker.user.email]


def test_it_leaves_out_people_registered_only_for_ended_sessions(
    send, programme, service_worker, other_service_worker, coming, ended
):
    register(service_worker, coming[0])
    register(other_service_worker, ended)
    send(everyone(include_waitlisted="on"))
    assert recipients() == [service_worker.user.email]


def test_it_leaves_out_people_registered_only_for_a_cancelled_session(
    send, programme, service_worker, other_service_worker, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, coming[1])
    coming[1].is_cancelled = True
    coming[1].save()
    send(everyone())
    assert recipients() == [service_worker.user.email]


def test_it_leaves_out_people_registered_for_another_programme(
    send, programme, service_worker, other_service_worker, coming
):
    register(service_worker, coming[0])
    register(other_service_worker, factories.SessionFactory())
    send(everyone())
    assert recipients() == [service_worker.user.email]


# -- what the email says ----------------------------------------------------------------------


def test_the_email_greets_by_name_links_to_the_programme_and_names_nobody_else(
    send, programme, enrolled, leader, organisation, mailoutbox
):
    factories.LeaderFactory(organisation=organisation, full_name="Per Nestleder")
    send(form())
    lise = next(m for m in mailoutbox if m.to == [leader.user.email])
    assert lise.subject == "Husk framdriftsrapporten"
    assert lise.body.startswith("Hei Lise Leder,")
    assert "Send framdriftsrapporten før ledersamling 2.\n\nVel møtt!" in lise.body
    assert settings.SITE_URL + programme.get_absolute_url() in lise.body
    assert "Per Nestleder" not in lise.body
    assert "Kari Koordinator" not in lise.body


def test_the_footer_says_a_leader_gets_it_as_leader_of_an_enrolled_unit(
    send, programme, enrolled, leader, mailoutbox
):
    send(form())
    assert (
        f"Du får denne e-posten fordi du er bekreftet leder for Gjøvik kommune, som deltar i "
        f"{programme.name} i Familiestøtte." in " ".join(mailoutbox[0].body.split())
    )


def test_the_footer_says_a_registered_person_gets_it_for_a_coming_session(
    send, programme, service_worker, coming, mailoutbox
):
    register(service_worker, coming[0])
    send(everyone())
    assert (
        f"Du får denne e-posten fordi du er påmeldt en kommende samling i {programme.name} "
        "i Familiestøtte." in " ".join(mailoutbox[0].body.split())
    )


# -- once per message, and bad input ---------------------------------------------------------


def test_it_records_nothing_more_when_the_same_form_comes_twice(
    send, programme, enrolled, leader, organisation
):
    factories.LeaderFactory(organisation=organisation)
    sent = form()
    send(sent)
    response = send(sent, follow=True)
    assert response.status_code == 200
    assert Email.objects.filter(kind=Email.Kind.MESSAGE).count() == 2


def test_it_sends_the_same_form_to_a_second_programme_as_a_message_of_its_own(
    coordinator_client, send, programme, enrolled, leader, django_capture_on_commit_callbacks
):
    other = factories.ProgrammeFactory()
    factories.EnrolmentFactory(programme=other, organisation=leader.organisation)
    sent = form()
    send(sent)

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(message_url(other), sent)

    assert Email.objects.filter(kind=Email.Kind.MESSAGE, recipient=leader.user).count() == 2


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"subject": ""}, "subject", "Skriv et emne."),
        ({"body": "  "}, "body", "Skriv meldingen."),
        ({"subject": "x" * 151}, "subject", "Emnet kan ha høyst 150 tegn."),
        ({"body": "x" * 5001}, "body", "Meldingen kan ha høyst 5000 tegn."),
        ({"audience": ""}, "audience", "Velg hvem som skal få meldingen."),
        ({"audience": "everybody"}, "audience", "Velg hvem som skal få meldingen."),
        (
            {"token": "not-a-token"},
            "__all__",
            "Skjemaet er utdatert. Last inn siden på nytt og prøv igjen.",
        ),
    ],
)
def test_it_answers_bad_input_in_norwegian_on_the_field_and_records_nothing(
    send, programme, enrolled, leader, fields, field, error
):
    response = send(form(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert error in response.content.decode()
    assert not Email.objects.exists()


def test_it_refuses_leaders_when_no_enrolled_unit_has_a_confirmed_leader(
    send, programme, enrolled, organisation, other_leader
):
    factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    response = send(form())
    assert response.context["form"].errors["audience"] == [
        "Ingen deltakende enhet i programmet har en bekreftet leder, så ingen ville fått meldingen."
    ]
    assert not Email.objects.exists()


def test_it_refuses_everyone_registered_when_nobody_is_registered_for_a_coming_session(
    send, programme, service_worker, ended, enrolled, leader
):
    register(service_worker, ended)
    response = send(everyone())
    assert response.context["form"].errors["audience"] == [
        "Ingen er påmeldt en kommende samling i programmet, så ingen ville fått meldingen."
    ]
    assert not Email.objects.exists()


# -- who may, and the page --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["service_worker", "leader", "other_leader"])
def test_it_answers_404_to_anyone_who_is_not_a_coordinator(
    request, login, programme, enrolled, leader, persona
):
    client = login(request.getfixturevalue(persona))
    assert client.get(message_url(programme)).status_code == 404
    assert client.post(message_url(programme), form()).status_code == 404
    assert not Email.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, programme, enrolled, leader):
    response = client.post(message_url(programme), form())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Email.objects.exists()


def test_it_answers_404_to_an_unknown_programme(coordinator_client, db):
    url = reverse("coordination:programme_message", args=["finnes-ikke"])
    assert coordinator_client.get(url).status_code == 404


def test_it_lists_the_messages_sent_to_the_programme(
    coordinator_client, send, programme, enrolled, leader, organisation
):
    factories.LeaderFactory(organisation=organisation)
    send(form())
    page = coordinator_client.get(message_url(programme)).content.decode()
    assert re.search(
        r"<td>Husk framdriftsrapporten</td>.*?<td>Kari Koordinator</td><td>2</td>", page, re.S
    )


def test_it_lists_no_message_sent_to_one_of_its_sessions(
    coordinator_client, programme, service_worker, coming
):
    register(service_worker, coming[0])
    session_url = reverse("coordination:message", args=[coming[0].pk])
    coordinator_client.post(session_url, form(subject="Bare til samlingen"))
    assert recipients() == [service_worker.user.email]
    page = coordinator_client.get(message_url(programme)).content.decode()
    assert "Bare til samlingen" not in page
    assert "Ingen meldinger er sendt ennå." in page


def test_the_coordinator_page_links_to_the_form_for_each_programme(coordinator_client, programme):
    other = factories.ProgrammeFactory()
    page = coordinator_client.get(reverse("coordination:home")).content.decode()
    assert f'href="{message_url(programme)}"' in page
    assert f'href="{message_url(other)}"' in page


def sent_before(programme, sender, count):
    """`count` messages already sent to the programme, each to two people."""
    for _ in range(count):
        token = uuid.uuid4().hex
        for n in range(2):
            Email.objects.create(
                key=f"message:{token}:programme:{programme.pk}:person:{n}",
                kind=Email.Kind.MESSAGE,
                to_email=f"p{n}@example.no",
                concerns=programme,
                subject="Tidligere melding",
                data={"message": token, "sender": sender.full_name},
            )


def grow(programme, times):
    """`times` enrolled organisations with a leader, and `times` people registered."""
    session = factories.SessionFactory(programme=programme)
    for _ in range(times):
        enrolment = factories.EnrolmentFactory(programme=programme)
        factories.LeaderFactory(organisation=enrolment.organisation)
        factories.RegistrationFactory(session=session)
        factories.RegistrationFactory(session=session, status=Registration.Status.WAITLISTED)


def test_its_query_count_stays_the_same_with_ten_times_the_data(
    coordinator_client, coordinator, programme, assert_queries
):
    # 1 auth session, 2 user with the coordinator's participant row (permission check),
    # 3 the programme by slug, 4 how many each group reaches, 5 the messages sent,
    # 6 the programme's organisations (the leaders' choice)
    for more, total in ((1, 1), (9, 10)):
        grow(programme, more)
        sent_before(programme, coordinator, more)
        with assert_queries(6):
            response = coordinator_client.get(message_url(programme))
        assert response.context["counts"] == {
            "leaders": total,
            "registered": total,
            "waiting": total,
            "past": 0,
        }
        assert len(response.context["sent"]) == total
