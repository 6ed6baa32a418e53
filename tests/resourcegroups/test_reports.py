"""Progress reports: draft, submit, read-only once submitted, late when after the due date."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from resourcegroups import services
from resourcegroups.models import GoalAssessment, ProgressReport, report_due_at
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


def report_url(world, gathering=None):
    return reverse(
        "resourcegroups:report",
        kwargs={
            "enrolment": world.own.enrolment.pk,
            "gathering": (gathering or world.gathering).pk,
        },
    )


def form_data(world, action, **extra):
    data = {
        "action": action,
        "done_since_last": "Ressursgruppen har møttes tre ganger.",
        "next_steps": "Prøve ut rutinen for første samtale.",
        "help_needed": "Veiledning på kartlegging av barn som pårørende.",
    }
    for goal in world.goals:
        data[f"goal_{goal.pk}_progress"] = GoalAssessment.Progress.STARTED
        data[f"goal_{goal.pk}_comment"] = f"Om mål {goal.number}"
    data.update(extra)
    return data


@pytest.fixture
def fresh_gathering(world):
    """A gathering without a report yet, due well in the future."""
    return factories.LeaderGatheringFactory(
        programme=world.programme,
        number=2,
        starts_at=timezone.now() + dt.timedelta(days=60),
        title="Ressursgruppen og lokale rutiner",
    )


def test_it_derives_the_due_time_from_the_gathering():
    gathering = factories.LeaderGatheringFactory.build(
        starts_at=dt.datetime(2027, 6, 10, 9, 0, tzinfo=OSLO)
    )
    assert report_due_at(gathering) == dt.datetime(2027, 5, 27, 23, 59, 59, tzinfo=OSLO)


def test_it_moves_the_due_time_with_the_setting(settings):
    settings.RESOURCEGROUPS_REPORT_DUE_DAYS = 7
    gathering = factories.LeaderGatheringFactory.build(
        starts_at=dt.datetime(2027, 6, 10, 9, 0, tzinfo=OSLO)
    )
    assert report_due_at(gathering).date() == dt.date(2027, 6, 3)


def test_it_saves_a_draft_with_an_assessment_per_goal(login, leader, world, fresh_gathering):
    response = login(leader).post(report_url(world, fresh_gathering), form_data(world, "draft"))
    assert response.status_code == 302
    report = ProgressReport.objects.get(enrolment=world.own.enrolment, gathering=fresh_gathering)
    assert report.status == ProgressReport.Status.DRAFT
    assert report.submitted_at is None
    assert report.assessments.count() == 4
    assert report.assessments.get(goal=world.goals[0]).comment == "Om mål 1"


def test_it_submits_a_report(login, leader, world, fresh_gathering):
    client = login(leader)
    client.post(report_url(world, fresh_gathering), form_data(world, "draft"))
    response = client.post(report_url(world, fresh_gathering), form_data(world, "submit"))
    assert response.status_code == 302
    report = ProgressReport.objects.get(enrolment=world.own.enrolment, gathering=fresh_gathering)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.submitted_by == leader.user
    assert not report.is_late
    page = client.get(report_url(world, fresh_gathering))
    assert "Rapporten er sendt inn. Takk!" in page.content.decode()


def test_it_refuses_to_submit_an_empty_report(login, leader, world, fresh_gathering):
    response = login(leader).post(
        report_url(world, fresh_gathering), form_data(world, "submit", done_since_last="")
    )
    assert response.status_code == 400
    assert "Før du sender inn" in response.content.decode()
    assert not ProgressReport.objects.filter(gathering=fresh_gathering).exists()


def test_it_keeps_a_submitted_report_from_being_edited_by_its_leader(login, leader, world):
    client = login(leader)
    client.post(report_url(world), form_data(world, "submit"))
    response = client.post(
        report_url(world), form_data(world, "draft", done_since_last="Endret etterpå.")
    )
    assert response.status_code == 409
    report = ProgressReport.objects.get(pk=world.own.report.pk)
    assert report.done_since_last == "Ressursgruppen har møttes tre ganger."
    assert report.is_submitted
    page = client.get(report_url(world))
    assert page.context["form"] is None
    assert "Denne rapporten er sendt inn" in response.content.decode()


def test_it_refuses_changes_to_a_submitted_report_in_the_service(world, leader):
    services.save_report(
        enrolment=world.own.enrolment,
        gathering=world.gathering,
        actor=leader.user,
        done_since_last="a",
        next_steps="b",
        help_needed="",
        assessments={},
        submit=True,
    )
    with pytest.raises(services.ReportLocked):
        services.save_report(
            enrolment=world.own.enrolment,
            gathering=world.gathering,
            actor=leader.user,
            done_since_last="c",
            next_steps="d",
            help_needed="",
            assessments={},
        )


def test_it_refuses_an_assessment_of_another_programmes_goal_in_the_service(
    world, leader, fresh_gathering
):
    stranger = factories.GoalFactory(number=9)
    with pytest.raises(ValidationError):
        services.save_report(
            enrolment=world.own.enrolment,
            gathering=fresh_gathering,
            actor=leader.user,
            done_since_last="a",
            next_steps="b",
            help_needed="",
            assessments={stranger: (GoalAssessment.Progress.STARTED, "")},
        )
    assert not ProgressReport.objects.filter(gathering=fresh_gathering).exists()


def test_it_marks_a_report_submitted_after_the_due_date_as_late(login, leader, world):
    past = factories.LeaderGatheringFactory(
        programme=world.programme,
        number=3,
        starts_at=timezone.now() + dt.timedelta(days=3),
        registration_deadline=timezone.now(),
    )
    client = login(leader)
    response = client.post(report_url(world, past), form_data(world, "submit"), follow=True)
    report = ProgressReport.objects.get(enrolment=world.own.enrolment, gathering=past)
    assert report.is_late
    assert "Rapporten er sendt inn, etter fristen." in response.content.decode()
    listing = client.get(
        reverse("resourcegroups:reports", kwargs={"enrolment": world.own.enrolment.pk})
    )
    assert "For sent" in listing.content.decode()


def test_it_does_not_mark_a_report_submitted_in_time(world, leader):
    report = world.own.report
    report.status = ProgressReport.Status.SUBMITTED
    report.submitted_at = report_due_at(world.gathering) - dt.timedelta(minutes=1)
    assert not report.is_late
    report.submitted_at = report_due_at(world.gathering) + dt.timedelta(seconds=1)
    assert report.is_late


def test_it_lets_a_coordinator_reopen_a_submitted_report(login, leader, coordinator, world):
    login(leader).post(report_url(world), form_data(world, "submit"))
    response = login(coordinator).post(
        reverse(
            "resourcegroups:reopen_report",
            kwargs={"enrolment": world.own.enrolment.pk, "gathering": world.gathering.pk},
        )
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(pk=world.own.report.pk)
    assert report.status == ProgressReport.Status.DRAFT
    assert report.submitted_at is None


def test_it_shows_a_coordinator_the_report_without_a_form(login, coordinator, world):
    response = login(coordinator).get(report_url(world))
    assert response.status_code == 200
    assert response.context["form"] is None
