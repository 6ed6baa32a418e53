"""A programme message to its past participants (everyone marked as attending a session
of it, each once) and to the leaders of chosen organisations only; the preview shows
exactly those, and the sent emails reach exactly those."""

import uuid

import pytest
from django.urls import reverse

from notifications.models import Email
from tests import factories


def url(programme):
    return reverse("coordination:programme_message", args=[programme.slug])


def fields(**extra):
    return {
        "subject": "Nettverksmøte",
        "body": "Velkommen tilbake.",
        "token": uuid.uuid4().hex,
        **extra,
    }


@pytest.fixture
def past(programme):
    """Ada attended two sessions, Bo one; Cia registered but did not attend; Dan attended
    another programme only."""
    days = [factories.SessionFactory(programme=programme, number=n) for n in (1, 2)]
    people = {
        name: factories.ParticipantFactory(full_name=name)
        for name in ("Ada Alumna", "Bo Berg", "Cia Ikke-møtt", "Dan Annet")
    }
    for day in days:
        factories.RegistrationFactory(session=day, participant=people["Ada Alumna"], attended=True)
    factories.RegistrationFactory(session=days[0], participant=people["Bo Berg"], attended=True)
    factories.RegistrationFactory(
        session=days[1], participant=people["Cia Ikke-møtt"], attended=False
    )
    other = factories.SessionFactory()
    factories.RegistrationFactory(session=other, participant=people["Dan Annet"], attended=True)
    return people


def sent_to():
    return sorted(e.recipient.participant.full_name for e in Email.objects.filter(kind="message"))


def test_past_participants_are_previewed_and_sent_once_each(
    coordinator_client, programme, past, django_capture_on_commit_callbacks
):
    page = coordinator_client.post(url(programme), fields(audience="past")).content.decode()
    assert "Det går til 2 personer." in page
    assert "Ada Alumna" in page and "Bo Berg" in page
    assert "Cia Ikke-møtt" not in page and "Dan Annet" not in page
    assert "har deltatt på en samling" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url(programme), fields(audience="past", send="1"))
    assert sent_to() == ["Ada Alumna", "Bo Berg"]


def test_leaders_of_chosen_organisations_only(
    coordinator_client, programme, django_capture_on_commit_callbacks
):
    chosen, other = (factories.EnrolmentFactory(programme=programme) for _ in range(2))
    mine = factories.LeaderFactory(full_name="Liv Valgt", organisation=chosen.organisation)
    factories.LeaderFactory(full_name="Ola Annen", organisation=other.organisation)
    data = fields(audience="leaders", organisations=[chosen.organisation.pk])
    page = coordinator_client.post(url(programme), data).content.decode()
    assert "Det går til 1 person." in page and "Liv Valgt" in page and "Ola Annen" not in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url(programme), {**data, "send": "1"})
    assert sent_to() == [mine.full_name]


def test_organisations_go_with_leaders_only_and_from_the_programme(
    coordinator_client, programme, past
):
    enrolment = factories.EnrolmentFactory(programme=programme)
    text = coordinator_client.post(
        url(programme), fields(audience="past", organisations=[enrolment.organisation.pk])
    ).content.decode()
    assert "Kommuner og enheter kan bare velges for en melding til ledere." in text
    outside = factories.OrganisationFactory()  # not in the programme
    text = coordinator_client.post(
        url(programme), fields(audience="leaders", organisations=[outside.pk])
    ).content.decode()
    assert "Velg kommuner eller enheter fra listen." in text
    assert not Email.objects.exists()


def test_nobody_attended_yet_says_so(coordinator_client, programme):
    text = coordinator_client.post(url(programme), fields(audience="past")).content.decode()
    assert "Ingen har møtt på en samling i programmet ennå" in text
