"""Managing the resource group: members from one's own staff, a contact person, meetings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resourcegroups import services
from resourcegroups.models import Membership
from tests import factories


def group_url(world, name="group", **kwargs):
    return reverse(f"resourcegroups:{name}", kwargs={"enrolment": world.own.enrolment.pk, **kwargs})


def test_it_adds_a_staff_member_to_the_group(login, leader, world):
    colleague = factories.ParticipantFactory(
        organisation=world.own.enrolment.organisation, full_name="Siri Sykepleier"
    )
    response = login(leader).post(group_url(world, "add_member"), {"participant": colleague.pk})
    assert response.status_code == 302
    assert world.own.group.memberships.filter(participant=colleague).exists()
    page = login(leader).get(group_url(world))
    assert "Siri Sykepleier" in page.content.decode()


def test_it_offers_only_own_staff_not_yet_in_the_group(login, leader, world):
    colleague = factories.ParticipantFactory(organisation=world.own.enrolment.organisation)
    form = login(leader).get(group_url(world)).context["member_form"]
    offered = set(form.fields["participant"].queryset)
    assert colleague in offered
    assert world.own.worker not in offered  # already a member
    assert world.other.worker not in offered


def test_it_answers_an_empty_choice_with_a_norwegian_message(login, leader, world):
    response = login(leader).post(group_url(world, "add_member"), {"participant": ""})
    assert response.status_code == 400
    assert "Feltet er påkrevet" in response.content.decode()


def test_it_refuses_a_member_from_another_organisation_in_the_service(world):
    with pytest.raises(ValidationError):
        services.add_member(enrolment=world.own.enrolment, participant=world.other.worker)
    assert not Membership.objects.filter(
        group=world.own.group, participant=world.other.worker
    ).exists()


def test_it_validates_the_membership_model_in_the_admin(world):
    membership = Membership(group=world.own.group, participant=world.other.worker)
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_it_removes_a_member_and_their_contact_role(login, leader, world):
    services.set_contact_person(enrolment=world.own.enrolment, participant=world.own.worker)
    response = login(leader).post(
        group_url(world, "remove_member", participant=world.own.worker.pk)
    )
    assert response.status_code == 302
    world.own.group.refresh_from_db()
    assert world.own.group.contact_person is None
    assert not world.own.group.memberships.filter(participant=world.own.worker).exists()


def test_it_makes_the_contact_person_a_member(login, leader, world):
    colleague = factories.ParticipantFactory(organisation=world.own.enrolment.organisation)
    login(leader).post(group_url(world, "contact"), {"contact_person": colleague.pk})
    world.own.group.refresh_from_db()
    assert world.own.group.contact_person == colleague
    assert world.own.group.memberships.filter(participant=colleague).exists()


def test_it_records_a_meeting_with_its_author(login, leader, world):
    response = login(leader).post(
        group_url(world, "add_meeting"),
        {"met_on": "2026-10-01", "notes": "Vi velger pårørendegruppe som første tilbud."},
    )
    assert response.status_code == 302
    meeting = world.own.group.meetings.get(met_on="2026-10-01")
    assert meeting.recorded_by == leader.user


def test_it_refuses_a_meeting_in_the_future_and_keeps_what_was_typed(login, leader, world):
    response = login(leader).post(
        group_url(world, "add_meeting"), {"met_on": "2999-01-01", "notes": "Planlagt møte."}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Registrer et møte når det har funnet sted." in content
    assert "Planlagt møte." in content


def test_it_warns_against_patient_information_on_the_group_page(login, service_worker, world):
    content = login(service_worker).get(group_url(world)).content.decode()
    assert "Ikke skriv noe om pasienter eller pårørende her" in content


def test_it_shows_the_service_worker_the_group_without_management_forms(
    login, service_worker, world
):
    response = login(service_worker).get(group_url(world))
    assert "member_form" not in response.context
    assert "meeting_form" in response.context  # a member may record a meeting


def test_it_answers_a_get_of_the_remove_member_action_with_405_not_500(login, leader, world):
    """The action takes a POST only; a GET fell through to the group page's get() and
    raised TypeError (a 500) before."""
    url = reverse(
        "resourcegroups:remove_member",
        kwargs={"enrolment": world.own.enrolment.pk, "participant": world.own.worker.pk},
    )
    response = login(leader).get(url)
    assert response.status_code == 405
    assert "Forespørselen kunne ikke leses" in response.content.decode()
    assert world.own.group.memberships.filter(participant=world.own.worker).exists()
