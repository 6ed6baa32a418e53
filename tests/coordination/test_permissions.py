"""Only coordinators reach the coordinator area: everyone else gets 404, anonymous visitors
are sent to log in, and nothing changes when someone else tries a POST."""

import pytest
from django.urls import reverse

from participants.models import Registration
from programme.models import Material
from tests import factories


@pytest.fixture
def session(programme):
    return factories.SessionFactory(programme=programme, capacity=5)


@pytest.fixture
def registration(session, service_worker):
    return factories.RegistrationFactory(session=session, participant=service_worker)


@pytest.fixture
def material(session):
    return Material.objects.create(session=session, title="Veileder", url="https://example.no/v")


@pytest.fixture
def waiting(organisation):
    return factories.LeaderFactory(organisation=organisation, leader_confirmed=False)


def page_urls(session, registration, waiting, unconfirmed_member):
    material = Material.objects.get(session=session)
    return [
        reverse("coordination:members"),
        reverse("coordination:confirm_member", args=[unconfirmed_member.pk]),
        reverse("coordination:home"),
        reverse("coordination:start"),
        reverse("coordination:leaders"),
        reverse("coordination:confirm_leader", args=[waiting.pk]),
        reverse("coordination:turn_down_leader", args=[waiting.pk]),
        reverse("coordination:session", args=[session.pk]),
        reverse("coordination:add", args=[session.pk]),
        reverse("coordination:remove", args=[session.pk, registration.pk]),
        reverse("coordination:capacity", args=[session.pk]),
        reverse("coordination:attendance", args=[session.pk]),
        reverse("coordination:export_csv", args=[session.pk]),
        reverse("coordination:export_xlsx", args=[session.pk]),
        reverse("coordination:materials", args=[session.pk]),
        reverse("coordination:remove_material", args=[session.pk, material.pk]),
    ]


def test_it_shows_every_coordinator_page_to_a_coordinator(
    login, coordinator, session, registration, waiting, unconfirmed_member, material
):
    client = login(coordinator)
    for url in page_urls(session, registration, waiting, unconfirmed_member):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "persona",
    ["service_worker", "unconfirmed_member", "leader", "other_leader", "other_service_worker"],
)
def test_it_answers_404_to_anyone_who_is_not_a_coordinator(
    request, login, persona, session, registration, waiting, unconfirmed_member, material
):
    client = login(request.getfixturevalue(persona))
    for url in page_urls(session, registration, waiting, unconfirmed_member):
        assert client.get(url).status_code == 404, url


def test_it_answers_404_to_a_supervisor(
    login, session, registration, waiting, unconfirmed_member, material
):
    supervisor = factories.ParticipantFactory(role="supervisor", organisation=None)
    client = login(supervisor)
    for url in page_urls(session, registration, waiting, unconfirmed_member):
        assert client.get(url).status_code == 404, url


def test_it_sends_anonymous_visitors_to_log_in(
    client, session, registration, waiting, unconfirmed_member, material
):
    for url in page_urls(session, registration, waiting, unconfirmed_member):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
        assert "next=" in response["Location"]


def test_it_refuses_a_leaders_post_and_changes_nothing(
    login, leader, session, registration, waiting, unconfirmed_member, material
):
    client = login(leader)
    responses = [
        client.post(reverse("coordination:confirm_leader", args=[waiting.pk])),
        client.post(reverse("coordination:turn_down_leader", args=[waiting.pk])),
        client.post(reverse("coordination:confirm_member", args=[unconfirmed_member.pk])),
        client.post(reverse("coordination:capacity", args=[session.pk]), {"capacity": 99}),
        client.post(reverse("coordination:remove", args=[session.pk, registration.pk])),
        client.post(reverse("coordination:add", args=[session.pk]), {"participant": leader.pk}),
        client.post(
            reverse("coordination:attendance", args=[session.pk]),
            {f"attendance_{registration.pk}": "attended"},
        ),
        client.post(
            reverse("coordination:materials", args=[session.pk]),
            {"title": "Falsk", "url": "https://example.no/falsk"},
        ),
        client.post(reverse("coordination:remove_material", args=[session.pk, material.pk])),
    ]
    assert [r.status_code for r in responses] == [404] * 9
    assert list(Material.objects.values_list("title", flat=True)) == ["Veileder"]
    session.refresh_from_db()
    registration.refresh_from_db()
    assert session.capacity == 5
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attended is None
    assert not Registration.objects.filter(participant=leader).exists()
    waiting.refresh_from_db()
    assert (waiting.role, waiting.leader_confirmed) == ("leader", False)
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_at is None


def test_it_answers_404_for_a_registration_of_another_session(login, coordinator, programme):
    first, second = factories.SessionFactory.create_batch(2, programme=programme)
    registration = factories.RegistrationFactory(session=first)
    url = reverse("coordination:remove", args=[second.pk, registration.pk])
    assert login(coordinator).get(url).status_code == 404


def test_it_answers_404_for_a_session_that_does_not_exist(login, coordinator):
    url = reverse("coordination:session", args=[987654])
    assert login(coordinator).get(url).status_code == 404


def test_it_shows_the_coordinator_link_only_to_coordinators(login, coordinator, leader, db):
    url = reverse("coordination:home")
    assert f'href="{url}"' in login(coordinator).get(reverse("mypage:dashboard")).text
    assert f'href="{url}"' not in login(leader).get(reverse("mypage:dashboard")).text
