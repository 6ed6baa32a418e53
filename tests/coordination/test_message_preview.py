"""Before a coordinator's message is sent, it is shown as it will be received (subject,
greeting, text, footer) with the number and the names of its recipients; nothing is
recorded until «Send»; «Change» goes back to the form with what was written."""

import uuid

import pytest
from django.urls import reverse

from notifications.models import Email
from participants.models import Registration
from tests import factories


@pytest.fixture
def people(session):
    confirmed = [
        factories.RegistrationFactory(
            session=session, participant=factories.ParticipantFactory(full_name=name)
        )
        for name in ("Ada Ansatt", "Bo Berg")
    ]
    waiting = factories.RegistrationFactory(
        session=session,
        participant=factories.ParticipantFactory(full_name="Vera Venter"),
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
    )
    return confirmed, waiting


def fields(**extra):
    return {
        "subject": "Endret rom",
        "body": "Vi er i sal 3.\n\nHusk lunsj.",
        "token": uuid.uuid4().hex,
        **extra,
    }


def test_the_session_message_is_shown_as_received_with_its_recipients(
    coordinator_client, session, people
):
    url = reverse("coordination:message", args=[session.pk])
    response = coordinator_client.post(url, fields())
    text = response.content.decode()
    assert response.status_code == 200
    assert "E-posten slik den blir mottatt" in text
    assert "Det går til 2 personer." in text
    assert "Ada Ansatt" in text and "Bo Berg" in text and "Vera Venter" not in text
    assert "Vi er i sal 3." in text and "Husk lunsj." in text
    assert Email.objects.count() == 0
    with_waiting = coordinator_client.post(url, fields(include_waitlisted="on")).content.decode()
    assert "Det går til 3 personer." in with_waiting and "Vera Venter" in with_waiting
    assert Email.objects.count() == 0


def test_change_goes_back_to_the_form_with_the_text(coordinator_client, session, people):
    url = reverse("coordination:message", args=[session.pk])
    response = coordinator_client.post(url, fields(edit="1"))
    text = response.content.decode()
    assert 'name="subject"' in text and 'value="Endret rom"' in text
    assert "E-posten slik den blir mottatt" not in text
    assert Email.objects.count() == 0


def test_the_preview_carries_what_was_written_to_send(coordinator_client, session, people):
    url = reverse("coordination:message", args=[session.pk])
    data = fields()
    page = coordinator_client.post(url, data).content.decode()
    assert f'value="{data["token"]}"' in page  # the hidden fields carry the same message
    response = coordinator_client.post(url, {**data, "send": "1"})
    assert response.status_code == 302
    assert Email.objects.filter(session=session).count() == 2


def test_the_programme_message_previews_its_leaders(
    coordinator_client, programme, leader, other_leader
):
    factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    url = reverse("coordination:programme_message", args=[programme.slug])
    response = coordinator_client.post(url, fields(audience="leaders"))
    text = response.content.decode()
    assert "Det går til 1 person." in text
    assert leader.full_name in text and other_leader.full_name not in text
    assert "bekreftet leder" in text  # the footer says why they get it
    assert Email.objects.count() == 0
