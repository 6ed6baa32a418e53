"""The permission matrix for the implementation pages, in the style of
tests/resourcegroups/test_permissions.py: outside one's own organisation everything is
404 (coordinators excepted), also with changed ids; inside it, a service worker reads
but may not mark (403) unless the leader chose them; coordinators read."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from implementation import services
from implementation.models import Milestone, MilestoneKeeper, MilestoneRecord, Phase
from tests import factories


def url(name, world, **kwargs):
    return reverse(f"implementation:{name}", kwargs={"enrolment": world.own.enrolment.pk, **kwargs})


def yesterday():
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


# name: (method, url(world, plan), data(world, plan) or None,
#        expected for the leader, the organisation's service worker, a coordinator)
ACTIONS = {
    "plan page": ("get", lambda w, p: url("plan", w), None, (200, 200, 200)),
    "milestone page": (
        "get",
        lambda w, p: url("milestone", w, pk=p.group.pk),
        None,
        (200, 200, 200),
    ),
    "mark reached": (
        "post",
        lambda w, p: url("mark", w, pk=p.group.pk),
        lambda w, p: {"status": "reached", "reached_on": yesterday()},
        (302, 403, 403),
    ),
    "choose a keeper": (
        "post",
        lambda w, p: url("add_keeper", w),
        lambda w, p: {"participant": w.own.worker.pk},
        (302, 403, 403),
    ),
    "remove a keeper": (
        "post",
        lambda w, p: url("remove_keeper", w, participant=w.own.worker.pk),
        None,
        (302, 403, 403),
    ),
}

PERSONAS = [
    "leader",
    "service_worker",
    "coordinator",
    "other_leader",
    "other_service_worker",
    # Chose the organisation on the profile, not confirmed: an outsider, 404 everywhere.
    "unconfirmed_member",
]


def _request(client, action, world, plan):
    method, url_of, data_of, _expected = ACTIONS[action]
    return getattr(client, method)(url_of(world, plan), data_of(world, plan) if data_of else {})


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_each_persona_as_the_matrix_says(action, persona, request, world, plan, login):
    client = login(request.getfixturevalue(persona))
    response = _request(client, action, world, plan)
    expected = dict(zip(PERSONAS[:3], ACTIONS[action][3], strict=True)).get(persona, 404)
    assert response.status_code == expected, response.content[:500]


@pytest.mark.parametrize("action", ACTIONS)
def test_it_sends_anonymous_visitors_to_log_in(action, client, world, plan):
    response = _request(client, action, world, plan)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_lets_a_member_the_leader_chose_mark_milestones(login, service_worker, world, plan):
    services.choose_keeper(enrolment=world.own.enrolment, participant=service_worker)
    response = login(service_worker).post(
        url("mark", world, pk=plan.group.pk), {"status": "reached", "reached_on": yesterday()}
    )
    assert response.status_code == 302
    record = MilestoneRecord.objects.get(enrolment=world.own.enrolment, milestone=plan.group)
    assert record.updated_by == service_worker.user


def test_it_stops_a_chosen_member_who_left_the_resource_group(login, service_worker, world, plan):
    services.choose_keeper(enrolment=world.own.enrolment, participant=service_worker)
    world.own.group.memberships.filter(participant=service_worker).delete()
    response = login(service_worker).post(
        url("mark", world, pk=plan.group.pk), {"status": "reached", "reached_on": yesterday()}
    )
    assert response.status_code == 403
    assert not MilestoneRecord.objects.exists()


def test_it_lets_a_keeper_of_another_unit_mark_nothing_here(login, world, plan):
    services.choose_keeper(enrolment=world.other.enrolment, participant=world.other.worker)
    response = login(world.other.worker).post(
        url("mark", world, pk=plan.group.pk), {"status": "reached", "reached_on": yesterday()}
    )
    assert response.status_code == 404


def other_programmes_milestone(world):
    phase = Phase.objects.create(programme=factories.ProgrammeFactory(), order=1, name="Annen")
    goal = factories.GoalFactory(programme=phase.programme, number=1)
    return Milestone.objects.create(phase=phase, order=1, title="Annen", goal=goal)


CHANGED_IDS = {
    "another programme's milestone": (
        "get",
        lambda w, p: url("milestone", w, pk=other_programmes_milestone(w).pk),
        None,
    ),
    "mark another programme's milestone": (
        "post",
        lambda w, p: url("mark", w, pk=other_programmes_milestone(w).pk),
        lambda w, p: {"status": "reached", "reached_on": yesterday()},
    ),
    "remove another organisation's keeper": (
        "post",
        lambda w, p: url("remove_keeper", w, participant=w.other.worker.pk),
        None,
    ),
    "a milestone that does not exist": ("get", lambda w, p: url("milestone", w, pk=999999), None),
}


@pytest.mark.parametrize("case", CHANGED_IDS)
def test_it_gives_404_for_changed_ids_in_urls(case, login, leader, world, plan):
    method, url_of, data_of = CHANGED_IDS[case]
    services.choose_keeper(enrolment=world.other.enrolment, participant=world.other.worker)
    client = login(leader)
    response = getattr(client, method)(url_of(world, plan), data_of(world, plan) if data_of else {})
    assert response.status_code == 404
    assert not MilestoneRecord.objects.exists()
    assert MilestoneKeeper.objects.filter(participant=world.other.worker).exists()


def test_it_refuses_another_organisation_s_worker_as_keeper(login, leader, world, plan):
    response = login(leader).post(url("add_keeper", world), {"participant": world.other.worker.pk})
    assert response.status_code == 400
    assert "Velg et medlem av enhetens ressursgruppe." in response.content.decode()
    assert not MilestoneKeeper.objects.exists()


def test_it_refuses_a_colleague_outside_the_resource_group_as_keeper(login, leader, world, plan):
    colleague = factories.ParticipantFactory(organisation=world.own.enrolment.organisation)
    response = login(leader).post(url("add_keeper", world), {"participant": colleague.pk})
    assert response.status_code == 400
    assert not MilestoneKeeper.objects.exists()
