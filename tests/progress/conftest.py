"""Jobs for the progress tests: a private storage of the test's own, a made-up task that
records what it was asked, and finished jobs with a file."""

import datetime as dt

import pytest
from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone

from progress.jobs import Progress, job_task
from progress.models import KEPT_FOR, Job
from tests import factories

CSV = "\ufeffNavn;Enhet\r\nAnne Først;Gjøvik kommune\r\n".encode()


@pytest.fixture
def other_coordinator(db):
    return factories.CoordinatorFactory(full_name="Kai Annenkoordinator")


def make_job(owner, **fields) -> Job:
    return Job.objects.create(owner=owner.user, kind="export", title="Deltakerliste", **fields)


def finished_job(owner, *, content=CSV, finished_at=None) -> Job:
    """A done job with a CSV file, finished `finished_at` (now)."""
    finished_at = finished_at or timezone.now()
    job = make_job(
        owner,
        status=Job.Status.DONE,
        done=2,
        total=2,
        finished_at=finished_at,
        expires_at=finished_at + KEPT_FOR,
        result_name="deltakerliste-dag-3.csv",
        content_type="text/csv; charset=utf-8",
    )
    job.result.save("deltakerliste-dag-3.csv", ContentFile(content), save=True)
    return job


@pytest.fixture
def done_job(job_storage, coordinator):
    return finished_job(coordinator)


@pytest.fixture
def expired_job(job_storage, coordinator):
    return finished_job(
        coordinator, finished_at=timezone.now() - KEPT_FOR - dt.timedelta(minutes=1)
    )


# A made-up job for the tests of job_task: counts `rows`, attaches a file, or fails.
ran = []


@job_task("tests.progress.count_rows")
def count_rows(progress: Progress, *, rows: int, fail: bool = False) -> None:
    ran.append(rows)
    progress.set_total(rows)
    for _ in range(rows):
        progress.step()
    if fail:
        raise RuntimeError("the made-up job broke")
    progress.attach_file("tall.csv", f"{rows}\r\n".encode(), "text/csv; charset=utf-8")


@shared_task(name="tests.progress.plain")
def plain(**kwargs):
    return kwargs


@pytest.fixture(autouse=True)
def _forget_runs():
    ran.clear()
    yield
    ran.clear()
