"""Choosing an organisation on the profile grants nothing until its confirmed leader (on
«Min enhet») or a coordinator (in the workspace) confirms that the person works there;
changing organisation asks again; the person is told by email, once."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from notifications.models import Email
from participants.membership import NotWaiting, confirm_membership
from participants.models import Participant, Registration
from tests import factories

PROFILE = {
    "full_name": "Una Ubekreftet",
    "phone": "+47 917 63 827",
    "role": Participant.Role.SERVICE_WORKER,
    "job_title": "Miljøterapeut",
}

# Every page of «Min enhet» a confirmed service worker reads (tests/resourcegroups).
UNIT_PAGES = {
    "resourcegroups:organisation": {},
    "resourcegroups:group": {},
    "resourcegroups:work": {},
    "resourcegroups:progress": {},
    "implementation:plan": {},
}


def unit_urls(world):
    enrolment = world.own.enrolment.pk
    urls = [reverse(name, kwargs={"enrolment": enrolment}) for name in UNIT_PAGES]
    urls.append(
        reverse(
            "resourcegroups:routine", kwargs={"enrolment": enrolment, "pk": world.own.routine.pk}
        )
    )
    urls.append(
        reverse("resourcegroups:offer", kwargs={"enrolment": enrolment, "pk": world.own.offer.pk})
    )
    return urls


def confirm_url(world, person):
    return reverse(
        "resourcegroups:confirm_member",
        kwargs={"enrolment": world.own.enrolment.pk, "participant": person.pk},
    )


def sign_up_with(client, organisation):
    """A new account that picks `organisation` on the profile page, as anyone can."""
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("participants:profile"), {**PROFILE, "organisation": organisation.pk}
    )
    assert response.status_code == 302
    return user.participant


# -- until confirmed: an outsider to the organisation's pages ---------------------------


def test_a_self_declared_member_gets_404_on_every_page_of_the_unit(client, world):
    sign_up_with(client, world.own.enrolment.organisation)
    for url in unit_urls(world):
        assert client.get(url).status_code == 404, url


def test_a_confirmed_service_worker_reads_the_same_pages(login, world, service_worker):
    client = login(service_worker)
    for url in unit_urls(world):
        assert client.get(url).status_code == 200, url


def test_min_enhet_tells_a_self_declared_member_they_wait(client, world):
    sign_up_with(client, world.own.enrolment.organisation)
    page = client.get(reverse("resourcegroups:mine"))
    assert page.status_code == 200
    assert "Sidene til enheten åpner seg når lederen din" in page.text
    assert reverse("resourcegroups:organisation", args=[world.own.enrolment.pk]) not in page.text


def test_a_self_declared_member_registers_for_a_session_and_sees_it(client, world):
    person = sign_up_with(client, world.own.enrolment.organisation)
    session = world.training_days[0]
    response = client.post(reverse("registrations:register", args=[session.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(participant=person).status == Registration.Status.CONFIRMED
    assert session.title in client.get(reverse("registrations:mine")).text


def test_switching_organisation_resets_the_confirmation(login, service_worker, other_organisation):
    assert service_worker.is_confirmed_member
    client = login(service_worker)
    response = client.post(
        reverse("participants:profile"),
        {**PROFILE, "full_name": service_worker.full_name, "organisation": other_organisation.pk},
    )
    assert response.status_code == 302
    service_worker.refresh_from_db()
    assert service_worker.membership_confirmed_at is None
    assert service_worker.membership_confirmed_by is None
    assert not service_worker.is_confirmed_member


def test_switching_to_the_next_organisation_does_not_open_its_pages(
    login, world, other_service_worker
):
    """A confirmed member of Lillehammer who says they moved to Gjøvik sees nothing of it."""
    client = login(other_service_worker)
    client.post(
        reverse("participants:profile"),
        {**PROFILE, "organisation": world.own.enrolment.organisation.pk},
    )
    for url in unit_urls(world):
        assert client.get(url).status_code == 404, url


def test_saving_the_profile_unchanged_keeps_the_confirmation(login, service_worker):
    client = login(service_worker)
    client.post(
        reverse("participants:profile"),
        {
            **PROFILE,
            "full_name": service_worker.full_name,
            "job_title": "Ny stilling",
            "organisation": service_worker.organisation_id,
        },
    )
    service_worker.refresh_from_db()
    assert service_worker.job_title == "Ny stilling"
    assert service_worker.is_confirmed_member


# -- the leader: not staff until confirmed, a «venter på bekreftelse» list ----------------


def test_the_leader_does_not_see_an_unconfirmed_member_as_staff(
    login, leader, world, unconfirmed_member
):
    client = login(leader)
    staff_page = client.get(reverse("registrations:staff")).text
    assert world.own.worker.full_name in staff_page
    assert unconfirmed_member.full_name not in staff_page
    register = reverse("registrations:register_staff", args=[unconfirmed_member.pk])
    assert client.get(register).status_code == 404
    page = client.get(reverse("resourcegroups:organisation", args=[world.own.enrolment.pk]))
    assert [p.pk for p in page.context["page"].staff].count(unconfirmed_member.pk) == 0
    assert list(page.context["waiting"]) == [unconfirmed_member]
    assert "Venter på bekreftelse" in page.text
    assert f'href="{confirm_url(world, unconfirmed_member)}"' in page.text


def test_the_service_worker_does_not_see_the_waiting_list(login, world, service_worker):
    factories.UnconfirmedMemberFactory(organisation=world.own.enrolment.organisation)
    page = login(service_worker).get(
        reverse("resourcegroups:organisation", args=[world.own.enrolment.pk])
    )
    assert "Venter på bekreftelse" not in page.text


def test_the_leader_confirms_after_a_confirmation_step(
    login, leader, world, unconfirmed_member, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(leader)
    step = client.get(confirm_url(world, unconfirmed_member))
    assert step.status_code == 200
    assert "Bekrefte at Una Ubekreftet jobber i Gjøvik kommune?" in step.text
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(world, unconfirmed_member), follow=True)
    assert "Una Ubekreftet er bekreftet som ansatt" in response.text
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.is_confirmed_member
    assert unconfirmed_member.membership_confirmed_by == leader.user
    [email] = mailoutbox
    assert email.to == [unconfirmed_member.user.email]
    assert "Du er bekreftet som ansatt i Gjøvik kommune" in email.subject
    client = login(unconfirmed_member)
    for url in unit_urls(world):
        assert client.get(url).status_code == 200, url


def test_a_leader_of_another_organisation_cannot_confirm(
    login, other_leader, world, unconfirmed_member
):
    client = login(other_leader)
    assert client.get(confirm_url(world, unconfirmed_member)).status_code == 404
    assert client.post(confirm_url(world, unconfirmed_member)).status_code == 404
    # Nor through their own unit's URL, with the other organisation's person in it.
    own_url = reverse(
        "resourcegroups:confirm_member",
        kwargs={"enrolment": world.other.enrolment.pk, "participant": unconfirmed_member.pk},
    )
    assert client.post(own_url).status_code == 404
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_at is None
    assert not Email.objects.exists()


def test_a_leader_not_yet_confirmed_as_leader_cannot_confirm(login, world, unconfirmed_member):
    """A confirmed member waiting for the leader role: inside the unit, so 403."""
    waiting_leader = factories.LeaderFactory(
        organisation=world.own.enrolment.organisation, leader_confirmed=False
    )
    response = login(waiting_leader).post(confirm_url(world, unconfirmed_member))
    assert response.status_code == 403
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_at is None


def test_an_unconfirmed_member_cannot_confirm_another(login, world, unconfirmed_member):
    second = factories.UnconfirmedMemberFactory(organisation=world.own.enrolment.organisation)
    response = login(unconfirmed_member).post(confirm_url(world, second))
    assert response.status_code == 404
    second.refresh_from_db()
    assert second.membership_confirmed_at is None


def test_confirming_twice_confirms_and_emails_once(
    login, leader, world, unconfirmed_member, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(confirm_url(world, unconfirmed_member))
        second = client.post(confirm_url(world, unconfirmed_member))
    assert (first.status_code, second.status_code) == (302, 404)
    assert len(mailoutbox) == 1
    assert Email.objects.filter(recipient=unconfirmed_member.user).count() == 1
    with pytest.raises(NotWaiting):
        confirm_membership(participant_id=unconfirmed_member.pk, confirmed_by=leader.user)


def test_someone_confirmed_again_after_moving_is_told_again(
    leader, other_leader, unconfirmed_member, other_organisation
):
    confirm_membership(participant_id=unconfirmed_member.pk, confirmed_by=leader.user)
    unconfirmed_member.organisation = other_organisation
    unconfirmed_member.forget_confirmations()
    unconfirmed_member.save()
    confirm_membership(
        participant_id=unconfirmed_member.pk,
        confirmed_by=other_leader.user,
        organisation_id=other_organisation.pk,
    )
    assert Email.objects.filter(recipient=unconfirmed_member.user).count() == 2


# -- the coordinator: in the workspace, beside the leaders --------------------------------


def test_the_coordinator_sees_staff_waiting_on_the_start_page(
    coordinator_client, unconfirmed_member, service_worker
):
    page = coordinator_client.get(reverse("coordination:start")).text
    assert "Ansatte som venter på bekreftelse" in page
    assert unconfirmed_member.full_name in page
    assert service_worker.full_name not in page
    assert f'href="{reverse("coordination:members")}"' in page


def test_the_coordinator_confirms_in_the_workspace(
    coordinator_client,
    coordinator,
    unconfirmed_member,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    url = reverse("coordination:confirm_member", args=[unconfirmed_member.pk])
    listing = coordinator_client.get(reverse("coordination:members")).text
    assert f'href="{url}"' in listing
    assert coordinator_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, follow=True)
        again = coordinator_client.post(url, follow=True)
    assert "er bekreftet som ansatt i Gjøvik kommune" in response.text
    assert "Ingen venter lenger på denne bekreftelsen." in again.text
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_by == coordinator.user
    assert len(mailoutbox) == 1
    assert coordinator_client.get(url).status_code == 404


def test_leaders_waiting_are_not_listed_as_staff_waiting(coordinator_client, organisation):
    """A leader waits for the leader decision, which confirms the membership with it."""
    waiting_leader = factories.LeaderFactory(
        organisation=organisation, leader_confirmed=False, membership_confirmed_at=None
    )
    url = reverse("coordination:confirm_member", args=[waiting_leader.pk])
    assert coordinator_client.get(url).status_code == 404
    coordinator_client.post(reverse("coordination:confirm_leader", args=[waiting_leader.pk]))
    waiting_leader.refresh_from_db()
    assert waiting_leader.is_confirmed_member
    assert waiting_leader.membership_confirmed_at is not None


def test_the_dashboard_says_the_membership_waits(login, unconfirmed_member, service_worker):
    waiting = "venter på bekreftelse fra lederen din eller en koordinator"
    assert waiting in login(unconfirmed_member).get(reverse("mypage:dashboard")).text
    assert waiting not in login(service_worker).get(reverse("mypage:dashboard")).text


def test_the_migration_confirms_the_members_already_there(unconfirmed_member, coordinator):
    """Existing rows keep what they had (participants/migrations/0004): only people who
    choose an organisation from now on wait."""
    migration = importlib.import_module("participants.migrations.0004_membership_confirmed")
    migration.confirm_existing_members(django_apps, None)
    unconfirmed_member.refresh_from_db()
    assert unconfirmed_member.membership_confirmed_at == unconfirmed_member.created_at
    assert unconfirmed_member.membership_confirmed_by is None
    coordinator.refresh_from_db()
    assert coordinator.membership_confirmed_at is None  # no organisation, nothing to confirm
