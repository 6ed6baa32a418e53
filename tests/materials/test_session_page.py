"""The session page lists its materials for those confirmed for it and coordinators; others
see how many there are and for whom, with no link to any of them."""

import pytest
from django.urls import reverse

from participants.models import Registration
from programme.models import Material
from tests import factories
from tests.fixtures.materials import file_material


@pytest.fixture
def materials(session, private_storage):
    return [
        file_material(session, title="Lysark dag 3", name="Lysark dag 3.pdf"),
        Material.objects.create(session=session, title="Veileder", url="https://example.no/v"),
    ]


def test_it_lists_the_materials_for_a_confirmed_participant(
    login, session, materials, service_worker
):
    factories.RegistrationFactory(session=session, participant=service_worker)
    html = login(service_worker).get(session.get_absolute_url()).text
    assert f'href="{reverse("materials:file", args=[session.pk, materials[0].pk])}"' in html
    assert "Lysark dag 3.pdf" in html
    assert 'href="https://example.no/v">Veileder</a>' in html


def test_it_lists_the_materials_for_a_coordinator(login, session, materials, coordinator):
    html = login(coordinator).get(session.get_absolute_url()).text
    assert reverse("materials:file", args=[session.pk, materials[0].pk]) in html


@pytest.mark.parametrize("who", ["anonymous", "not registered", "waitlisted"])
def test_it_says_whom_the_materials_are_for_to_anyone_else(
    client, login, session, materials, service_worker, who
):
    if who != "anonymous":
        client = login(service_worker)
    if who == "waitlisted":
        factories.RegistrationFactory(
            session=session,
            participant=service_worker,
            status=Registration.Status.WAITLISTED,
            confirmed_at=None,
        )
    html = client.get(session.get_absolute_url()).text
    assert "Samlingen har 2 materiell for dem som er påmeldt." in html
    assert "/materiell/" not in html
    assert "example.no/v" not in html and "Lysark" not in html


def test_it_shows_no_materials_heading_without_materials(client, session):
    assert 'id="materialer"' not in client.get(session.get_absolute_url()).text


def test_it_costs_a_confirmed_participant_one_query_for_the_materials(
    client, login, session, materials, service_worker, assert_queries
):
    factories.RegistrationFactory(session=session, participant=service_worker)
    url = session.get_absolute_url()
    with assert_queries(6):  # a visitor: the page's reads alone, none for the materials
        client.get(url)
    signed_in = login(service_worker)
    # the session row and the user with the participant (2), the page's reads (6, with its
    # talks), one for the materials (a confirmed registration for this session), the
    # registration panel
    with assert_queries(10):
        signed_in.get(url)
