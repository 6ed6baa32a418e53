"""A session's list of hundreds of people: searchable by name, email or organisation,
and at most 100 rows a section until «Vis alle»; the page reads in the same number of
queries with 3 and with 130 people."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


def url(session):
    return reverse("coordination:session", args=[session.pk])


def crowd(session, n):
    return [
        factories.RegistrationFactory(
            session=session, participant=factories.ParticipantFactory(full_name=f"Person {i:03d}")
        )
        for i in range(n)
    ]


def test_a_long_section_shows_the_first_hundred_then_all_on_asking(coordinator_client, session):
    session.capacity = 500
    session.save()
    crowd(session, 130)
    page = coordinator_client.get(url(session)).content.decode()
    assert "Påmeldt (130)" in page
    assert "De første 100 av 130 vises." in page and "alle=1" in page
    everything = coordinator_client.get(url(session), {"alle": "1"}).content.decode()
    assert "De første 100" not in everything
    assert everything.count("Person 1") > page.count("Person 1")


def test_the_search_narrows_every_section(coordinator_client, session):
    session.capacity = 500
    session.save()
    crowd(session, 5)
    kari = factories.RegistrationFactory(
        session=session,
        participant=factories.ParticipantFactory(
            full_name="Kari Nordmann",
            organisation=factories.OrganisationFactory(name="Lesja kommune"),
        ),
    )
    page = coordinator_client.get(url(session), {"q": "lesja"}).content.decode()
    assert "1 person passer med «lesja»." in page
    assert kari.participant.full_name in page and "Person 001" not in page
    empty = coordinator_client.get(url(session), {"q": "finnesikke"}).content.decode()
    assert "Person 001" not in empty and "Kari Nordmann" not in empty


def test_the_page_costs_the_same_queries_at_any_length(coordinator_client, session, assert_queries):
    session.capacity = 500
    session.save()
    crowd(session, 3)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url(session))
    crowd(session, 127)
    with assert_queries(len(few)):
        coordinator_client.get(url(session))
