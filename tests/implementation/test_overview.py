"""The coordinator's side-by-side view of every unit on the implementation plan: the
phase each unit is in, milestones per goal, units that have not moved, units per phase
at each month's end (chart and table), the download, and who may see it."""

import csv
import datetime as dt
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone

from implementation import services
from implementation.models import MilestoneRecord
from implementation.overview import month_ends, programme_progress
from tests import factories

URL = reverse("coordination:implementation")


def today():
    return timezone.localdate()


def mark(enrolment, milestone, days_ago, status="reached"):
    services.mark_milestone(
        enrolment=enrolment,
        milestone=milestone,
        status=status,
        reached_on=today() - dt.timedelta(days=days_ago) if status == "reached" else None,
        note="" if status == "reached" else "Gjelder ikke oss.",
        actor=None,
    )


def units(progress):
    return {unit.enrolment.organisation.name: unit for unit in progress.units}


def test_it_puts_each_unit_in_its_own_phase_and_counts_milestones_per_goal(world, plan):
    mark(world.own.enrolment, plan.group, 40)
    mark(world.own.enrolment, plan.staff, 20)
    mark(world.own.enrolment, plan.routine, 5)
    progress = programme_progress(world.programme)
    own = units(progress)[world.own.enrolment.organisation.name]
    other = units(progress)[world.other.enrolment.organisation.name]
    assert own.phase_name == "Gjennomføring"
    assert other.phase_name == "Forankring"
    reached = {count.goal.number: (count.reached, count.total) for count in own.per_goal}
    # goal 3 has the group and the routine, goal 1 the staff, goal 4 the partner
    assert reached == {1: (1, 1), 2: (0, 0), 3: (2, 2), 4: (0, 1)}
    assert [(phase.name, count) for phase, count in progress.phase_counts] == [
        ("Forankring", 1),
        ("Gjennomføring", 1),
    ]


def test_a_unit_with_every_milestone_done_is_done(world, plan):
    for milestone in (plan.group, plan.staff, plan.routine):
        mark(world.own.enrolment, milestone, 3)
    mark(world.own.enrolment, plan.partner, 0, status="not_relevant")
    progress = programme_progress(world.programme)
    assert units(progress)[world.own.enrolment.organisation.name].phase_name == ""
    assert progress.units_done == 1


def test_it_names_units_that_have_not_moved_for_the_chosen_weeks(world, plan):
    world.other.enrolment.enrolled_on = today() - dt.timedelta(weeks=8)
    world.other.enrolment.save(update_fields=["enrolled_on"])
    mark(world.own.enrolment, plan.group, 40)  # a change today
    stalled = [u.enrolment for u in programme_progress(world.programme).stalled]
    assert stalled == [world.other.enrolment]
    assert programme_progress(world.programme, stalled_weeks=10).stalled == []
    # a change long ago counts from when it was made, not from when it was dated
    MilestoneRecord.objects.filter(enrolment=world.own.enrolment).update(
        updated_at=timezone.now() - dt.timedelta(weeks=9)
    )
    world.own.enrolment.milestone_records.get().changes.update(
        changed_at=timezone.now() - dt.timedelta(weeks=9)
    )
    assert len(programme_progress(world.programme).stalled) == 2


def test_month_ends_run_from_the_start_month_to_today():
    ends = month_ends(dt.date(2026, 10, 15), dt.date(2026, 12, 3))
    assert ends == [dt.date(2026, 10, 31), dt.date(2026, 11, 30), dt.date(2026, 12, 3)]
    assert month_ends(dt.date(2026, 12, 1), dt.date(2027, 1, 31)) == [
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 31),
    ]


def test_it_counts_units_per_phase_at_each_month_end(world, plan):
    programme = world.programme
    programme.starts_on = dt.date(2026, 9, 10)
    programme.ends_on = dt.date(2027, 6, 1)
    programme.save(update_fields=["starts_on", "ends_on"])
    for enrolment in (world.own.enrolment, world.other.enrolment):
        enrolment.enrolled_on = programme.starts_on
        enrolment.save(update_fields=["enrolled_on"])
    for milestone, day in ((plan.group, dt.date(2026, 10, 5)), (plan.staff, dt.date(2026, 11, 2))):
        services.mark_milestone(
            enrolment=world.own.enrolment,
            milestone=milestone,
            status="reached",
            reached_on=day,
            note="",
            actor=None,
        )
    months = programme_progress(programme, today=dt.date(2026, 12, 3)).months
    assert [m.month_end for m in months] == [
        dt.date(2026, 9, 30),
        dt.date(2026, 10, 31),
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 3),
    ]
    # in October the own unit had reached only the group: still anchoring
    assert [(m.per_phase, m.done) for m in months] == [
        ([2, 0], 0),
        ([2, 0], 0),
        ([1, 1], 0),
        ([1, 1], 0),
    ]


def test_the_page_shows_units_the_chart_and_its_table(coordinator_client, world, plan):
    mark(world.own.enrolment, plan.group, 40)
    response = coordinator_client.get(URL, {"programme": world.programme.slug})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Implementering i hver enhet" in text
    assert world.own.enrolment.organisation.name in text
    assert world.other.enrolment.organisation.name in text
    assert 'role="img"' in text and "<rect" in text
    assert "Enheter per fase ved slutten av hver måned, som tabell" in text


def test_a_bad_number_of_weeks_gets_a_norwegian_message_and_the_default(
    coordinator_client, world, plan
):
    response = coordinator_client.get(URL, {"weeks": "mange"})
    assert response.status_code == 200
    assert "Skriv et helt antall uker." in response.content.decode()
    assert response.context["progress"].stalled_weeks == 6


def test_only_coordinators_see_it(client, login, leader, service_worker, supervisor, world, plan):
    assert client.get(URL).status_code == 302
    for person in (leader, service_worker, supervisor):
        client.logout()
        assert login(person).get(URL).status_code == 404
        assert login(person).get(reverse("coordination:implementation_csv")).status_code == 404


def test_the_download_holds_a_row_per_unit(coordinator_client, world, plan):
    mark(world.own.enrolment, plan.group, 40)
    query = {"programme": world.programme.slug}
    response = coordinator_client.get(reverse("coordination:implementation_csv"), query)
    assert response["Content-Disposition"].startswith('attachment; filename="implementering-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Kommune eller enhet", "Region", "Fase"]
    names = {row[0]: row for row in rows[1:]}
    assert names[world.own.enrolment.organisation.name][3] == "1"
    assert len(rows) == 3
    response = coordinator_client.get(reverse("coordination:implementation_xlsx"), query)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    coordinator_client, world, plan, assert_queries
):
    def grow(n):
        for _ in range(n):
            enrolment = factories.EnrolmentFactory(programme=world.programme)
            mark(enrolment, plan.group, 10)
            mark(enrolment, plan.staff, 5)

    grow(1)
    query = {"programme": world.programme.slug}
    # 1 session, 2 user with participant, 3 programmes, 4 enrolments with last change,
    # 5 phases, 6 goals, 7 milestones, 8 records
    with assert_queries(8):
        coordinator_client.get(URL, query)
    grow(10)
    with assert_queries(8):
        response = coordinator_client.get(URL, query)
    assert len(response.context["progress"].units) == 13


def test_the_months_begin_with_the_first_enrolment_before_the_programme_starts(world, plan):
    programme = world.programme
    programme.starts_on = today() + dt.timedelta(days=30)
    programme.ends_on = today() + dt.timedelta(days=300)
    programme.save(update_fields=["starts_on", "ends_on"])
    world.own.enrolment.enrolled_on = today() - dt.timedelta(days=45)
    world.own.enrolment.save(update_fields=["enrolled_on"])
    months = programme_progress(programme).months
    assert months[0].month_end.month == world.own.enrolment.enrolled_on.month
    assert months[-1].month_end == today()
    assert sum(months[-1].per_phase) + months[-1].done == 2
