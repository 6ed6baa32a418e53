"""Supervision groups: the group page for its members, its supervisor and coordinators
(404 for anyone else), and its meetings open to its members only."""

import pytest
from django.urls import reverse

from participants.models import Registration
from registrations import services
from registrations.services import RegistrationError
from tests import factories


def test_a_member_sees_the_supervisor_the_meetings_and_the_members(
    login, service_worker, supervision_group
):
    page = login(service_worker).get(supervision_group.get_absolute_url()).content.decode()
    assert "<h1>Veiledningsgruppe Gjøvik</h1>" in page
    assert "Vera Veileder" in page
    assert ">Veiledning</a>" in page
    assert '<h2 id="meetings-heading">Samlinger</h2>' in page
    assert f"Tor Tjenesteutøver, {service_worker.organisation.name}" in page
    assert "administrasjonen" not in page


def test_its_supervisor_and_coordinators_see_it_too(
    login, supervisor, coordinator, supervision_group
):
    assert login(supervisor).get(supervision_group.get_absolute_url()).status_code == 200
    page = login(coordinator).get(supervision_group.get_absolute_url()).content.decode()
    assert "Tor Tjenesteutøver" in page


def test_anyone_else_gets_a_404(client, login, leader, other_service_worker, supervision_group):
    for person in (leader, other_service_worker):  # the leader is of the member's unit
        assert login(person).get(supervision_group.get_absolute_url()).status_code == 404
    missing = reverse("supervision:group", kwargs={"pk": supervision_group.pk + 1000})
    assert login(other_service_worker).get(missing).status_code == 404
    client.logout()
    assert client.get(supervision_group.get_absolute_url()).status_code == 302  # to the log-in page


def test_a_group_of_an_unpublished_programme_is_hidden_from_its_members(
    login, service_worker, coordinator, supervision_group
):
    supervision_group.programme.is_published = False
    supervision_group.programme.save()
    assert login(service_worker).get(supervision_group.get_absolute_url()).status_code == 404
    assert login(coordinator).get(supervision_group.get_absolute_url()).status_code == 200


def test_it_pins_the_queries_at_one_and_ten_times_the_data(
    login, service_worker, supervision_group, assert_queries
):
    client = login(service_worker)
    # 1 django_session, 2 user with participant, 3 the group with supervisor and
    # programme, 4 members with their organisation, 5 meetings with venue.
    with assert_queries(5):
        assert client.get(supervision_group.get_absolute_url()).status_code == 200
    for number in range(2, 11):
        supervision_group.meetings.add(
            factories.SupervisionMeetingFactory(
                programme=supervision_group.programme, number=number
            )
        )
        supervision_group.members.add(factories.ParticipantFactory())
    with assert_queries(5):
        page = client.get(supervision_group.get_absolute_url()).content.decode()
    assert page.count(">Veiledning</a>") == 10


def test_only_its_members_register_for_a_groups_meeting(
    service_worker, other_service_worker, coordinator, supervision_group
):
    session = supervision_group.meetings.get()
    assert services.register(participant=service_worker, session=session).status == (
        Registration.Status.CONFIRMED
    )
    with pytest.raises(RegistrationError) as refused:
        services.register(participant=other_service_worker, session=session)
    assert "for medlemmene i veiledningsgruppa" in refused.value.messages[0]
    # A coordinator may still add anyone by hand.
    added = services.register(
        participant=other_service_worker, session=session, actor=coordinator.user, force=True
    )
    assert added.pk is not None


def test_a_supervision_meeting_of_no_group_is_open_as_its_audience_says(
    programme, other_service_worker
):
    open_meeting = factories.SupervisionMeetingFactory(programme=programme, number=1)
    assert services.register(participant=other_service_worker, session=open_meeting).pk


def test_the_session_page_tells_an_outsider_instead_of_offering_registration(
    login, service_worker, other_service_worker, supervision_group
):
    session = supervision_group.meetings.get()
    outsider = login(other_service_worker).get(session.get_absolute_url()).content.decode()
    assert "Denne veiledningssamlingen er for medlemmene i veiledningsgruppa." in outsider
    register_url = reverse("registrations:register", kwargs={"pk": session.pk})
    assert register_url not in outsider
    member = login(service_worker).get(session.get_absolute_url()).content.decode()
    assert register_url in member
