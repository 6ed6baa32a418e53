"""start_job, job_task and Progress: a job is queued only once its request commits, runs
once, reports its progress without a write per row, keeps its file in the private
storage, and fails with a Norwegian message while the exception goes to the log."""

import logging
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from progress.jobs import Progress, start_job
from progress.models import KEPT_FOR, Job

from .conftest import count_rows, make_job, ran


def test_it_records_the_job_queued_for_its_owner(coordinator, django_capture_on_commit_callbacks):
    task = mock.Mock()
    with django_capture_on_commit_callbacks(execute=False):
        job = start_job(coordinator.user, kind="export", title="Liste", task=task, kwargs={})
    job.refresh_from_db()
    assert (job.owner, job.kind, job.title, job.status) == (
        coordinator.user,
        "export",
        "Liste",
        Job.Status.QUEUED,
    )
    assert job.finished_at is None and job.expires_at is None


def test_it_queues_the_task_only_when_the_transaction_commits(
    coordinator, django_capture_on_commit_callbacks
):
    task = mock.Mock()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job(
            coordinator.user, kind="export", title="Liste", task=task, kwargs={"session_id": 7}
        )
    task.delay.assert_not_called()
    for callback in callbacks:
        callback()
    task.delay.assert_called_once_with(job_id=str(job.pk), session_id=7)


def test_a_rolled_back_request_queues_nothing(transactional_db, coordinator):
    task = mock.Mock()
    with pytest.raises(RuntimeError), transaction.atomic():
        start_job(coordinator.user, kind="export", title="Liste", task=task, kwargs={})
        raise RuntimeError("the request failed")
    task.delay.assert_not_called()
    assert not Job.objects.exists()


def test_the_task_runs_the_work_and_marks_the_job_done_with_its_file(
    job_storage, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            coordinator.user, kind="export", title="Tall", task=count_rows, kwargs={"rows": 40}
        )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.total, job.percent) == (40, 40, 100)
    assert job.expires_at == job.finished_at + KEPT_FOR
    assert (job.result_name, job.content_type) == ("tall.csv", "text/csv; charset=utf-8")
    assert job.result.name.startswith("jobs/") and job.result.name.endswith(".csv")
    assert "tall" not in job.result.name  # stored under a random name
    assert job_storage.open(job.result.name).read() == b"40\r\n"


def test_a_failing_work_marks_the_job_failed_in_norwegian_and_logs_why(
    job_storage, coordinator, caplog
):
    job = make_job(coordinator)
    with caplog.at_level(logging.ERROR, logger="progress.jobs"):
        count_rows.delay(job_id=str(job.pk), rows=3, fail=True)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Noe gikk galt")
    assert "the made-up job broke" not in job.message
    assert job.expires_at == job.finished_at + KEPT_FOR
    [record] = [r for r in caplog.records if r.name == "progress.jobs"]
    assert record.exc_info and "the made-up job broke" in str(record.exc_info[1])
    assert not job.result


@pytest.mark.parametrize("status", [Job.Status.DONE, Job.Status.FAILED])
def test_a_finished_job_is_never_run_again(coordinator, status):
    job = make_job(coordinator, status=status)
    count_rows.delay(job_id=str(job.pk), rows=3)
    assert ran == []
    job.refresh_from_db()
    assert job.status == status


def test_a_job_left_running_by_a_lost_worker_is_run_again_from_the_start(job_storage, coordinator):
    job = make_job(coordinator, status=Job.Status.RUNNING, done=7, total=10)
    count_rows.delay(job_id=str(job.pk), rows=10)
    job.refresh_from_db()
    assert ran == [10]
    assert (job.status, job.done) == (Job.Status.DONE, 10)


def test_a_second_run_keeps_only_the_last_file(job_storage, coordinator):
    job = make_job(coordinator)
    progress = Progress(job)
    progress.attach_file("a.csv", b"1", "text/csv")
    first = job.result.name
    progress.attach_file("a.csv", b"2", "text/csv")
    assert not job_storage.exists(first)
    assert job_storage.open(job.result.name).read() == b"2"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def updates(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith('UPDATE "progress_job"'))


def test_step_writes_about_every_percent_not_every_row(coordinator):
    job = make_job(coordinator)
    progress = Progress(job, clock=FakeClock())  # the clock stands still
    with CaptureQueriesContext(connection) as queries:
        progress.set_total(10_000)
        for _ in range(10_000):
            progress.step()
    assert updates(queries) == 1 + 100  # the total, then once every 100 rows
    job.refresh_from_db()
    assert (job.done, job.total) == (10_000, 10_000)


def test_step_writes_after_half_a_second_even_within_a_percent(coordinator):
    job = make_job(coordinator)
    clock = FakeClock()
    progress = Progress(job, clock=clock)
    progress.set_total(10_000)
    with CaptureQueriesContext(connection) as queries:
        progress.step()
        clock.now += 0.4
        progress.step()
        assert updates(queries) == 0
        clock.now += 0.2
        progress.step()
    assert updates(queries) == 1
    assert Job.objects.get(pk=job.pk).done == 3


def test_step_without_a_total_writes_only_by_the_clock(coordinator):
    job = make_job(coordinator)
    clock = FakeClock()
    progress = Progress(job, clock=clock)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(100):
            progress.step()
        assert updates(queries) == 0
        clock.now += 0.6
        progress.step()
    assert updates(queries) == 1
    assert Job.objects.get(pk=job.pk).done == 101


def test_set_message_is_seen_at_once(coordinator):
    job = make_job(coordinator)
    Progress(job).set_message("Lager regnearket …")
    assert Job.objects.get(pk=job.pk).message == "Lager regnearket …"


def test_percent_is_whole_and_never_over_a_hundred(coordinator):
    assert make_job(coordinator, done=1, total=3).percent == 33
    assert make_job(coordinator, done=5, total=3).percent == 100
    assert make_job(coordinator, done=0, total=0).percent == 0
