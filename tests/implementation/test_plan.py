"""The unit's timeline: status in words (reached, due, late), the phase the unit is in,
how long each phase took, and milestones proposed from the unit's own data, which
only the leader's confirmation marks."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from implementation import services
from implementation.models import MilestoneRecord
from implementation.selectors import plan_for_page
from resourcegroups import services as work
from resourcegroups.models import Meeting, WorkStatus


def today():
    return timezone.localdate()


def mark(world, milestone, days_ago, status="reached", note=""):
    services.mark_milestone(
        enrolment=world.own.enrolment,
        milestone=milestone,
        status=status,
        reached_on=today() - dt.timedelta(days=days_ago) if status == "reached" else None,
        note=note,
        actor=None,
    )


def statuses(world):
    return {row.milestone.title: row.status for row in plan_for_page(world.own.enrolment).rows}


def test_it_shows_a_milestone_past_its_due_date_as_late_in_words(login, leader, world, plan):
    # group is due 30 days after a start 60 days ago; staff is due in 30 days
    assert statuses(world)["Ressursgruppen er etablert"] == "late"
    assert statuses(world)["Ansatte er påmeldt"] == "due"
    assert statuses(world)["Rutine vedtatt"] == "open"
    page = login(leader).get(reverse("implementation:plan", args=[world.own.enrolment.pk]))
    text = page.content.decode()
    assert "<strong>Forsinket</strong>: ikke nådd innen fristen" in text
    assert "1 er forsinket." in text


def test_it_puts_the_unit_in_the_first_phase_not_done(world, plan):
    assert plan_for_page(world.own.enrolment).current_phase.phase == plan.anchoring
    mark(world, plan.group, 40)
    mark(world, plan.staff, 10, status="not_relevant", note="Alle er påmeldt fra før.")
    current = plan_for_page(world.own.enrolment).current_phase
    assert current.phase == plan.doing


def test_it_counts_a_phase_s_days_from_its_first_to_its_last_milestone(world, plan):
    mark(world, plan.group, 40)
    anchoring = plan_for_page(world.own.enrolment).phases[0]
    assert anchoring.days is None  # not done yet
    assert anchoring.started_on == today() - dt.timedelta(days=40)
    mark(world, plan.staff, 12)
    anchoring = plan_for_page(world.own.enrolment).phases[0]
    assert anchoring.days == 28
    assert anchoring.finished_on == today() - dt.timedelta(days=12)


def test_it_says_every_phase_is_done(login, leader, world, plan):
    for milestone in (plan.group, plan.staff, plan.routine, plan.partner):
        mark(world, milestone, 5)
    page = login(leader).get(reverse("implementation:plan", args=[world.own.enrolment.pk]))
    assert "Alle faser er fullført." in page.content.decode()
    assert plan_for_page(world.own.enrolment).current_phase is None


def test_it_proposes_the_group_once_it_has_members_and_has_met(world, plan):
    # the world's group has a member and met today
    row = plan_for_page(world.own.enrolment).rows[0]
    assert row.proposal is not None and row.proposal.on == today()
    Meeting.objects.filter(group=world.own.group).delete()
    assert plan_for_page(world.own.enrolment).rows[0].proposal is None


def test_it_proposes_a_routine_only_once_one_is_established(world, plan):
    def routine_row():
        return next(
            r for r in plan_for_page(world.own.enrolment).rows if r.milestone == plan.routine
        )

    assert routine_row().proposal is None
    work.change_status(item=world.own.routine, to_status=WorkStatus.ESTABLISHED, actor=None)
    assert routine_row().proposal.on == today()


def test_it_does_not_propose_a_partner_of_another_service_level(world, plan):
    world.own.partner.kind = "service_level"
    world.own.partner.save()
    row = next(r for r in plan_for_page(world.own.enrolment).rows if r.milestone == plan.partner)
    assert row.proposal is None


def test_it_marks_nothing_until_the_leader_confirms_a_proposal(login, leader, world, plan):
    client = login(leader)
    page = client.get(reverse("implementation:plan", args=[world.own.enrolment.pk]))
    assert "Bekreft som nådd" in page.content.decode()
    assert not MilestoneRecord.objects.exists()
    response = client.post(
        reverse("implementation:mark", args=[world.own.enrolment.pk, plan.group.pk]),
        {"status": "reached", "reached_on": today().isoformat()},
    )
    assert response.status_code == 302
    record = MilestoneRecord.objects.get(milestone=plan.group)
    assert record.status == "reached" and record.updated_by == leader.user
    assert plan_for_page(world.own.enrolment).rows[0].proposal is None


def test_it_does_not_show_proposals_to_those_who_cannot_mark(login, service_worker, world, plan):
    page = login(service_worker).get(reverse("implementation:plan", args=[world.own.enrolment.pk]))
    assert "Bekreft som nådd" not in page.content.decode()


def test_it_shows_a_programme_without_a_plan(login, leader, world):
    page = login(leader).get(reverse("implementation:plan", args=[world.own.enrolment.pk]))
    assert "Programmet har ingen implementeringsplan ennå." in page.content.decode()
