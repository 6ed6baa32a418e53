"""The nightly clean-up: jobs past their day go, with their files; younger ones stay; a
job that never finished is given up after two days; running it twice deletes nothing
more. A job also goes, with its file, when its owner's account is deleted."""

import datetime as dt

from django.utils import timezone

from familiestotte import heartbeat
from familiestotte.celery import app
from progress.cleanup import delete_expired_jobs
from progress.models import KEPT_FOR, Job
from progress.tasks import delete_expired_jobs as delete_task

from .conftest import finished_job, make_job


def test_it_deletes_a_job_past_its_day_and_its_file(
    expired_job, job_storage, django_capture_on_commit_callbacks
):
    name = expired_job.result.name
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_expired_jobs() == 1
    assert not Job.objects.exists()
    assert not job_storage.exists(name)


def test_it_keeps_a_job_within_its_day(coordinator, job_storage):
    job = finished_job(coordinator, finished_at=timezone.now() - KEPT_FOR + dt.timedelta(hours=1))
    assert delete_expired_jobs() == 0
    assert Job.objects.filter(pk=job.pk).exists()
    assert job_storage.exists(job.result.name)


def test_it_gives_up_a_job_that_never_finished_after_two_days(coordinator, db):
    lost = make_job(coordinator, created_at=timezone.now() - dt.timedelta(days=2, minutes=1))
    waiting = make_job(coordinator, created_at=timezone.now() - dt.timedelta(hours=47))
    assert delete_expired_jobs() == 1
    assert list(Job.objects.all()) == [waiting]
    assert not Job.objects.filter(pk=lost.pk).exists()


def test_running_it_twice_deletes_nothing_more(expired_job, done_job):
    assert delete_expired_jobs() == 1
    assert delete_expired_jobs() == 0
    assert list(Job.objects.all()) == [done_job]


def test_it_runs_nightly_from_beat_and_writes_its_heartbeat(expired_job):
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"] == delete_task.name]
    assert entry["schedule"].hour == {3}
    app.tasks[delete_task.name].apply(throw=True)
    assert not Job.objects.exists()
    assert "progress-delete-expired-jobs" in heartbeat.last_beats()


def test_a_deleted_account_takes_its_jobs_and_files(
    done_job, coordinator, job_storage, django_capture_on_commit_callbacks
):
    name = done_job.result.name
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.user.delete()
    assert not Job.objects.exists()
    assert not job_storage.exists(name)


def test_operators_see_jobs_in_the_admin_but_not_their_files(client, coordinator, done_job):
    client.force_login(coordinator.user)  # a superuser
    page = client.get("/admin/progress/job/").content.decode()
    assert "Deltakerliste" in page
    detail = client.get(f"/admin/progress/job/{done_job.pk}/change/").content.decode()
    assert "deltakerliste-dag-3.csv" in detail
    assert done_job.result.name not in detail  # no link to the stored file
