"""Query counts of the log pages are pinned, the same at one and at ten times the rows."""

import pytest
from django.urls import reverse

from audit.models import Entry

from .test_pages import entry, unit_log

LOG = reverse("coordination:audit_log")


def add_rows(times, *, leader, other_leader, coordinator, world):
    for _ in range(times):
        entry(actor=leader, organisation=leader.organisation, obj=world.own.routine)
        entry(actor=other_leader, organisation=other_leader.organisation, obj=world.other.offer)
        entry(actor=coordinator, obj=world.gathering, changes={"capacity": [20, 25]})
        entry(event=Entry.Event.LOGIN_FAILED)


@pytest.mark.parametrize("times", [1, 10])
def test_the_workspace_log_runs_a_fixed_number_of_queries(
    coordinator_client, assert_queries, leader, other_leader, coordinator, world, times
):
    add_rows(times, leader=leader, other_leader=other_leader, coordinator=coordinator, world=world)
    coordinator_client.get(LOG)  # ContentType's cache filled, as in a running process

    # 1 session, 2 user with profile (familiestotte.rows), 3 count, 4 the page's rows with
    # actor, person, their profiles and the object type, 5 the page's organisations'
    # names, 6 the organisation filter's choices.
    with assert_queries(6):
        response = coordinator_client.get(LOG, {"event": ""})
    assert response.status_code == 200


@pytest.mark.parametrize("times", [1, 10])
def test_the_unit_log_runs_a_fixed_number_of_queries(
    login, assert_queries, leader, other_leader, coordinator, world, times
):
    add_rows(times, leader=leader, other_leader=other_leader, coordinator=coordinator, world=world)
    client = login(leader)
    client.get(unit_log(world.own.enrolment))

    # 1 session, 2 user with profile, 3 the enrolment with programme and organisation,
    # 4 count, 5 the page's rows with actor, person, their profiles and the object type.
    with assert_queries(5):
        response = client.get(unit_log(world.own.enrolment))
    assert response.status_code == 200
