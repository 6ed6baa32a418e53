"""Progress over time: attendance rate per training day and routines/offers by status,
drawn as SVG with the same numbers in a table."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.urls import reverse

from participants.models import Registration
from resourcegroups import charts
from resourcegroups.models import StatusChange
from resourcegroups.selectors.enrolments import staff_for_page
from resourcegroups.selectors.matrix import attendance_matrix
from resourcegroups.selectors.work import status_over_time
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


def progress_url(world):
    return reverse("resourcegroups:progress", kwargs={"enrolment": world.own.enrolment.pk})


def register(world, day, *, attended, status=Registration.Status.CONFIRMED):
    person = factories.ParticipantFactory(organisation=world.own.enrolment.organisation)
    return factories.RegistrationFactory(
        participant=person, session=day, status=status, attended=attended
    )


def table_row(content, table_id, row_start):
    table = content[content.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    row = next(r for r in table.split("<tr>") if row_start in r)
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
    ]


def test_it_gives_the_attendance_rate_per_training_day_in_the_table(login, leader, world):
    day_one, day_two = world.training_days
    for attended in (True, True, True, False):
        register(world, day_one, attended=attended)
    register(world, day_one, attended=None)  # attendance not recorded: not counted
    register(world, day_one, attended=None, status=Registration.Status.WAITLISTED)
    register(world, day_two, attended=None)
    content = login(leader).get(progress_url(world)).content.decode()
    # registered, attendance recorded, attended, rate
    assert table_row(content, "attendance-table", day_one.title) == ["5", "4", "3", "75 %"]
    assert table_row(content, "attendance-table", day_two.title) == [
        "1",
        "0",
        "0",
        "ikke registrert",
    ]


def test_it_counts_only_the_organisations_own_staff(login, leader, world):
    day_one = world.training_days[0]
    register(world, day_one, attended=True)
    factories.RegistrationFactory(participant=world.other.worker, session=day_one, attended=False)
    content = login(leader).get(progress_url(world)).content.decode()
    assert table_row(content, "attendance-table", day_one.title) == ["1", "1", "1", "100 %"]


def test_it_draws_a_bar_as_high_as_the_rate(world):
    day_one = world.training_days[0]
    register(world, day_one, attended=True)
    register(world, day_one, attended=False)
    staff = list(staff_for_page(world.own.enrolment))
    matrix = attendance_matrix(world.own.enrolment, staff=staff, training_days=world.training_days)
    chart = charts.attendance_chart(matrix.totals)
    assert chart.bars[0].height == charts.PLOT_HEIGHT / 2
    assert chart.bars[0].value_label == "50 %"
    assert chart.bars[1].height == 0


def dated_history(world):
    """The programme starts 1 January 2027; the routine's status history is dated 10
    January and the offer's 5 February. Returns (enrolment, routine)."""
    enrolment = world.own.enrolment
    enrolment.programme.starts_on = dt.date(2027, 1, 1)
    routine, offer = world.own.routine, world.own.offer
    StatusChange.objects.filter(routine=routine).update(
        changed_at=dt.datetime(2027, 1, 10, tzinfo=OSLO)
    )
    StatusChange.objects.filter(offer=offer).update(changed_at=dt.datetime(2027, 2, 5, tzinfo=OSLO))
    return enrolment, routine


def test_it_counts_routines_and_offers_by_status_at_each_month_end(world, leader):
    enrolment, routine = dated_history(world)
    StatusChange.objects.create(
        routine=routine,
        from_status="idea",
        to_status="established",
        changed_at=dt.datetime(2027, 3, 31, 23, 0, tzinfo=OSLO),
    )
    points = status_over_time(enrolment, now=dt.datetime(2027, 4, 15, tzinfo=OSLO))
    by_month = {point.at.date(): point.counts for point in points}
    assert by_month[dt.date(2027, 2, 1)] == {
        "idea": 1,
        "planned": 0,
        "in_progress": 0,
        "established": 0,
        "ended": 0,
    }
    assert by_month[dt.date(2027, 3, 1)]["idea"] == 2
    assert by_month[dt.date(2027, 4, 1)] == {
        "idea": 1,
        "planned": 0,
        "in_progress": 0,
        "established": 1,
        "ended": 0,
    }
    assert points[-1].at == dt.datetime(2027, 4, 15, tzinfo=OSLO)


def test_it_renders_svg_without_style_attributes_and_with_a_text_alternative(
    login, service_worker, world
):
    response = login(service_worker).get(progress_url(world))
    content = response.content.decode()
    assert content.count('<svg class="chart"') == 2
    assert 'role="img"' in content and '<title id="attendance-chart-title">' in content
    assert "style=" not in content
    assert 'id="status-table"' in content and 'id="attendance-table"' in content
    assert "Oppmøte per opplæringsdag" in content


def test_it_carries_statuses_from_before_the_first_point_shown(world):
    enrolment, routine = dated_history(world)
    StatusChange.objects.create(
        routine=routine,
        from_status="idea",
        to_status="planned",
        changed_at=dt.datetime(2027, 5, 2, tzinfo=OSLO),
    )
    points = status_over_time(enrolment, now=dt.datetime(2027, 6, 15, tzinfo=OSLO), max_points=3)
    assert [point.at.date() for point in points] == [
        dt.date(2027, 5, 1),
        dt.date(2027, 6, 1),
        dt.date(2027, 6, 15),
    ]
    assert [(p.counts["idea"], p.counts["planned"]) for p in points] == [(2, 0), (1, 1), (1, 1)]
