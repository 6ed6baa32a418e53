"""The report-due reminder: who is selected, and one email per leader and report."""

import datetime as dt
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from reminders import report_due as services
from reminders import tasks
from resourcegroups.models import ProgressReport, report_due_at
from tests import factories


@pytest.fixture
def due_soon(world):
    """Move the world's gathering so its report is due in three days."""
    gathering = world.gathering
    gathering.starts_at = timezone.now() + dt.timedelta(days=17)
    gathering.ends_at = gathering.starts_at + dt.timedelta(hours=5)
    gathering.registration_deadline = gathering.starts_at - dt.timedelta(days=1)
    gathering.save()
    return gathering


def queued(**kwargs):
    with mock.patch("reminders.report_due.queue_email") as queue_email:
        count = services.send_report_due_reminders(**kwargs)
    return count, queue_email.call_args_list


def test_it_reminds_each_leader_of_an_unsubmitted_report_once(world, due_soon):
    count, calls = queued()
    recipients = sorted(call.kwargs["recipient"].pk for call in calls)
    assert recipients == sorted([world.own.leader.user.pk, world.other.leader.user.pk])
    assert count == 2
    keys = {call.kwargs["key"] for call in calls}
    assert keys == {
        f"report_due:{world.own.enrolment.pk}:{due_soon.pk}:{world.own.leader.user_id}",
        f"report_due:{world.other.enrolment.pk}:{due_soon.pk}:{world.other.leader.user_id}",
    }
    assert {call.kwargs["kind"] for call in calls} == {"progress_report_due"}
    assert {call.kwargs["template_prefix"] for call in calls} == {"reminders/email/report_due"}


def test_it_leaves_out_submitted_reports(world, due_soon):
    ProgressReport.objects.filter(pk=world.own.report.pk).update(
        status="submitted", submitted_at=timezone.now()
    )
    _count, calls = queued()
    assert [call.kwargs["recipient"] for call in calls] == [world.other.leader.user]


def test_it_reminds_organisations_that_have_not_started_a_report(world, due_soon):
    ProgressReport.objects.filter(pk=world.own.report.pk).delete()
    _count, calls = queued()
    own = next(c for c in calls if c.kwargs["recipient"] == world.own.leader.user)
    assert own.kwargs["context"]["has_draft"] is False


def test_it_reminds_every_confirmed_leader_but_not_unconfirmed_ones(world, due_soon):
    second = factories.LeaderFactory(organisation=world.own.enrolment.organisation)
    factories.LeaderFactory(organisation=world.own.enrolment.organisation, leader_confirmed=False)
    _count, calls = queued()
    recipients = {call.kwargs["recipient"] for call in calls}
    assert recipients == {world.own.leader.user, second.user, world.other.leader.user}


def test_it_sends_nothing_before_the_reminder_window(world):
    # The world's gathering starts in 40 days: due in 26, the window opens in 19.
    count, calls = queued()
    assert count == 0 and calls == []


def test_it_sends_nothing_once_the_gathering_has_started(world, due_soon):
    count, _calls = queued(now=due_soon.starts_at + dt.timedelta(minutes=1))
    assert count == 0


def test_it_keeps_reminding_after_the_due_date_until_the_gathering(world, due_soon):
    count, _calls = queued(now=report_due_at(due_soon) + dt.timedelta(days=1))
    assert count == 2


def test_it_leaves_out_cancelled_gatherings(world, due_soon):
    due_soon.is_cancelled = True
    due_soon.save()
    count, _calls = queued()
    assert count == 0


def test_it_gives_the_same_keys_when_run_twice(world, due_soon):
    _count, first = queued()
    _count, second = queued()
    assert [c.kwargs["key"] for c in first] == [c.kwargs["key"] for c in second]


def test_it_runs_as_a_celery_task(world, due_soon):
    with mock.patch("reminders.report_due.queue_email") as queue_email:
        result = tasks.send_report_due_reminders.apply().get()
    assert result == 2
    assert queue_email.call_count == 2


def test_it_writes_the_reminder_in_norwegian(world, due_soon):
    _count, calls = queued()
    context = calls[0].kwargs["context"]
    prefix = calls[0].kwargs["template_prefix"]
    subject = render_to_string(f"{prefix}_subject.txt", context)
    text = render_to_string(f"{prefix}.txt", context)
    html = render_to_string(f"{prefix}.html", context)
    assert subject.startswith("Framdriftsrapport før Lederrollen: frist ")
    assert "har ennå ikke sendt inn framdriftsrapporten" in text
    assert context["report_url"] in text and context["report_url"] in html
    assert "kl." in context["due_when"]


def test_it_sends_each_leader_one_email_when_the_job_runs_twice(
    world, due_soon, django_capture_on_commit_callbacks, mailoutbox
):
    from notifications.models import Email

    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_report_due_reminders()

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.own.leader.user.email, world.other.leader.user.email]
    )
    assert Email.objects.filter(kind=Email.Kind.PROGRESS_REPORT_DUE).count() == 2


def test_it_tells_the_leader_in_the_weekly_digest_that_the_report_is_due(
    world, due_soon, django_capture_on_commit_callbacks, mailoutbox
):
    from reminders.digest import create_leader_digests

    ProgressReport.objects.filter(pk=world.other.report.pk).update(
        status="submitted", submitted_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        create_leader_digests()

    digests = {m.to[0]: m.body for m in mailoutbox}
    assert "Framdriftsrapport" in digests[world.own.leader.user.email]
    assert "er ikke levert ennå" in digests[world.own.leader.user.email]
    assert "Framdriftsrapport" not in digests.get(world.other.leader.user.email, "")
