"""Inviting to a network meeting with one action: everyone who attended at least one
training day of the chosen programme (or of chosen organisations), each person once
however often it is sent, after a preview of the email and its recipients."""

import re

import pytest
from django.urls import reverse

from notifications.models import Email
from programme.models import Session
from tests import factories


@pytest.fixture
def network_meeting(programme):
    return factories.SessionFactory(
        programme=programme, kind=Session.Kind.NETWORK_MEETING, number=1, title="Nettverksmøte"
    )


@pytest.fixture
def alumni(programme):
    """Three who attended a training day (two of one organisation), one who registered
    but did not attend, one who attended a leader gathering only."""
    day = factories.SessionFactory(programme=programme, number=1)
    gathering = factories.LeaderGatheringFactory(programme=programme, number=1)
    gjovik = factories.OrganisationFactory(name="Gjøvik kommune")
    hamar = factories.OrganisationFactory(name="Hamar kommune")
    people = {
        "ada": factories.ParticipantFactory(full_name="Ada Alumna", organisation=gjovik),
        "bo": factories.ParticipantFactory(full_name="Bo Bruker", organisation=gjovik),
        "cia": factories.ParticipantFactory(full_name="Cia Cecilie", organisation=hamar),
        "dan": factories.ParticipantFactory(full_name="Dan Deltok-ikke", organisation=hamar),
        "eva": factories.LeaderFactory(full_name="Eva Leder", organisation=hamar),
    }
    for key in ("ada", "bo", "cia"):
        factories.RegistrationFactory(session=day, participant=people[key], attended=True)
    factories.RegistrationFactory(session=day, participant=people["dan"], attended=False)
    factories.RegistrationFactory(session=gathering, participant=people["eva"], attended=True)
    return {"people": people, "gjovik": gjovik, "hamar": hamar}


def url(session):
    return reverse("coordination:invite", args=[session.pk])


def form(client, session, **extra):
    page = client.get(url(session))
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page.content.decode()).group(1)
    return {
        "programme": session.programme.pk,
        "subject": "Invitasjon til nettverksmøte",
        "body": "Velkommen til nettverksmøte.\n\nMeld deg på via lenken.",
        "token": token,
        **extra,
    }


def test_the_preview_shows_the_email_and_its_recipients_and_sends_nothing(
    coordinator_client, network_meeting, alumni, mailoutbox
):
    response = coordinator_client.post(
        url(network_meeting), form(coordinator_client, network_meeting)
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Det går til 3 personer." in text
    assert "Ada Alumna" in text and "Cia Cecilie" in text
    assert "Dan Deltok-ikke" not in text and "Eva Leder" not in text
    assert "Hei Ada Alumna" in text or "Ada Alumna" in text
    assert "deltok på minst én opplæringsdag" in text
    assert Email.objects.count() == 0


def test_sending_invites_each_person_once(coordinator_client, network_meeting, alumni, mailoutbox):
    data = form(coordinator_client, network_meeting, send="1")
    response = coordinator_client.post(url(network_meeting), data)
    assert response.status_code == 302
    emails = Email.objects.filter(session=network_meeting)
    assert sorted(e.recipient.participant.full_name for e in emails) == [
        "Ada Alumna",
        "Bo Bruker",
        "Cia Cecilie",
    ]
    assert network_meeting.get_absolute_url() in emails[0].body_text
    # again, with a new token and another text: nobody gets a second invitation
    again = form(coordinator_client, network_meeting, send="1", subject="Påminnelse")
    response = coordinator_client.post(url(network_meeting), again)
    assert response.status_code == 200
    assert "Alle i denne gruppen er allerede invitert eller påmeldt." in response.content.decode()
    assert Email.objects.filter(session=network_meeting).count() == 3


def test_chosen_organisations_narrow_it_and_registered_people_are_left_out(
    coordinator_client, network_meeting, alumni
):
    factories.RegistrationFactory(session=network_meeting, participant=alumni["people"]["bo"])
    data = form(coordinator_client, network_meeting, send="1", organisations=[alumni["gjovik"].pk])
    coordinator_client.post(url(network_meeting), data)
    names = [
        e.recipient.participant.full_name for e in Email.objects.filter(session=network_meeting)
    ]
    assert names == ["Ada Alumna"]


def test_bad_input_gets_norwegian_messages(coordinator_client, network_meeting, alumni):
    data = form(coordinator_client, network_meeting, programme="999999", subject="")
    text = coordinator_client.post(url(network_meeting), data).content.decode()
    assert "Velg programmet som deltakerne skal inviteres fra." in text
    assert "Skriv et emne." in text
    data = form(coordinator_client, network_meeting, organisations=["abc"])
    text = coordinator_client.post(url(network_meeting), data).content.decode()
    assert "Velg kommuner eller enheter fra listen." in text
    assert Email.objects.count() == 0


def test_only_network_meetings_and_only_coordinators(
    client, login, leader, coordinator_client, programme, network_meeting
):
    training_day = factories.SessionFactory(programme=programme, number=5)
    assert coordinator_client.get(url(training_day)).status_code == 404
    assert coordinator_client.get(url(network_meeting)).status_code == 200
    client.logout()
    assert client.get(url(network_meeting)).status_code == 302
    assert login(leader).get(url(network_meeting)).status_code == 404
