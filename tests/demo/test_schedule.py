"""The embedded demo runs the periodic jobs in-process (demo/schedule.py): the reminder
sweep at start and then on its interval, clock-time jobs only at their time, a failing
job never stopping the others, and never where a broker and a real beat should run."""

import datetime as dt
import logging

import pytest
from celery import shared_task
from django.utils import timezone

from demo.schedule import LONGEST_SLEEP, InProcessBeat
from familiestotte.celery import app
from participants.models import Registration
from tests import factories


@shared_task(name="tests.demo.always_fails")
def always_fails():
    raise RuntimeError("this job always fails")


@pytest.fixture
def due_reminder(db):
    """A confirmed registration, three days old, for a session in 12 hours: its
    one-day reminder is due."""
    session = factories.SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=12))
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    registration = factories.RegistrationFactory(session=session, confirmed_at=three_days_ago)
    Registration.objects.filter(pk=registration.pk).update(created_at=three_days_ago)
    return registration


def test_the_reminder_sweep_runs_at_start_and_sends_what_is_due(
    due_reminder, mailoutbox, django_capture_on_commit_callbacks
):
    beat = InProcessBeat()
    with django_capture_on_commit_callbacks(execute=True):
        ran, _wait = beat.tick()

    assert "reminders-sweep" in ran
    assert [email.to for email in mailoutbox] == [[due_reminder.participant.user.email]]


def test_a_job_that_ran_waits_for_its_interval(db):
    beat = InProcessBeat()
    beat.tick()
    ran, wait = beat.tick()
    assert ran == []
    assert wait == LONGEST_SLEEP  # the sweep is two minutes away; the thread looks again sooner


def test_clock_time_jobs_wait_for_their_time(db):
    ran, _wait = InProcessBeat().tick()
    assert ran == ["reminders-sweep"]  # not the Monday digest, the report reminders or retention


def test_a_failing_job_does_not_stop_the_others(db, caplog):
    schedule = {
        "failing": {"task": "tests.demo.always_fails", "schedule": 60.0},
        "reminders-sweep": app.conf.beat_schedule["reminders-sweep"],
    }
    with caplog.at_level(logging.ERROR, logger="demo.schedule"):
        ran, _wait = InProcessBeat(schedule).tick()
    assert ran == ["failing", "reminders-sweep"]
    assert "The periodic job failing failed" in caplog.text


def test_it_refuses_to_run_beside_a_broker(db):
    app.conf.task_always_eager = False  # as with CELERY_BROKER_URL; the fixture restores it
    with pytest.raises(RuntimeError, match="embedded demo only"):
        InProcessBeat()
