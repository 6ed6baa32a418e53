"""The permission matrix: every page and action, for every persona.

Outside one's own organisation everything is 404 (coordinators excepted), also
when the ids in URLs or form fields are changed; inside it, a service worker
reads but may not change (403); anonymous visitors are sent to log in.
"""

import pytest
from django.urls import reverse

from resourcegroups.models import ProgressReport
from tests import factories

OWN, CHANGED = "own", "changed"


def url(name, world, **kwargs):
    return reverse(f"resourcegroups:{name}", kwargs={"enrolment": world.own.enrolment.pk, **kwargs})


def new_staff(world):
    return factories.ParticipantFactory(organisation=world.own.enrolment.organisation).pk


def new_waiting(world):
    organisation = world.own.enrolment.organisation
    return factories.UnconfirmedMemberFactory(organisation=organisation).pk


def submitted(world):
    ProgressReport.objects.filter(pk=world.own.report.pk).update(
        status="submitted", submitted_at=world.own.report.updated_at
    )


# name: (method, url(world), data(world) or None, setup(world) or None,
#        expected status for the leader, the organisation's service worker, a coordinator)
ACTIONS = {
    "organisation page": ("get", lambda w: url("organisation", w), None, None, (200, 200, 200)),
    "resource group page": ("get", lambda w: url("group", w), None, None, (200, 200, 200)),
    "routines and offers": ("get", lambda w: url("work", w), None, None, (200, 200, 200)),
    "routine page": (
        "get",
        lambda w: url("routine", w, pk=w.own.routine.pk),
        None,
        None,
        (200, 200, 200),
    ),
    "offer page": (
        "get",
        lambda w: url("offer", w, pk=w.own.offer.pk),
        None,
        None,
        (200, 200, 200),
    ),
    "progress charts": ("get", lambda w: url("progress", w), None, None, (200, 200, 200)),
    "staff table as CSV": ("get", lambda w: url("staff_csv", w), None, None, (200, 403, 200)),
    "staff table as XLSX": ("get", lambda w: url("staff_xlsx", w), None, None, (200, 403, 200)),
    "new routine form": ("get", lambda w: url("routine_new", w), None, None, (200, 403, 200)),
    "change routine form": (
        "get",
        lambda w: url("routine_edit", w, pk=w.own.routine.pk),
        None,
        None,
        (200, 403, 200),
    ),
    "change meeting form": (
        "get",
        lambda w: url("meeting", w, pk=w.own.meeting.pk),
        None,
        None,
        (200, 403, 200),
    ),
    "report list": ("get", lambda w: url("reports", w), None, None, (200, 403, 200)),
    "report page": (
        "get",
        lambda w: url("report", w, gathering=w.gathering.pk),
        None,
        None,
        (200, 403, 200),
    ),
    "add member": (
        "post",
        lambda w: url("add_member", w),
        lambda w: {"participant": new_staff(w)},
        None,
        (302, 403, 302),
    ),
    "remove member": (
        "post",
        lambda w: url("remove_member", w, participant=w.own.worker.pk),
        None,
        None,
        (302, 403, 302),
    ),
    "name contact person": (
        "post",
        lambda w: url("contact", w),
        lambda w: {"contact_person": w.own.worker.pk},
        None,
        (302, 403, 302),
    ),
    "record meeting": (
        "post",
        lambda w: url("add_meeting", w),
        lambda w: {"met_on": "2026-11-01", "notes": "Bestemte tema for neste møte."},
        None,
        (302, 302, 302),
    ),
    "change meeting": (
        "post",
        lambda w: url("meeting", w, pk=w.own.meeting.pk),
        lambda w: {"met_on": "2026-11-02", "notes": "Endret."},
        None,
        (302, 403, 302),
    ),
    "create routine": (
        "post",
        lambda w: url("routine_new", w),
        lambda w: {
            "title": "Kartlegging av barn som pårørende",
            "status": "idea",
            "goals": [w.goals[2].pk],
        },
        None,
        (302, 403, 302),
    ),
    "change routine": (
        "post",
        lambda w: url("routine_edit", w, pk=w.own.routine.pk),
        lambda w: {"title": "Ny tittel", "description": "", "goals": [w.goals[0].pk]},
        None,
        (302, 403, 302),
    ),
    "change routine status": (
        "post",
        lambda w: url("routine_status", w, pk=w.own.routine.pk),
        lambda w: {"status": "planned"},
        None,
        (302, 403, 302),
    ),
    "change offer status": (
        "post",
        lambda w: url("offer_status", w, pk=w.own.offer.pk),
        lambda w: {"status": "established"},
        None,
        (302, 403, 302),
    ),
    "add partner": (
        "post",
        lambda w: url("add_partner", w),
        lambda w: {"name": "Mental Helse", "kind": "user_organisation"},
        None,
        (302, 403, 302),
    ),
    "remove partner": (
        "post",
        lambda w: url("remove_partner", w, pk=w.own.partner.pk),
        None,
        None,
        (302, 403, 302),
    ),
    "save report draft": (
        "post",
        lambda w: url("report", w, gathering=w.gathering.pk),
        lambda w: {"action": "draft", "done_since_last": "Mye."},
        None,
        (302, 403, 403),
    ),
    "reopen report": (
        "post",
        lambda w: url("reopen_report", w, gathering=w.gathering.pk),
        None,
        submitted,
        (403, 403, 302),
    ),
    "confirm a member step": (
        "get",
        lambda w: url("confirm_member", w, participant=new_waiting(w)),
        None,
        None,
        (200, 403, 200),
    ),
    "confirm a member": (
        "post",
        lambda w: url("confirm_member", w, participant=new_waiting(w)),
        None,
        None,
        (302, 403, 302),
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


def _request(client, action, world):
    method, url_of, data_of, setup, _expected = ACTIONS[action]
    if setup:
        setup(world)
    data = data_of(world) if data_of else {}
    return getattr(client, method)(url_of(world), data)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_each_persona_as_the_matrix_says(action, persona, request, world, login):
    client = login(request.getfixturevalue(persona))
    response = _request(client, action, world)
    expected = dict(zip(PERSONAS[:3], ACTIONS[action][4], strict=True)).get(persona, 404)
    assert response.status_code == expected, response.content[:500]


@pytest.mark.parametrize("action", ACTIONS)
def test_it_sends_anonymous_visitors_to_log_in(action, client, world):
    response = _request(client, action, world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_gives_404_for_an_enrolment_that_does_not_exist(login, leader, world):
    response = login(leader).get(
        reverse("resourcegroups:organisation", kwargs={"enrolment": 999999})
    )
    assert response.status_code == 404


# Changed ids: the leader's own enrolment in the URL, another organisation's object in
# the URL or in a form field.
CHANGED_IDS = {
    "routine of another organisation": (
        "get",
        lambda w: url("routine", w, pk=w.other.routine.pk),
        None,
    ),
    "offer of another organisation": ("get", lambda w: url("offer", w, pk=w.other.offer.pk), None),
    "routine given as an offer": (
        "get",
        lambda w: url("offer", w, pk=w.own.routine.pk + 10_000),
        None,
    ),
    "edit another organisation's routine": (
        "post",
        lambda w: url("routine_edit", w, pk=w.other.routine.pk),
        lambda w: {"title": "Kapret", "goals": []},
    ),
    "status of another organisation's offer": (
        "post",
        lambda w: url("offer_status", w, pk=w.other.offer.pk),
        lambda w: {"status": "ended"},
    ),
    "meeting of another organisation": (
        "post",
        lambda w: url("meeting", w, pk=w.other.meeting.pk),
        lambda w: {"met_on": "2026-11-01", "notes": "Kapret"},
    ),
    "remove another organisation's member": (
        "post",
        lambda w: url("remove_member", w, participant=w.other.worker.pk),
        None,
    ),
    "remove another organisation's partner": (
        "post",
        lambda w: url("remove_partner", w, pk=w.other.partner.pk),
        None,
    ),
    "add another organisation's worker as member": (
        "post",
        lambda w: url("add_member", w),
        lambda w: {"participant": w.other.worker.pk},
    ),
    "name another organisation's worker as contact": (
        "post",
        lambda w: url("contact", w),
        lambda w: {"contact_person": w.other.worker.pk},
    ),
    "goal of another programme": (
        "post",
        lambda w: url("routine_new", w),
        lambda w: {"title": "X", "status": "idea", "goals": [factories.GoalFactory(number=9).pk]},
    ),
    "report for a session that is not a leader gathering": (
        "get",
        lambda w: url("report", w, gathering=w.training_days[0].pk),
        None,
    ),
    "report for another programme's gathering": (
        "post",
        lambda w: url("report", w, gathering=factories.LeaderGatheringFactory().pk),
        lambda w: {"action": "draft"},
    ),
}


@pytest.mark.parametrize("case", CHANGED_IDS)
def test_it_gives_404_for_changed_ids_in_urls_and_form_fields(case, login, leader, world):
    method, url_of, data_of = CHANGED_IDS[case]
    client = login(leader)
    response = getattr(client, method)(url_of(world), data_of(world) if data_of else {})
    assert response.status_code == 404
    world.other.routine.refresh_from_db()
    assert world.other.routine.title != "Kapret"
    assert not world.own.group.memberships.filter(participant=world.other.worker).exists()


@pytest.mark.parametrize(
    "persona", ["leader", "service_worker", "other_leader", "other_service_worker"]
)
def test_it_hides_the_overview_from_everyone_but_coordinators(persona, request, login, world):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("coordination:organisations")).status_code == 404
    assert client.get(reverse("coordination:organisations_csv")).status_code == 404
    assert client.get(reverse("coordination:organisations_xlsx")).status_code == 404


def test_it_shows_the_overview_to_coordinators(login, coordinator, world):
    assert login(coordinator).get(reverse("coordination:organisations")).status_code == 200


def test_it_sends_anonymous_visitors_from_the_overview_to_log_in(client, world):
    response = client.get(reverse("coordination:organisations"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_lets_a_service_worker_change_only_the_meetings_they_recorded(
    login, service_worker, world
):
    client = login(service_worker)
    client.post(url("add_meeting", world), {"met_on": "2026-11-01", "notes": "Mitt referat."})
    own_meeting = world.own.group.meetings.get(notes="Mitt referat.")
    response = client.post(
        url("meeting", world, pk=own_meeting.pk), {"met_on": "2026-11-01", "notes": "Rettet."}
    )
    assert response.status_code == 302
    own_meeting.refresh_from_db()
    assert own_meeting.notes == "Rettet."


def test_it_keeps_a_service_worker_outside_the_group_from_recording_meetings(login, world):
    outsider = factories.ParticipantFactory(organisation=world.own.enrolment.organisation)
    response = login(outsider).post(
        url("add_meeting", world), {"met_on": "2026-11-01", "notes": "Ikke medlem."}
    )
    assert response.status_code == 403


def test_it_treats_an_unconfirmed_leader_as_a_service_worker(login, world):
    unconfirmed = factories.LeaderFactory(
        organisation=world.own.enrolment.organisation, leader_confirmed=False
    )
    client = login(unconfirmed)
    assert client.get(url("organisation", world)).status_code == 200
    assert client.get(url("reports", world)).status_code == 403
    assert client.post(url("add_partner", world), {"name": "X", "kind": "other"}).status_code == 403
