"""Who may reach what, for every participant-facing and leader-facing URL and every persona.

Objects outside one's organisation (or someone else's) answer 404; POSTs by the wrong
person change nothing; ids swapped into URLs and form fields are refused. The coordinator
area has its own tests (tests/coordination/test_permissions.py).

Objects: `mine` belong to the service worker of «Gjøvik kommune» (led by `leader`);
`unconfirmed_member` chose «Gjøvik kommune» and waits for a confirmation, so is no staff;
`other_leader` and `other_service_worker` are of «Lillehammer kommune».
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.models import Registration
from programme.models import Article, Material
from tests import factories
from tests.fixtures.materials import file_material

PERSONAS = [
    "service_worker",
    "unconfirmed_member",
    "leader",
    "other_leader",
    "other_service_worker",
    "coordinator",
    "anonymous",
]
ANYONE_SIGNED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}
LOG_IN = 302  # anonymous visitors are sent to log in


@pytest.fixture
def world(
    programme,
    service_worker,
    unconfirmed_member,
    leader,
    other_leader,
    other_service_worker,
    coordinator,
    private_storage,
):
    """Every object the table names, keyed by the name it uses."""
    session = factories.SessionFactory(programme=programme)
    hidden = factories.ProgrammeFactory(is_published=False)
    return {
        "programme": programme,
        "session": session,
        "material": file_material(session),
        "link_material": Material.objects.create(
            session=session, title="Veileder", url="https://example.no/veileder"
        ),
        "registration": factories.RegistrationFactory(session=session, participant=service_worker),
        "hidden_programme": hidden,
        "hidden_session": factories.SessionFactory(programme=hidden),
        "future_article": Article.objects.create(
            title="Kommer",
            slug="kommer",
            body="Ikke ennå.",
            published_at=timezone.now() + dt.timedelta(days=1),
        ),
        "service_worker": service_worker,
        "unconfirmed_member": unconfirmed_member,
    }


# name -> (url from the world, {persona: status}); a persona left out answers 404.
GET_TABLE = {
    "dashboard": (lambda w: reverse("mypage:dashboard"), ANYONE_SIGNED_IN),
    "profile": (lambda w: reverse("participants:profile"), ANYONE_SIGNED_IN),
    "registrations": (lambda w: reverse("registrations:mine"), ANYONE_SIGNED_IN),
    "my data": (lambda w: reverse("privacy:my_data"), ANYONE_SIGNED_IN),
    "my data download": (lambda w: reverse("privacy:my_data_download"), ANYONE_SIGNED_IN),
    "delete my account": (lambda w: reverse("privacy:delete_account"), ANYONE_SIGNED_IN),
    "cancel my registration": (
        lambda w: reverse("registrations:cancel", args=[w["registration"].pk]),
        {"service_worker": 200},
    ),
    "staff": (
        lambda w: reverse("registrations:staff"),
        {"leader": 200, "other_leader": 200},
    ),
    "register my staff member": (
        lambda w: reverse("registrations:register_staff", args=[w["service_worker"].pk]),
        {"leader": 200},
    ),
    "register a member not yet confirmed": (
        lambda w: reverse("registrations:register_staff", args=[w["unconfirmed_member"].pk]),
        {},
    ),
    "session page": (
        lambda w: reverse("programme:session", args=[w["session"].pk]),
        {p: 200 for p in PERSONAS},
    ),
    "session calendar": (
        lambda w: reverse("programme:session_ics", args=[w["session"].pk]),
        {p: 200 for p in PERSONAS},
    ),
    "unpublished session page": (
        lambda w: reverse("programme:session", args=[w["hidden_session"].pk]),
        {},
    ),
    "unpublished session calendar": (
        lambda w: reverse("programme:session_ics", args=[w["hidden_session"].pk]),
        {},
    ),
    "unpublished programme": (
        lambda w: reverse("programme:detail", args=[w["hidden_programme"].slug]),
        {},
    ),
    "unpublished article": (
        lambda w: reverse("programme:article", args=[w["future_article"].slug]),
        {},
    ),
    # Only those confirmed for the session and coordinators; 404 for anonymous visitors too.
    "material file": (
        lambda w: reverse("materials:file", args=[w["session"].pk, w["material"].pk]),
        {"service_worker": 200, "coordinator": 200},
    ),
    "material file under another session": (
        lambda w: reverse("materials:file", args=[w["hidden_session"].pk, w["material"].pk]),
        {},
    ),
    "a link material as a file": (
        lambda w: reverse("materials:file", args=[w["session"].pk, w["link_material"].pk]),
        {},
    ),
    "calendar feed with a wrong token": (
        lambda w: reverse("registrations:calendar_feed", args=["gjettet-token"]),
        {},
    ),
}
# Pages that need a signed-in person send anonymous visitors to log in, not 404.
NEEDS_LOG_IN = {
    "dashboard",
    "profile",
    "registrations",
    "my data",
    "my data download",
    "delete my account",
    "cancel my registration",
    "staff",
    "register my staff member",
    "register a member not yet confirmed",
}


def client_for(request, client, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona).user)
    return client


@pytest.mark.parametrize("name", list(GET_TABLE))
def test_it_answers_each_persona_as_the_table_says(request, world, name):
    url_of, allowed = GET_TABLE[name]
    url = url_of(world)
    answers = {}
    for persona in PERSONAS:
        expected = allowed.get(persona, 404)
        if persona == "anonymous" and name in NEEDS_LOG_IN:
            expected = LOG_IN
        response = client_for(request, Client(), persona).get(url)
        answers[persona] = (response.status_code, expected)
        if expected == LOG_IN:
            assert response["Location"].startswith(reverse("account_login"))
    assert {p: got for p, (got, _) in answers.items()} == {
        p: expected for p, (_, expected) in answers.items()
    }


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "service_worker"])
def test_it_lets_nobody_else_cancel_a_registration(request, client, world, persona):
    registration = world["registration"]
    url = reverse("registrations:cancel", args=[registration.pk])
    response = client_for(request, client, persona).post(url)
    assert response.status_code == (LOG_IN if persona == "anonymous" else 404)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert not registration.events.exists()


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "leader"])
def test_it_lets_only_their_leader_register_a_staff_member(request, client, world, persona):
    url = reverse("registrations:register_staff", args=[world["service_worker"].pk])
    other_session = factories.SessionFactory(programme=world["programme"])
    response = client_for(request, client, persona).post(url, {"session": other_session.pk})
    assert response.status_code == (LOG_IN if persona == "anonymous" else 404)
    assert not Registration.objects.filter(session=other_session).exists()


def test_it_refuses_a_leader_a_staff_member_of_another_organisation(
    login, world, leader, other_service_worker
):
    url = reverse("registrations:register_staff", args=[other_service_worker.pk])
    response = login(leader).post(url, {"session": world["session"].pk})
    assert response.status_code == 404
    assert not Registration.objects.filter(participant=other_service_worker).exists()


@pytest.mark.parametrize(
    "swapped",
    ["hidden_session", "leader_gathering", "other_programme_session"],
)
def test_it_refuses_a_session_id_swapped_into_the_staff_form(
    login, world, leader, service_worker, swapped
):
    sessions = {
        "hidden_session": world["hidden_session"],
        "leader_gathering": factories.LeaderGatheringFactory(programme=world["programme"]),
        "other_programme_session": factories.SessionFactory(
            programme=factories.ProgrammeFactory(ends_on=world["programme"].ends_on)
        ),
    }
    url = reverse("registrations:register_staff", args=[service_worker.pk])
    response = login(leader).post(url, {"session": sessions[swapped].pk})
    assert response.status_code == 200
    assert "Velg en av opplæringsdagene i listen." in response.text
    assert not Registration.objects.filter(session=sessions[swapped]).exists()


def test_it_refuses_an_unconfirmed_leader_their_staff(login, organisation, service_worker):
    unconfirmed = factories.LeaderFactory(organisation=organisation, leader_confirmed=False)
    client = login(unconfirmed)
    assert client.get(reverse("registrations:staff")).status_code == 404
    url = reverse("registrations:register_staff", args=[service_worker.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_it_registers_nobody_for_an_unpublished_session(request, client, world, persona):
    hidden = world["hidden_session"]
    url = reverse("registrations:register", args=[hidden.pk])
    assert client_for(request, client, persona).post(url).status_code == 404
    programme_url = reverse(
        "registrations:register_training_days", args=[world["hidden_programme"].slug]
    )
    assert client.post(programme_url).status_code == 404
    assert not Registration.objects.filter(session__programme=world["hidden_programme"]).exists()


def test_it_registers_nobody_for_an_anonymous_post(client, world):
    session = world["session"]
    response = client.post(reverse("registrations:register", args=[session.pk]))
    assert response.status_code == LOG_IN
    response = client.post(
        reverse("registrations:register_training_days", args=[world["programme"].slug])
    )
    assert response.status_code == LOG_IN
    assert Registration.objects.filter(session=session).count() == 1


def test_it_renews_no_calendar_token_for_an_anonymous_post_or_a_get(client, login, world):
    person = world["service_worker"]
    token = person.calendar_token
    url = reverse("registrations:renew_calendar_token")
    assert client.post(url).status_code == LOG_IN
    assert login(person).get(url).status_code == 405
    person.refresh_from_db()
    assert person.calendar_token == token


def test_it_registers_only_the_signed_in_person_whatever_the_post_names(
    login, world, service_worker, other_service_worker
):
    session = factories.SessionFactory(programme=world["programme"])
    url = reverse("registrations:register", args=[session.pk])
    login(service_worker).post(url, {"participant": other_service_worker.pk})
    assert list(session.registrations.values_list("participant_id", flat=True)) == [
        service_worker.pk
    ]


def test_it_takes_the_leader_confirmation_away_when_a_leader_moves_organisation(
    login, leader, other_organisation, other_service_worker
):
    """A confirmed leader who changes organisation in the profile must not lead the new one."""
    client = login(leader)
    response = client.post(
        reverse("participants:profile"),
        {
            "full_name": leader.full_name,
            "phone": "91763827",
            "organisation": other_organisation.pk,
            "role": "leader",
            "job_title": "Enhetsleder",
        },
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.organisation == other_organisation
    assert leader.leader_confirmed is False
    assert client.get(reverse("registrations:staff")).status_code == 404
    url = reverse("registrations:register_staff", args=[other_service_worker.pk])
    assert client.get(url).status_code == 404
