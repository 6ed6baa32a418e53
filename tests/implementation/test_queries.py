"""Query counts pinned for the unit's implementation page, the same at ten times the
plan, the records and their history."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from implementation import services
from implementation.models import Milestone, Phase


def grow(world, plan, factor):
    """`factor` more phases of four milestones, each reached and then changed once."""
    start = Phase.objects.count() + 1
    for n in range(start, start + factor):
        phase = Phase.objects.create(programme=world.programme, order=n, name=f"Fase {n}")
        for order in range(1, 5):
            milestone = Milestone.objects.create(
                phase=phase, order=order, title=f"M {n}.{order}", goal=world.goals[order - 1]
            )
            for note in ("Først", "Så"):
                services.mark_milestone(
                    enrolment=world.own.enrolment,
                    milestone=milestone,
                    status="reached",
                    reached_on=timezone.localdate() - dt.timedelta(days=order),
                    note=note,
                    actor=world.own.leader.user,
                )


def test_it_shows_the_plan_in_a_fixed_number_of_queries(login, leader, world, plan, assert_queries):
    client = login(leader)
    url = reverse("implementation:plan", kwargs={"enrolment": world.own.enrolment.pk})
    grow(world, plan, 1)
    # 1 session, 2 user with participant, 3 enrolment with programme and organisation,
    # 4 keepers, 5 milestones with phase and goal, 6 records, 7 their changes with who,
    # 8 evidence (one row of subqueries), 9 resource-group members for the keeper form
    with assert_queries(9):
        response = client.get(url)
    assert len(response.context["plan"].rows) == 8
    grow(world, plan, 10)
    with assert_queries(9):
        response = client.get(url)
    assert len(response.context["plan"].rows) == 48


def test_it_shows_a_milestone_in_a_fixed_number_of_queries(
    login, leader, world, plan, assert_queries
):
    client = login(leader)
    grow(world, plan, 1)
    milestone = Milestone.objects.get(title="M 3.1")
    url = reverse("implementation:milestone", args=[world.own.enrolment.pk, milestone.pk])
    # 1 session, 2 user with participant, 3 enrolment with programme and organisation,
    # 4 milestones, 5 records, 6 changes, 7 evidence; a leader needs no keeper query
    with assert_queries(7):
        response = client.get(url)
    assert len(response.context["history"]) == 2
    grow(world, plan, 10)
    with assert_queries(7):
        client.get(url)
