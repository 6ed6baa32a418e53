"""People from outside the participating organisations: a guest names their employer,
registers for open events (a conference) and sees no organisation's pages."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from participants.models import Participant, Registration
from programme.models import Session
from registrations import services
from tests import factories

GUEST_PROFILE = {
    "full_name": "Gro Gjest",
    "phone": "917 63 827",
    "role": Participant.Role.GUEST,
    "employer_name": "Pårørendesenteret i Hedmark",
    "job_title": "Erfaringskonsulent",
}


@pytest.fixture
def new_user_client(client, db):
    client.force_login(factories.UserFactory(email="gro@example.no"))
    return client


def post_profile(client, **changes):
    return client.post(reverse("participants:profile"), {**GUEST_PROFILE, **changes})


def form_errors(response, field) -> list[str]:
    return response.context["form"].errors.get(field, [])


# --- the profile ------------------------------------------------------------------------


def test_a_guest_completes_the_profile_with_an_employer_not_in_the_list(new_user_client):
    response = post_profile(new_user_client)
    assert response.status_code == 302
    guest = Participant.objects.get()
    assert guest.role == Participant.Role.GUEST
    assert guest.organisation is None
    assert guest.employer_name == "Pårørendesenteret i Hedmark"
    assert guest.profile_is_complete()


def test_the_profile_offers_the_guest_role_with_an_employer_field(new_user_client):
    html = new_user_client.get(reverse("participants:profile")).content.decode()
    assert "Gjest fra utenfor de deltakende enhetene" in html
    assert 'for="id_employer_name"' in html and 'id="id_employer_name"' in html
    assert "Arbeidsgiver, hvis den ikke står i listen" in html


def test_a_guest_must_name_the_employer(new_user_client):
    response = post_profile(new_user_client, employer_name="  ")
    assert form_errors(response, "employer_name") == [
        "Skriv hvor du arbeider, eller velg enheten din og en annen rolle."
    ]
    assert not Participant.objects.exists()


def test_a_guest_who_also_chose_an_organisation_gets_none(new_user_client, organisation):
    post_profile(new_user_client, organisation=organisation.pk)
    guest = Participant.objects.get()
    assert guest.organisation is None and guest.membership_confirmed_at is None


def test_a_service_worker_still_chooses_an_organisation(new_user_client):
    response = post_profile(new_user_client, role=Participant.Role.SERVICE_WORKER)
    assert form_errors(response, "organisation") == ["Feltet er påkrevet."]
    assert not Participant.objects.exists()


def test_a_service_worker_keeps_no_employer_name(new_user_client, organisation):
    post_profile(
        new_user_client, role=Participant.Role.SERVICE_WORKER, organisation=organisation.pk
    )
    person = Participant.objects.get()
    assert person.organisation == organisation and person.employer_name == ""


def test_a_service_worker_who_becomes_a_guest_leaves_the_organisation(client, service_worker):
    client.force_login(service_worker.user)
    post_profile(client, organisation=service_worker.organisation_id)
    service_worker.refresh_from_db()
    assert service_worker.role == Participant.Role.GUEST
    assert service_worker.organisation is None
    assert not service_worker.is_confirmed_member


def test_the_database_refuses_a_guest_with_an_organisation(guest, organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=guest.pk).update(organisation=organisation)


def test_the_database_refuses_a_guest_without_an_employer(guest):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=guest.pk).update(employer_name="")


# --- registering ------------------------------------------------------------------------


def test_a_guest_registers_for_an_open_conference(login, guest, open_conference):
    response = login(guest).post(reverse("registrations:register", args=[open_conference.pk]))
    assert response.status_code == 302
    registration = Registration.objects.get(participant=guest)
    assert registration.session == open_conference
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "make_session",
    [
        factories.SessionFactory,  # a training day
        factories.LeaderGatheringFactory,
        factories.EventFactory,  # an event for service workers and leaders only
    ],
)
def test_a_guest_may_not_register_for_what_is_not_open(guest, make_session):
    session = make_session()
    with pytest.raises(services.RegistrationError) as error:
        services.register(participant=guest, session=session)
    assert error.value.messages == [
        "Gjester fra utenfor de deltakende enhetene melder seg bare på åpne arrangementer. "
        "Opplæringsdager og samlinger er for ansatte i de deltakende enhetene."
    ]
    assert not Registration.objects.exists()


def test_the_session_page_tells_a_guest_why_a_training_day_is_closed(login, guest, db):
    session = factories.SessionFactory()
    html = login(guest).get(session.get_absolute_url()).content.decode()
    assert "Gjester fra utenfor de deltakende enhetene melder seg bare på åpne" in html


def test_staff_register_for_an_open_event_as_before(service_worker, leader, open_conference):
    for person in (service_worker, leader):
        services.register(participant=person, session=open_conference)
    assert open_conference.registrations.count() == 2


def test_an_open_event_says_so_on_its_page(client, open_conference):
    html = client.get(open_conference.get_absolute_url()).content.decode()
    assert "Åpent for alle, også utenfor programmet" in html


# --- no organisation's pages --------------------------------------------------------------


def organisation_pages(world) -> dict[str, str]:
    own = world.own
    enrolment = own.enrolment.pk
    return {
        "organisation": reverse("resourcegroups:organisation", kwargs={"enrolment": enrolment}),
        "resource group": reverse("resourcegroups:group", kwargs={"enrolment": enrolment}),
        "routines and offers": reverse("resourcegroups:work", kwargs={"enrolment": enrolment}),
        "routine": reverse(
            "resourcegroups:routine", kwargs={"enrolment": enrolment, "pk": own.routine.pk}
        ),
        "staff export": reverse("resourcegroups:staff_csv", kwargs={"enrolment": enrolment}),
    }


def test_a_guest_registered_for_the_conference_sees_no_organisations_pages(
    client, world, open_conference
):
    """Through the portal as a guest would: profile, register, then try the pages."""
    client.force_login(factories.UserFactory())
    client.post(reverse("participants:profile"), GUEST_PROFILE)
    client.post(reverse("registrations:register", args=[open_conference.pk]))
    guest = Participant.objects.get(role=Participant.Role.GUEST)
    assert guest.registrations.get().session == open_conference
    for name, url in organisation_pages(world).items():
        assert client.get(url).status_code == 404, name


def test_a_confirmed_member_sees_the_same_pages(login, world):
    """The negative control: the pages above exist for their own staff."""
    client = login(world.own.worker)
    answers = {name: client.get(url).status_code for name, url in organisation_pages(world).items()}
    assert answers["organisation"] == answers["resource group"] == answers["routine"] == 200


# --- coordinators ---------------------------------------------------------------------


def test_coordinators_see_the_guests_employer_in_the_participant_list(
    coordinator_client, guest, open_conference
):
    services.register(participant=guest, session=open_conference)
    html = coordinator_client.get(
        reverse("coordination:session", args=[open_conference.pk])
    ).content.decode()
    assert "<td>Pårørendesenteret</td>" in html
    assert "<td>Gjest</td>" in html


def test_the_participant_export_names_the_guests_employer(
    coordinator_client, guest, open_conference
):
    services.register(participant=guest, session=open_conference)
    response = coordinator_client.get(reverse("coordination:export_csv", args=[open_conference.pk]))
    rows = response.content.decode("utf-8-sig").splitlines()
    assert any(row.startswith(f"{guest.full_name};Pårørendesenteret;Gjest;") for row in rows), rows


def test_an_open_event_is_one_of_the_audiences_in_the_admin(coordinator_client, open_conference):
    url = reverse("admin:programme_session_change", args=[open_conference.pk])
    assert '<option value="open" selected>' in coordinator_client.get(url).content.decode()


def test_a_session_open_to_everyone_is_open_to_every_role():
    session = Session(audience=Session.Audience.OPEN)
    assert all(session.is_open_to(role) for role in Participant.Role.values)
    assert not Session(audience=Session.Audience.ALL).is_open_to(Participant.Role.GUEST)


# --- their own pages ------------------------------------------------------------------


def test_a_guest_has_min_side_with_the_conference(login, guest, open_conference):
    services.register(participant=guest, session=open_conference)
    response = login(guest).get(reverse("mypage:dashboard"))
    assert response.status_code == 200
    assert open_conference.title in response.content.decode()


def test_a_guests_employer_is_in_the_download_of_their_data(login, guest):
    response = login(guest).get(reverse("privacy:my_data_download"))
    profile = json.loads(response.content)["profile"]
    assert profile["employer_name"] == "Pårørendesenteret"
    assert profile["organisation"] is None and profile["role_label"] == "Gjest"
