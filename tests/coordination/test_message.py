"""A coordinator's message to a session's participants: who gets it, what it says, once
per message, and Norwegian answers to bad input; nobody else may send one."""

import re
import uuid

import pytest
from django.urls import reverse

from notifications.models import Email
from participants.models import Registration
from tests import factories


@pytest.fixture
def session(programme):
    return factories.SessionFactory(programme=programme, title="Pårørendes rettigheter")


@pytest.fixture
def people(session):
    """Two registered, one waiting, one cancelled."""
    make = factories.RegistrationFactory
    return {
        "anne": make(session=session, participant__full_name="Anne Ask").participant,
        "bo": make(session=session, participant__full_name="Bo Berg").participant,
        "vera": make(
            session=session,
            participant__full_name="Vera Venter",
            status=Registration.Status.WAITLISTED,
        ).participant,
        "kai": make(
            session=session,
            participant__full_name="Kai Kansellert",
            status=Registration.Status.CANCELLED,
        ).participant,
    }


def message_url(session):
    return reverse("coordination:message", args=[session.pk])


def form(**fields):
    return {
        "subject": "Endret rom",
        "body": "Vi er i sal 3 i stedet.\n\nHusk lunsj.",
        "token": uuid.uuid4().hex,
        "send": "1",  # past the preview (tests/coordination/test_message_preview.py)
        **fields,
    }


def test_each_registered_person_gets_it_greeted_by_name_and_nobody_else_is_named(
    coordinator_client, session, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(message_url(session), form(), follow=True)

    assert "Meldingen er på vei til 2 personer." in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [people["anne"].user.email, people["bo"].user.email]
    )
    anne = next(m for m in mailoutbox if m.to == [people["anne"].user.email])
    assert anne.subject == "Endret rom"
    assert anne.body.startswith("Hei Anne Ask,")
    assert "Vi er i sal 3 i stedet.\n\nHusk lunsj." in anne.body
    assert session.get_absolute_url() in anne.body
    assert "Pårørendes rettigheter" in anne.body  # the footer says why
    assert "Bo Berg" not in anne.body
    html = anne.alternatives[0][0]
    assert "<p>Vi er i sal 3 i stedet.</p>" in html


def test_the_waiting_list_gets_it_only_when_asked(coordinator_client, session, people):
    coordinator_client.post(message_url(session), form(include_waitlisted="on"))
    recipients = set(
        Email.objects.filter(kind=Email.Kind.MESSAGE).values_list("to_email", flat=True)
    )
    assert people["vera"].user.email in recipients
    assert people["kai"].user.email not in recipients
    assert len(recipients) == 3


def test_sending_the_same_form_twice_sends_it_once(coordinator_client, session, people):
    sent = form()
    coordinator_client.post(message_url(session), sent)
    response = coordinator_client.post(message_url(session), sent, follow=True)
    assert response.status_code == 200
    assert Email.objects.filter(kind=Email.Kind.MESSAGE).count() == 2
    page = coordinator_client.get(message_url(session)).content.decode()
    assert re.search(r"<td>Endret rom</td>.*?<td>Kari Koordinator</td><td>2</td>", page, re.S)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"subject": ""}, "Skriv et emne."),
        ({"body": "  "}, "Skriv meldingen."),
        ({"subject": "x" * 151}, "Emnet kan ha høyst 150 tegn."),
        ({"token": "not-a-token"}, "Skjemaet er utdatert. Last inn siden på nytt og prøv igjen."),
    ],
)
def test_bad_input_is_answered_in_norwegian_and_sends_nothing(
    coordinator_client, session, people, fields, error
):
    response = coordinator_client.post(message_url(session), form(**fields))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Email.objects.filter(kind=Email.Kind.MESSAGE).exists()


def test_a_session_nobody_is_registered_for_is_refused(coordinator_client, programme):
    empty = factories.SessionFactory(programme=programme)
    response = coordinator_client.post(message_url(empty), form())
    assert "Ingen er påmeldt denne samlingen, så ingen ville fått meldingen." in (
        response.content.decode()
    )


def test_nobody_but_a_coordinator_may_send_one(
    login, client, leader, service_worker, session, people
):
    for person in (leader, service_worker):
        assert login(person).post(message_url(session), form()).status_code == 404
    client.logout()
    assert client.get(message_url(session)).status_code == 302
    assert not Email.objects.filter(kind=Email.Kind.MESSAGE).exists()


def test_the_form_page_and_the_session_list_link_to_each_other(coordinator_client, session):
    page = coordinator_client.get(message_url(session)).content.decode()
    assert 'name="token"' in page and "Ingen meldinger er sendt ennå." in page
    listing = coordinator_client.get(
        reverse("coordination:session", args=[session.pk])
    ).content.decode()
    assert f'href="{message_url(session)}"' in listing
